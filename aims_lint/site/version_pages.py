"""The approved-version pages: each approved version read-only, and what changed since the one before.

For a document at `policies/ai-policy.md` (its site page), the pages are

    versions/policies/ai-policy/v2.1.md          version 2.1 as the approving commit holds it
    versions/policies/ai-policy/v2.1-changes.md  what changed from the previous approved version

and the document's own page lists them (`section`). The versions come from
the audience's view (`SiteContext.versions`, see `versions.py`), so a
document that was ever above the audience has none. The pages are left out
of the menu and of the search index: an auditor reaches them from the
document, and a search for a policy should find the one in force.

A version's body is staged as written then, like a current body, with its
links pointed at today's pages: a link to a document withheld from this
audience keeps only its label, and so does a link to a file the site does
not have (a document renamed or deleted since), so an old page never
breaks the build.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from aims_lint import escape
from aims_lint.document import SourceFile
from aims_lint.model import Document
from aims_lint.site import field_changes, html, redline
from aims_lint.site.context import SiteContext
from aims_lint.site.revisions import commit_url
from aims_lint.site.versions import ApprovedVersion

FOLDER = "versions"
_FIRST_H1 = re.compile(r"\A\s*# [^\n]*\n?")
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?([^)]*)\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(\S+).*$", re.MULTILINE)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
WITHHELD_LABEL = "(a document not published for this audience)"
# The fields of a version's control panel, in the order the current page shows them.
PANEL_FIELDS = (
    ("id", "Id"), ("title", "Title"), ("status", "Status"), ("version", "Version"), ("owner", "Owner"),
    ("approver", "Approver"), ("approved_on", "Approved on"), ("effective_on", "Effective from"),
    ("last_reviewed", "Last reviewed"), ("next_review", "Next review"), ("classification", "Classification"),
)


def version_pages(ctx: SiteContext) -> dict[str, str]:
    """Every version page and changes page of every published document (the page table's folder)."""
    pages: dict[str, str] = {}
    for source, doc in ctx.published:
        shown = ctx.versions.get(source.path, ())
        names = slugs(ctx, source)
        for index, version in enumerate(shown):
            earlier = shown[index - 1] if index else None
            pages[names[index]] = version_page(ctx, source, doc, shown, index)
            if earlier is not None:
                pages[changes_page(names[index])] = changes(ctx, source, doc, earlier, version, names, index)
    return pages


def slugs(ctx: SiteContext, source: SourceFile) -> list[str]:
    """The site path of each approved version's page, oldest first (unique within the document)."""
    folder = f"{FOLDER}/{ctx.page_of_path[source.path].removesuffix('.md')}"
    taken: set[str] = set()
    names = []
    for version in ctx.versions.get(source.path, ()):
        stem = _UNSAFE.sub("-", version.label.replace(" ", "-")).strip("-.") or "approved"
        name, number = stem, 2
        while name in taken or f"{name}-changes" in taken or name.endswith("-changes"):
            name = f"{stem}-{number}"
            number += 1
        taken.update({name, f"{name}-changes"})
        names.append(f"{folder}/{name}.md")
    return names


def changes_page(version_page: str) -> str:
    return version_page.removesuffix(".md") + "-changes.md"


def section(ctx: SiteContext, source: SourceFile) -> str | None:
    """The document page's list of its approved versions; None when it has none to show."""
    shown = ctx.versions.get(source.path, ())
    if not shown:
        return None
    page = ctx.page_of_path[source.path]
    names = slugs(ctx, source)
    header = ["Version", "Approved on", "Approver", "Recorded in", "Changes"]
    rows = []
    for index, version in reversed(list(enumerate(shown))):
        read = html.link(html.page_url(page, names[index]), html.esc(version.label))
        diff = (html.link(html.page_url(page, changes_page(names[index])), "what changed") if index
                else "first")
        rows.append([read, html.esc(version.approved_on), html.esc(version.approver),
                     _commit(ctx, version), diff])
    lines = ["## Approved versions", "",
             f"{len(shown)} approved version(s), newest first, each as the commit that approved it holds it.",
             "", html.table(header, rows), ""]
    return "\n".join(lines)


def version_page(ctx: SiteContext, source: SourceFile, doc: Document, shown: tuple[ApprovedVersion, ...],
                 index: int) -> str:
    version = shown[index]
    names = slugs(ctx, source)
    page = names[index]
    title = version.data.get("title") if isinstance(version.data.get("title"), str) else doc.title
    body = _body(version)
    parts = [
        _front_matter(f"{doc.id} {title} {version.label}"),
        f"# {escape.text(title)}, {escape.text(version.label)}",
        "",
        _notice(ctx, source, version, page, names, index),
        "",
        html.admonition("abstract", "Document control (as approved)", html.table([], _panel(version)),
                        "aims-panel"),
        "",
        _links(ctx, version.path, page, body).strip("\n"),
        "",
    ]
    return "\n".join(parts)


def changes(ctx: SiteContext, source: SourceFile, doc: Document, earlier: ApprovedVersion,
            later: ApprovedVersion, names: list[str], index: int) -> str:
    page = changes_page(names[index])
    marked = redline.redline(_body(earlier), _body(later))
    fields = field_changes.field_changes(earlier.data, later.data)
    before, after = html.esc(earlier.label), html.esc(later.label)
    rows = [[f"<code>{html.esc(f.name)}</code>", _cell(f.before, f.before_items, "del"),
             _cell(f.after, f.after_items, "ins")] for f in fields]
    read = (f"{html.link(html.page_url(page, names[index - 1]), before)} "
            f"(approved {html.esc(earlier.approved_on)}, {_commit(ctx, earlier)}) and "
            f"{html.link(html.page_url(page, names[index]), after)} "
            f"(approved {html.esc(later.approved_on)}, {_commit(ctx, later)})")
    own = html.link(html.page_url(page, ctx.page_of_path[source.path]), html.esc(f"{doc.id} {doc.title}"))
    lines = [
        _front_matter(f"{doc.id} changes from {earlier.label} to {later.label}"),
        f"# {escape.text(doc.title)}: {escape.text(earlier.label)} to {escape.text(later.label)}",
        "",
        html.admonition("info", "Compared", f"<p>The approved versions {read} of {own}.</p>"),
        "",
        "## Front matter",
        "",
        html.table(["Field", before, after], rows) if rows else "No front-matter field changed.",
        "",
        "## Body",
        "",
        f"{marked.added} word(s) added, {marked.removed} removed. The text is the Markdown source: "
        "removed words are struck through, added words are underlined." if marked.added or marked.removed
        else "The body did not change.",
        "",
        marked.html,
        "",
    ]
    return "\n".join(lines)


def _front_matter(title: str) -> str:
    # Left out of search: a search for the policy should find the version in force.
    return "\n".join(["---", f"title: {escape.meta_title(title)}", "search:", "  exclude: true", "---", ""])


def _notice(ctx: SiteContext, source: SourceFile, version: ApprovedVersion, page: str, names: list[str],
            index: int) -> str:
    current = ctx.page_of_path[source.path]
    when = f"approved on {html.esc(version.approved_on)}" if version.approved_on else "approved"
    text = (f"<p>This is {html.esc(version.label)} as {when} and recorded in commit "
            f"{_commit(ctx, version)} by {html.esc(version.commit.author.person.name)}. "
            f"It is kept for the record and may not be the version in force: see the "
            f"{html.link(html.page_url(page, current), 'current page')}.</p>")
    steps = []
    if index:
        steps.append(html.link(html.page_url(page, names[index - 1]), "previous approved version"))
        steps.append(html.link(html.page_url(page, changes_page(names[index])), "what changed since"))
    if index + 1 < len(names):
        steps.append(html.link(html.page_url(page, names[index + 1]), "next approved version"))
    more = f"<p>{' · '.join(steps)}</p>" if steps else ""
    return html.admonition("note", "Approved version, read only", text + more, "aims-version")


def _panel(version: ApprovedVersion) -> list[list[str]]:
    return [[label, html.esc(field_changes.value_text(version.data[key]))] for key, label in PANEL_FIELDS
            if version.data.get(key) not in (None, "")]


def _cell(text: str, items: tuple[field_changes.Item, ...] | None, mark: str) -> str:
    """A value of the field table; a plain list with the items that went or came marked."""
    if items is None:
        return html.esc(text) or "<em>(none)</em>"
    if not items:
        return "[]"
    return ", ".join(f"<{mark}>{html.esc(i.text)}</{mark}>" if i.marked else html.esc(i.text) for i in items)


def _commit(ctx: SiteContext, version: ApprovedVersion) -> str:
    commit = version.commit
    code = f"<code>{html.esc(commit.short_sha)}</code>"
    url = commit_url(ctx.settings.site.repo_url, commit.sha)
    shown = html.link(url, code) if url else code
    return f"{shown} ({commit.day.isoformat()})"


def _links(ctx: SiteContext, path: str, page: str, body: str) -> str:
    """Links of an old body pointed at today's pages; what the site lacks keeps only its label."""

    def replace(match: re.Match[str]) -> str:
        bang, label, destination, rest = match.groups()
        target, anchor = _target(destination)
        if not target or ":" in target or target.startswith(("/", "#")):
            return match.group(0)  # an address elsewhere, or a heading of this page
        if ctx.withholds(target, path):
            return WITHHELD_LABEL if ctx.names_withheld(label) else label
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
        new_page = ctx.page_of_path.get(resolved)
        if bang or new_page is None:
            return label
        suffix = f"#{anchor}" if anchor else ""
        return f"[{label}]({posixpath.relpath(new_page, posixpath.dirname(page))}{suffix}{rest})"

    def definition(match: re.Match[str]) -> str:
        target = _target(match.group(1).removeprefix("<").removesuffix(">"))[0]
        if ":" in target or target.startswith("#"):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
        if ctx.withholds(target, path) or resolved not in ctx.page_of_path:
            return ""
        return match.group(0).replace(match.group(1), posixpath.relpath(ctx.page_of_path[resolved],
                                                                         posixpath.dirname(page)))

    return _REFERENCE.sub(definition, _LINK.sub(replace, body))


def _target(destination: str) -> tuple[str, str]:
    address, _, anchor = destination.partition("#")
    return unquote(address.partition("?")[0]), anchor


def _body(version: ApprovedVersion) -> str:
    """The body without its first heading (the page's own title stands for it), as on the current page."""
    return _FIRST_H1.sub("", version.body, count=1).lstrip("\n")
