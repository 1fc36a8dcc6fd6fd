"""The crosswalk neighbours of one catalog item: the items of other frameworks it maps to.

Every control page (ISO/IEC 42001's and those of the framework sections) and
every item page of a section ends with them, read from the packaged
crosswalks (`aims_lint.catalog.crosswalk.neighbours`), in either direction.
A neighbour's id links to its page when its framework's pages are in this
build, and is plain text otherwise. A mapping from an advisory crosswalk
(ISO/IEC 42001 to the EU AI Act: no authority publishes one) is marked as
such in its row, and the section says what that means, so nobody reads it
as an official equivalence.
"""

from __future__ import annotations

from functools import cache

from aims_lint import escape
from aims_lint.catalog import available, load_catalog
from aims_lint.catalog.crosswalk import Crosswalk, Mapping, neighbours
from aims_lint.catalog.frameworks import framework as framework_row
from aims_lint.site.context import SiteContext

HEADING = "## Crosswalk neighbours"
ADVISORY = "advisory"
# How the item of this page relates to the neighbour (a crosswalk read from this page's framework).
PHRASES = {
    "equivalent": "equivalent to", "subset": "subset of", "superset": "superset of", "related": "related to",
}
ADVISORY_NOTE = (
    "Rows marked *advisory* come from a crosswalk no authority publishes (our own analysis): "
    "read them as guidance on where to look, not as an official equivalence."
)


def neighbour_lines(ctx: SiteContext, page: str, framework: str, item_id: str) -> list[str]:
    """The section: a table of every neighbour, or a sentence saying there is none."""
    pairs = neighbours(framework, item_id)
    lines = [HEADING, ""]
    if not pairs:
        return [*lines, "No crosswalk maps this item to another framework.", ""]
    if any(walk.advisory for walk, _ in pairs):
        lines += [ADVISORY_NOTE, ""]
    lines += [
        "| Framework | Id | Title | This item is | Rationale |",
        "|---|---|---|---|---|",
    ]
    lines += [_row(ctx, page, walk, mapping) for walk, mapping in pairs]
    return [*lines, ""]


def _row(ctx: SiteContext, page: str, walk: Crosswalk, mapping: Mapping) -> str:
    row = framework_row(walk.target)
    name = escape.text(row.title if row else walk.target)
    if walk.advisory:
        name += f" (*{ADVISORY}*)"
    relationship = PHRASES.get(mapping.relationship, mapping.relationship)
    return (
        f"| {name} | {ctx.item_link(page, walk.target, mapping.target_id)} "
        f"| {escape.text(title(walk.target, mapping.target_id))} | {escape.text(relationship)} "
        f"| {escape.text(mapping.rationale)} |"
    )


def title(framework: str, item_id: str) -> str:
    """An item's title from its packaged catalog ("" when there is no catalog or no such item)."""
    if framework not in _packaged():
        return ""
    item = load_catalog(framework).get(item_id)
    return item.title if item is not None else ""


@cache
def _packaged() -> frozenset[str]:
    return frozenset(available())
