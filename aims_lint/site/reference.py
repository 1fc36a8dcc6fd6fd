"""The Reference tab: the rule reference and the tags index."""

from __future__ import annotations

from aims_lint.rule_docs import describe, markdown
from aims_lint.rules import REGISTRY
from aims_lint.site.context import SiteContext
from aims_lint.site.docpage import front_matter

TAGS_PAGE = "\n".join(
    [
        front_matter("Tags"),
        "# Tags",
        "",
        "Every clause and control, with the pages that address it.",
        "",
        "<!-- material/tags -->",
        "",
    ]
)


def rules_page(ctx: SiteContext) -> str:
    """What `aims-lint rules --format markdown` prints (the same for every audience)."""
    return markdown([describe(r) for r in REGISTRY])


def tags_page(ctx: SiteContext) -> str:
    """Material's tags plugin fills the marker with every tag and the pages carrying it."""
    return TAGS_PAGE
