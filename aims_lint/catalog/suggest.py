"""Did-you-mean for clause and control ids, aware of Annex A's numbering traps.

Plain string similarity gets the common mistakes wrong: `A.6.1.1` looks as
close to `A.6.2.1` as to `A.6.1.2`. So the suggestion walks the id's numbering
instead: find the deepest part of the id that exists (an objective or a
clause), then pick its child whose last number is nearest. An id under an
objective that does not exist (`A.11.2`) gets no suggestion: guessing which
real control a made-up objective meant would mislead.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aims_lint.catalog import Catalog


def nearest(catalog: Catalog, identifier: str) -> str | None:
    if identifier.startswith("A."):
        return _nearest_control(catalog, identifier)
    return _nearest_clause(catalog, identifier)


def explain(catalog: Catalog, identifier: str) -> str:
    if not identifier.startswith("A."):
        return ""
    if catalog.objective(identifier):
        return f"{identifier} is a control objective, not a control"
    parent, _, last = identifier.rpartition(".")
    if catalog.objective(parent) and last == "1":
        return f"{identifier} is the statement of objective {parent}; its controls start at {parent}.2"
    top = ".".join(identifier.split(".")[:2])
    if not catalog.objective(top):
        return f"Annex A has no objective {top}; the objectives are A.2 to A.10"
    subs = [o.id for o in catalog.objectives if o.parent == top]
    if subs and not catalog.objective(".".join(identifier.split(".")[:3])):
        return f"controls of {top} sit under its sub-objectives {' and '.join(subs)}"
    return ""


def _number(identifier: str) -> int:
    last = identifier.rsplit(".", 1)[-1]
    return int(last) if last.isdigit() else 0


def _closest_by_number(identifier: str, candidates: list[str]) -> str | None:
    if not candidates:
        return None
    target = _number(identifier)
    return min(candidates, key=lambda c: abs(_number(c) - target))  # ties: first in catalog order


def _nearest_control(catalog: Catalog, identifier: str) -> str | None:
    parts = identifier.split(".")
    for length in range(len(parts), 1, -1):
        prefix = ".".join(parts[:length])
        if not catalog.objective(prefix):
            continue
        own = [c.id for c in catalog.controls_of(prefix)]
        if own and length < len(parts):
            return _closest_by_number(identifier, own)
        if own:  # the id is an objective itself: its first control
            return own[0]
        if length == len(parts):  # A.6 itself: which sub-objective was meant is anyone's guess
            return None
        # under an objective with sub-objectives (A.6.5): A.6.2.5 is the likely intent
        below = [c.id for c in catalog.controls if c.id.startswith(prefix + ".")]
        close = difflib.get_close_matches(identifier, below, n=1)
        return close[0] if close else None
    return None


def _nearest_clause(catalog: Catalog, identifier: str) -> str | None:
    parts = identifier.split(".")
    for length in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:length])
        if catalog.clause(prefix) is None:
            continue
        children = [c.id for c in catalog.clauses if c.parent == prefix]
        return _closest_by_number(identifier, children) if children else prefix
    # no known parent: the nearest top-level clause ("11" -> "10", "3.1" -> "4")
    head = parts[0]
    return _closest_by_number(head, [c.id for c in catalog.top_clauses]) if head.isdigit() else None
