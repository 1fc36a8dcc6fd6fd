"""The project's own guides (`docs/*.md`) as the site's Guide section.

The guides are written for the repository, so a link may point outside
`docs/`: to a document (which has a page), or to another file (which has
none; it becomes a link to the repository's web page when `site.repo_url` is
set, else plain text). Links between guides stay as they are.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from aims_lint.escape import href
from aims_lint.markdown_blocks import code_lines
from aims_lint.site.context import SiteContext, rel

FOLDER = "docs"
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]+)\)")


def guide_pages(ctx: SiteContext) -> dict[str, str]:
    """Site page path to Markdown for every guide, in name order."""
    folder = ctx.settings.root / FOLDER
    if not folder.is_dir():
        return {}
    pages = {}
    for path in sorted(folder.glob("*.md")):
        if path.is_file() and not path.is_symlink():
            pages[f"guide/{path.name}"] = _rewrite(ctx, path)
    return pages


def _rewrite(ctx: SiteContext, path: Path) -> str:
    """The guide with its links rewritten for the site, except inside code, which shows as written."""
    source = f"{FOLDER}/{path.name}"
    page = f"guide/{path.name}"
    text = path.read_text(encoding="utf-8", errors="replace")
    code = code_lines(text)
    return "\n".join(
        line if number in code else _LINK.sub(lambda m: _link(ctx, source, page, m), line)
        for number, line in enumerate(text.split("\n"))
    )


def _link(ctx: SiteContext, source: str, page: str, match: re.Match[str]) -> str:
    label, destination = match.groups()
    target, _, anchor = destination.partition("#")
    if not target or ":" in target or target.startswith("/"):
        return match.group(0)
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
    suffix = f"#{anchor}" if anchor else ""
    if resolved.startswith(f"{FOLDER}/") and "/" not in resolved[len(FOLDER) + 1 :]:
        return match.group(0)  # another guide: same relative place in the site
    if resolved in ctx.page_of_path:
        return f"[{label}]({rel(page, ctx.page_of_path[resolved])}{suffix})"
    if resolved in ctx.withheld_paths or resolved.startswith(".."):
        return label
    url = (
        href(f"{ctx.settings.site.repo_url.rstrip('/')}/blob/HEAD/{resolved}")
        if ctx.settings.site.repo_url
        else None
    )
    return f"[{label}]({url}{suffix})" if url else label
