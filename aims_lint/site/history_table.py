"""The revision history table of a document page: who changed it, when, how, approved by whom."""

from __future__ import annotations

from aims_lint.history.model import Commit
from aims_lint.site import html
from aims_lint.site.context import SiteContext
from aims_lint.site.revisions import commit_url, pull_url

# Trailers that record approval or review of a change, in the order shown.
APPROVAL_TRAILERS = ("Approved-by", "Reviewed-by", "Acked-by", "Signed-off-by")
HEADER = ["Date", "Author", "Commit", "Change", "Approval"]


def section(ctx: SiteContext, path: str) -> str:
    lines = ["## Revision history", ""]
    if ctx.history.problem:
        box = html.admonition("warning", "History unavailable", f"<p>{html.esc(ctx.history.problem)}</p>")
        return "\n".join([*lines, box])
    commits = ctx.history.of(path).commits
    if not commits:
        return "\n".join([*lines, "No commits yet: this document has not been committed to the repository."])
    rows = [row(ctx, c) for c in commits]
    return "\n".join([*lines, f"{len(commits)} change(s), newest first.", "", html.table(HEADER, rows)])


def row(ctx: SiteContext, commit: Commit) -> list[str]:
    return [
        commit.day.isoformat(),
        html.esc(commit.author.person.name),
        sha_link(ctx, commit),
        html.esc(commit.subject) + pr_link(ctx, commit),
        approvals(commit),
    ]


def sha_link(ctx: SiteContext, commit: Commit) -> str:
    code = f"<code>{html.esc(commit.short_sha)}</code>"
    url = commit_url(ctx.settings.site.repo_url, commit.sha)
    return html.link(url, code) if url else code


def pr_link(ctx: SiteContext, commit: Commit) -> str:
    if commit.pr is None:
        return ""
    url = pull_url(ctx.settings.site.repo_url, commit.pr)
    label = f"#{commit.pr}"
    return f" ({html.link(url, label)})" if url else f" ({label})"


def approvals(commit: Commit) -> str:
    found = [
        f"{name}: {html.esc(value)}" for name in APPROVAL_TRAILERS for value in commit.trailer_values(name)
    ]
    return "<br>".join(found)
