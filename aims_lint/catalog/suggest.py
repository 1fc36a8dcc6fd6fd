"""Did-you-mean for any catalog, by the numbering rules its data file declares.

Plain string similarity gets the common mistakes wrong: `A.6.1.1` looks as
close to `A.6.2.1` as to `A.6.1.2`. So the suggestion walks the id's numbering
instead: find the deepest prefix of the id that is a holder (an objective, or
a clause for sub-clauses), then pick its child whose last number is nearest.
An id under a holder that does not exist (`A.11.2`) gets no suggestion:
guessing which real item a made-up holder meant would mislead. Which kinds
hold which, the separators, and the words of each explanation are the
catalog's data (docs/catalogs.md).
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from aims_lint.catalog.numbering import Numbering, number

if TYPE_CHECKING:
    from aims_lint.catalog.model import Catalog, Item


def nearest(catalog: Catalog, identifier: str) -> str | None:
    scheme = catalog.scheme_for(identifier)
    if scheme is None:
        return None
    parts = scheme.parts(identifier)
    for length in range(len(parts), 0, -1):
        prefix = scheme.prefix(identifier, length)
        holder = catalog.get(prefix)
        if holder is None or holder.kind not in scheme.within:
            continue
        if length == len(parts):
            if holder.kind == scheme.target:
                continue  # a known item is no holder of itself: look one level up
            own = catalog.children(prefix, scheme.target)
            return own[0].id if own else None  # a holder named where a target belongs: its first
        return _under(catalog, scheme, holder, identifier)
    return _top_level(catalog, scheme, parts[0])


def _under(catalog: Catalog, scheme: Numbering, holder: Item, identifier: str) -> str | None:
    own = [i.id for i in catalog.children(holder.id, scheme.target)]
    if own:
        return _closest_by_number(scheme, identifier, own)
    if holder.kind == scheme.target:
        return holder.id  # a sub-item of a target without any: the target itself
    # under a holder with sub-holders (A.6.5): A.6.2.5 is the likely intent
    below = [i.id for i in catalog.descendants(holder.id, scheme.target)]
    close = difflib.get_close_matches(identifier, below, n=1)
    return close[0] if close else None


def _top_level(catalog: Catalog, scheme: Numbering, head: str) -> str | None:
    """No known holder: the nearest top-level target by its first number ("11" -> "10", "3.1" -> "4")."""
    if not head.isdecimal():
        return None
    tops = [i.id for i in catalog.children(None, scheme.target)]
    return _closest_by_number(scheme, head, tops)


def _closest_by_number(scheme: Numbering, identifier: str, candidates: list[str]) -> str | None:
    if not candidates:
        return None
    target = number(scheme.parts(identifier)[-1])
    return min(candidates, key=lambda c: abs(number(scheme.parts(c)[-1]) - target))  # ties: catalog order


def explain(catalog: Catalog, identifier: str) -> str:
    scheme = catalog.scheme_for(identifier)
    if scheme is None or not scheme.explain:
        return ""
    found = catalog.get(identifier)
    if found is not None and found.kind != scheme.target and found.kind in scheme.within:
        return _say(scheme, "wrong_kind", id=identifier, kind=catalog.label(found.kind),
                    target=catalog.label(scheme.target))
    parts = scheme.parts(identifier)
    parent = scheme.prefix(identifier, len(parts) - 1) if len(parts) > 1 else ""
    if _holds(catalog, scheme, parent) and parts[-1] in scheme.reserved:
        return _say(scheme, "reserved", id=identifier, parent=parent)
    tops = [i for i in catalog.children(None) if i.kind in scheme.within and i.kind != scheme.target]
    if tops:
        depth = len(scheme.parts(tops[0].id))
        top = scheme.prefix(identifier, depth)
        if not _holds(catalog, scheme, top):
            return _say(scheme, "no_top", id=identifier, top=top, first=tops[0].id, last=tops[-1].id)
        subs = [i.id for i in catalog.children(top) if i.kind in scheme.within and i.kind != scheme.target]
        if subs and not _holds(catalog, scheme, scheme.prefix(identifier, depth + 1)):
            return _say(scheme, "between", id=identifier, top=top, children=" and ".join(subs),
                        first=subs[0], last=subs[-1])
    return _past_last(catalog, scheme, identifier)  # clauses too: they hold themselves, so have no tops


def _past_last(catalog: Catalog, scheme: Numbering, identifier: str) -> str:
    """The id numbers past the last target of its parent (27001's `A.5.38`: its A.5 stops at A.5.37)."""
    parts = scheme.parts(identifier)
    parent = catalog.get(scheme.prefix(identifier, len(parts) - 1)) if len(parts) > 1 else None
    if parent is None or parent.kind not in scheme.within or "past_last" not in scheme.explain:
        return ""
    own = catalog.children(parent.id, scheme.target)
    if not own:
        return ""
    last = max(own, key=lambda i: number(scheme.parts(i.id)[-1]))
    if number(parts[-1]) <= number(scheme.parts(last.id)[-1]):
        return ""
    return _say(scheme, "past_last", id=identifier, parent=parent.id, title=parent.title, last=last.id)


def _holds(catalog: Catalog, scheme: Numbering, item_id: str) -> bool:
    """True when `item_id` is a holder that is not itself a target (an objective, not a clause)."""
    found = catalog.get(item_id)
    return found is not None and found.kind in scheme.within and found.kind != scheme.target


def _say(scheme: Numbering, situation: str, **values: str) -> str:
    template = scheme.explain.get(situation)
    return template.format(**values) if template else ""
