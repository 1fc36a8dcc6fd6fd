"""`aims-lint crosswalk FROM TO`: how the items of one framework map to another's.

Reads only the packaged data (the two catalogs and the crosswalk between
them, stored in either direction), so it runs anywhere, inside a repository
or not. FROM and TO are framework ids (`aims_lint/catalog/frameworks.py`).
An unknown id, the same framework twice, or a pair with no crosswalk is a
usage error (exit 2) that lists what there is.
"""

from __future__ import annotations

import sys
from datetime import date

import click

from aims_lint import __version__
from aims_lint.catalog import load_catalog
from aims_lint.catalog.crosswalk import Crosswalk, available, between
from aims_lint.catalog.frameworks import ids, unknown_id
from aims_lint.export.crosswalk_table import rows, to_csv, to_json, to_text
from aims_lint.export.oscal_mapping import to_oscal_mapping

FORMATS = ("text", "json", "csv", "oscal")


def run_crosswalk(source: str, target: str, fmt: str, today: date) -> int:
    walk = chosen(source, target)
    found = rows(walk, load_catalog(walk.source), load_catalog(walk.target))
    if fmt == "json":
        text = to_json(walk, found)
    elif fmt == "csv":
        text = to_csv(found)
    elif fmt == "oscal":
        text = to_oscal_mapping(walk, found, load_catalog(walk.source), load_catalog(walk.target), today,
                                __version__)
    else:
        text = to_text(walk, found)
    sys.stdout.write(text)
    return 0


def chosen(source: str, target: str) -> Crosswalk:
    """The crosswalk from `source` to `target`, or a usage error saying what exists."""
    known = ids()
    for hint, value in (("FROM", source), ("TO", target)):
        if value not in known:
            raise click.BadParameter(unknown_id(value), param_hint=hint)
    if source == target:
        raise click.BadParameter(f"FROM and TO are both '{source}'; a crosswalk joins two frameworks",
                                 param_hint="TO")
    walk = between(source, target)
    if walk is None:
        raise click.UsageError(f"no crosswalk between {source} and {target}; available: {pairs()}")
    return walk


def pairs() -> str:
    """Every pair the command can print, both directions of each stored crosswalk."""
    stored = available()
    if not stored:
        return "none"
    return ", ".join(f"{a} {b} (or {b} {a})" for a, b in stored)
