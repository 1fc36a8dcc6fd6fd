"""Read a catalog data file (docs/catalogs.md) into a `Catalog`, checking it on the way.

A packaged catalog that breaks these checks is a bug of ours, caught by the
tests; a catalog file given by path (read_catalog) gets the same checks, so
its author learns what is wrong from a CatalogError, not from a traceback.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from aims_lint.catalog.model import CITING_FIELDS, Catalog, DocumentedInformation, Item, Kind
from aims_lint.catalog.numbering import Numbering

EXPLAIN_SITUATIONS = frozenset({"wrong_kind", "reserved", "no_top", "between", "past_last"})


class CatalogError(ValueError):
    """A catalog data file that does not say what the format asks for."""


def read_catalog(path: Path) -> Catalog:
    """The catalog in one data file; its `framework` must be the file's stem."""
    import yaml  # deferred: `aims-lint --help` and rule imports must not pay for YAML

    from aims_lint.yaml12 import CoreLoader

    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=CoreLoader)  # CoreLoader is a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path.name}: cannot read catalog: {exc}") from None
    try:
        catalog = build(raw)
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise CatalogError(f"{path.name}: not a catalog: {type(exc).__name__}: {exc}") from None
    if catalog.framework != path.name.removesuffix(".yaml"):
        raise CatalogError(f"{path.name}: framework '{catalog.framework}' must match the file name")
    return catalog


def build(raw: Any) -> Catalog:
    if not isinstance(raw, dict):
        raise CatalogError("a catalog is a mapping")
    kinds = tuple(_kind(k) for k in raw["kinds"])
    numbering = tuple(_numbering(n, {k.id for k in kinds}) for n in raw.get("numbering") or ())
    items: list[Item] = []
    seen: dict[str, Item] = {}
    for entry in raw["items"]:
        item = _item(entry, {k.id for k in kinds}, numbering, seen)
        items.append(item)
        seen[item.id] = item
    return Catalog(str(raw["framework"]), str(raw["title"]), kinds, tuple(items), numbering)


def _kind(raw: dict[str, Any]) -> Kind:
    kind_id = str(raw["id"])
    cited_in = raw.get("cited_in", {"clause": "clauses", "control": "controls"}.get(kind_id))
    if cited_in is not None and cited_in not in CITING_FIELDS:
        raise CatalogError(f"kind {kind_id}: cited_in must be one of {', '.join(CITING_FIELDS)}")
    return Kind(kind_id, str(raw.get("label", kind_id)), None if cited_in is None else str(cited_in))


def _numbering(raw: dict[str, Any], kinds: set[str]) -> Numbering:
    rule = Numbering(
        target=str(raw["target"]), within=tuple(str(k) for k in raw["within"]),
        separators=str(raw.get("separators", ".")), match=str(raw.get("match", "")),
        reserved=tuple(str(r) for r in raw.get("reserved") or ()),
        explain={str(k): str(v) for k, v in (raw.get("explain") or {}).items()},
    )
    re.compile(rule.match)
    unknown = ({rule.target, *rule.within} - kinds) or (set(rule.explain) - EXPLAIN_SITUATIONS)
    if unknown or not rule.separators:
        raise CatalogError(f"numbering for '{rule.target}': unknown {sorted(unknown) or 'separators'}")
    return rule


def _item(raw: dict[str, Any], kinds: set[str], numbering: tuple[Numbering, ...],
          seen: dict[str, Item]) -> Item:
    item_id, kind = str(raw["id"]), str(raw["kind"])
    if kind not in kinds:
        raise CatalogError(f"item {item_id}: kind '{kind}' is not declared under kinds")
    if item_id in seen:
        raise CatalogError(f"item {item_id} is listed twice")
    parent = raw.get("parent")
    parent = str(parent) if parent is not None else _derived_parent(item_id, numbering, seen)
    if parent is not None and parent not in seen:
        raise CatalogError(f"item {item_id}: parent {parent} must be listed before it")
    information, evidence = (
        tuple(_information(d, item_id) for d in raw.get(key) or ())
        for key in ("documented_information", "expected_evidence")
    )
    applies_from = _day(raw.get("applies_from"), item_id)
    section = raw.get("section")
    if section is not None and not isinstance(section, str):
        raise CatalogError(f"item {item_id}: section must be a string (such as A or B)")
    return Item(
        item_id, kind, str(raw["title"]), str(raw.get("description", "")), parent, information, evidence,
        applies_from, section,
    )


def _day(raw: Any, item_id: str) -> date | None:
    """A date the catalog writes as YYYY-MM-DD (the loader keeps dates as strings)."""
    if raw is None:
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise CatalogError(f"item {item_id}: applies_from must be a date (YYYY-MM-DD)") from None


def _information(raw: dict[str, Any], item_id: str) -> DocumentedInformation:
    return DocumentedInformation(
        str(raw["id"]), str(raw["title"]), item_id,
        tuple(str(t) for t in raw.get("expected_types") or ()),
        tuple(str(k) for k in raw.get("expected_record_kinds") or ()),
        tuple(str(f) for f in raw.get("expected_fields") or ()),
    )


def _derived_parent(item_id: str, numbering: tuple[Numbering, ...], seen: dict[str, Item]) -> str | None:
    """No `parent:` given: the longest prefix of the id (by its numbering rule) listed so far."""
    scheme = next((n for n in numbering if n.reads(item_id)), None)
    if scheme is None:
        return None
    for length in range(len(scheme.parts(item_id)) - 1, 0, -1):
        prefix = scheme.prefix(item_id, length)
        if prefix in seen:
            return prefix
    return None
