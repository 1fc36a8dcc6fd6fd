"""A non-certifiable framework's readiness: coverage of what its catalog asks for.

No certification body audits against the NIST AI RMF, so there is no SoA
and no Stage 1: readiness means every item is addressed by an approved
document in force that has no error findings and cites it
(`NIST-AI-RMF:GOVERN-1.1`) in the field its kind is cited in. The items
counted (`coverage_items`) are the catalog's most specific citable items:
those of a kind documents cite with no citable item below them (NIST's 72
subcategories, not its categories). An item with `applies_from` after the
report's day is listed, with its date, but not counted until it applies.
The EU AI Act counts the duties that apply to the organisation instead
(`aims_lint.readiness.ai_act`), and shows the articles it cites with
`catalog_item`.

A document citing a category (GOVERN-1) does not cover its subcategories:
saying which outcome a document serves is the point of the mapping.
"""

from __future__ import annotations

from datetime import date

from aims_lint.catalog import Catalog, Item, covers
from aims_lint.catalog.frameworks import qualified
from aims_lint.model import Document
from aims_lint.readiness.evidence import ids, is_approved, standing, why
from aims_lint.readiness.report import FrameworkItem, FrameworkReadiness
from aims_lint.readiness.summary import percent


def coverage_items(catalog: Catalog) -> tuple[Item, ...]:
    """The items coverage counts, in catalog order (see the module's docstring)."""
    cited = {k.id for k in catalog.kinds if k.cited_in is not None}
    parents = {i.parent for i in catalog.items if i.kind in cited}
    return tuple(i for i in catalog.items if i.kind in cited and i.id not in parents)


def coverage_entry(
    catalog: Catalog, docs: list[Document], errors: dict[str, list[str]], today: date
) -> FrameworkReadiness:
    items = tuple(catalog_item(catalog, item, docs, errors, today) for item in coverage_items(catalog))
    counted = [i for i in items if i.counted]
    covered = sum(1 for i in counted if i.covered)
    return FrameworkReadiness(
        standard=catalog.standard,
        certifiable=False,
        ready=covered == len(counted),
        soa=None,
        summary={"items": {
            "total": len(counted), "covered": covered, "percent": percent(covered, len(counted)),
            "not_yet_applicable": len(items) - len(counted),
        }},
        items=items,
        blockers=(),
    )


def catalog_item(
    catalog: Catalog, item: Item, docs: list[Document], errors: dict[str, list[str]], today: date,
    dated: bool = True,
) -> FrameworkItem:
    """One catalog item: covered when an approved, error-free document in force cites it. With
    `dated`, an item that applies only after `today` says so in its reason and is not counted."""
    fw = catalog.framework
    field = next((k.cited_in for k in catalog.kinds if k.id == item.kind), None) or "controls"
    citing = [d for d in docs if _cites(d, item.id, fw, field)]
    good, errored, drafts = standing(citing, errors)
    applies = not dated or item.applies_from is None or item.applies_from <= today
    reason = "" if good else why(errored, drafts, f"no document cites it (as {qualified(fw, item.id)} "
                                                  f"in {field})")
    if not applies:
        reason = f"applies from {item.applies_from}, not counted before" + (f"; {reason}" if reason else "")
    return FrameworkItem(
        item.id, item.title, bool(good), reason, ids(d for d in citing if is_approved(d)), item.kind,
        drafts=drafts, errored=errored,
        applies_from=item.applies_from.isoformat() if item.applies_from else None,
        counted=applies,
    )


def _cites(doc: Document, item_id: str, framework: str, field: str) -> bool:
    listed = doc.clause_ids(framework) if field == "clauses" else doc.control_ids(framework)
    return any(covers(value, item_id) for value in listed)
