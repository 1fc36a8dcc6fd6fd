"""Framework catalogs as data: one data file per framework, one interface for all of them.

Each `aims_lint/catalog/<framework>.yaml` is a catalog (format: docs/catalogs.md):
its kinds of item, the items with their hierarchy and titles, what each expects
as documented information, and the numbering rules that did-you-mean
suggestions follow. The registry is the set of those files: adding a
framework is adding its file (and the rules that read it), no Python change
here. ISO/IEC 42001:2023 (`iso42001`) is the catalog every built-in rule,
the SoA, the readiness report and the site read today.

A catalog is parsed on first use, once per process, so importing a rule
module costs nothing.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TypeAlias

from aims_lint.catalog.loader import CatalogError, build, read_catalog
from aims_lint.catalog.model import Catalog, DocumentedInformation, Item, Kind
from aims_lint.catalog.numbering import Numbering

DEFAULT_FRAMEWORK = "iso42001"
# Names the pages and reports read items of these kinds by; every item is an Item.
Clause: TypeAlias = Item
Objective: TypeAlias = Item
Control: TypeAlias = Item

__all__ = [
    "DEFAULT_FRAMEWORK", "Catalog", "CatalogError", "Clause", "Control", "DocumentedInformation", "Item",
    "Kind", "Numbering", "Objective", "available", "covers", "load_catalog", "read_catalog", "suggest",
]


@cache  # the package folder does not change while a process runs; citing rules ask once per id
def available() -> tuple[str, ...]:
    """The frameworks this package has a catalog for: the stems of its catalog data files."""
    files = resources.files("aims_lint.catalog").iterdir()
    return tuple(sorted(f.name.removesuffix(".yaml") for f in files if f.name.endswith(".yaml")))


def load_catalog(framework: str = DEFAULT_FRAMEWORK) -> Catalog:
    """The packaged catalog of `framework`, parsed once per process."""
    return parsed(framework)


@cache  # keyed by the name alone, so load_catalog() and load_catalog("iso42001") are one object
def parsed(framework: str) -> Catalog:
    if framework not in available():
        raise CatalogError(f"no catalog for framework '{framework}'; available: {', '.join(available())}")
    import yaml  # deferred: `aims-lint --help` and rule imports must not pay for YAML

    from aims_lint.yaml12 import CoreLoader

    text = resources.files("aims_lint.catalog").joinpath(f"{framework}.yaml").read_text(encoding="utf-8")
    catalog = build(yaml.load(text, Loader=CoreLoader))  # CoreLoader is a safe loader
    if catalog.framework != framework:
        raise CatalogError(f"{framework}.yaml: framework '{catalog.framework}' must match the file name")
    return catalog


def suggest(identifier: str) -> str | None:
    """Did-you-mean for an unknown clause or control id of the default catalog (a shortcut)."""
    return load_catalog().suggest(identifier)


def covers(listed: str, clause_id: str) -> bool:
    """A listed clause covers `clause_id` when it is that clause or one of its sub-clauses."""
    return listed == clause_id or listed.startswith(clause_id + ".")
