"""One document as a site page: panel, findings, body, type-specific tables, history."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from aims_lint import escape
from aims_lint.document import SourceFile
from aims_lint.model import Document, RolesRegistry, StatementOfApplicability
from aims_lint.results import Finding
from aims_lint.site import history_table, html, panel, version_pages
from aims_lint.site.context import SiteContext, rel

_FIRST_H1 = re.compile(r"\A\s*# [^\n]*\n?")
# An inline link: [label](destination "optional title"). Rewritten anywhere in the body, code
# included: a path to a withheld document is left out wherever it appears.
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?([^)]*)\)")
# A reference definition: [label]: destination (its first line; the rest is a title).
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(\S+).*$", re.MULTILINE)
WITHHELD_LABEL = "(a document not published for this audience)"
_TAG_ID = re.compile(r"^(?:A\.)?[0-9]+(?:\.[0-9]+){0,3}$")


def document_page(ctx: SiteContext, source: SourceFile, doc: Document) -> str:
    page = ctx.page_of_path[source.path]
    body = _FIRST_H1.sub("", source.parsed.body, count=1)
    parts = [
        front_matter(doc.title, tags(ctx, doc)),
        f"# {escape.text(doc.title)}",
        "",
        panel.panel(ctx, page, doc, source.path),
        "",
        findings_section(ctx.findings_for(source.path)),
        # The body as written: Markdown decides what it means, and the HTML it makes is
        # sanitised after the build (site/sanitise.py), so nothing here guesses at code.
        _rewrite_links(ctx, source.path, page, body).strip("\n"),
        "",
        _type_section(ctx, page, doc),
        panel.extra_tables(doc),
        version_pages.section(ctx, source),
        history_table.section(ctx, source.path),
        "",
    ]
    return "\n".join(p for p in parts if p is not None)


def front_matter(title: str, tag_ids: list[str] | None = None, *, wide: bool = False) -> str:
    """Front matter MkDocs reads for the page: an escaped title, catalog ids as tags.

    `wide` hides the sidebars, for pages that are mostly one broad table.
    """
    lines = ["---", f"title: {escape.meta_title(title)}"]
    if wide:
        lines.append("hide: [navigation, toc]")
    if tag_ids:
        lines.append("tags: [" + ", ".join(f'"{t}"' for t in tag_ids) + "]")
    return "\n".join([*lines, "---", ""])


def tags(ctx: SiteContext, doc: Document) -> list[str]:
    """Clause and control ids the catalog knows (only those: tags are printed unescaped)."""
    known = [c for c in doc.clauses if ctx.catalog.clause(c)] + [
        c for c in doc.controls if ctx.catalog.control(c)
    ]
    return [t for t in dict.fromkeys(known) if _TAG_ID.match(t)]


def findings_section(findings: list[Finding]) -> str:
    if not findings:
        return ""
    open_ = sum(1 for f in findings if f.counts)
    items = "".join(
        f"<li>line {f.line}: <strong>{f.severity.value}</strong> {f.rule} {html.esc(f.name)}: "
        f"{html.esc(f.message)}{f' (suppressed: {html.esc(f.suppressed)})' if f.suppressed else ''}</li>"
        for f in findings
    )
    return html.admonition("warning", f"Findings ({open_} open)", f"<ul>{items}</ul>") + "\n"


def _type_section(ctx: SiteContext, page: str, doc: Document) -> str:
    if isinstance(doc, StatementOfApplicability):
        return (
            f"## Controls\n\nThe decision for every Annex A control is in the "
            f"[Statement of Applicability table]({rel(page, 'soa.md')}).\n"
        )
    if isinstance(doc, RolesRegistry):
        return roles_table(doc)
    return ""


def roles_table(doc: RolesRegistry) -> str:
    lines = ["## Roles", "", "| Role | Id | Held by | Since | Responsibilities |", "|---|---|---|---|---|"]
    for role in doc.roles:
        holder = role.holder
        name = holder.name if holder and holder.name else "vacant"
        since = getattr(holder, "since", None) if holder else None
        lines.append(
            f"| {escape.text(role.title)} | {escape.text(role.id)} | {escape.text(name)} "
            f"| {escape.text(since)} | {escape.text(role.responsibilities)} |"
        )
    return "\n".join([*lines, ""])


def _rewrite_links(ctx: SiteContext, path: str, page: str, fragment: str) -> str:
    """Point links between documents at their pages; unlink documents left out of the build."""

    def replace(match: re.Match[str]) -> str:
        bang, label, destination, rest = match.groups()
        target, anchor = _target(destination)
        if bang or not target.endswith(".md") or ":" in target or target.startswith("/"):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
        if resolved in ctx.withheld_paths or ctx.withholds(target, path):
            return WITHHELD_LABEL if ctx.names_withheld(label) else label
        new_page = ctx.page_of_path.get(resolved)
        if new_page is None:
            return match.group(0)  # left for MkDocs to report as a broken link
        suffix = f"#{anchor}" if anchor else ""
        return f"[{label}]({rel(page, new_page)}{suffix}{rest})"

    def definition(match: re.Match[str]) -> str:
        # `[ref]: records/x.md` would put the path in an href; a withheld one is dropped.
        target = _target(match.group(1).removeprefix("<").removesuffix(">"))[0]
        return "" if ctx.withholds(target, path) else match.group(0)

    return _REFERENCE.sub(definition, _LINK.sub(replace, fragment))


def _target(destination: str) -> tuple[str, str]:
    """The file a link destination names (no query, percent-decoded) and its anchor."""
    address, _, anchor = destination.partition("#")
    return unquote(address.partition("?")[0]), anchor
