"""The revision history table of a document page: who changed it, when, how, approved by whom."""

from __future__ import annotations

from aims_lint.history.model import Commit
from aims_lint.site import escape
from aims_lint.site.context import SiteContext
from aims_lint.site.revisions import commit_url, pull_url

# Trailers that record approval or review of a change, in the order shown.
APPROVAL_TRAILERS = ("Approved-by", "Reviewed-by", "Acked-by", "Signed-off-by")


def section(ctx: SiteContext, path: str) -> str:
    lines = ["## Revision history", ""]
    if ctx.history.problem:
        lines.append(f'!!! warning "History unavailable"\n\n    {escape.text(ctx.history.problem)}')
        return "\n".join(lines)
    commits = ctx.history.of(path).commits
    if not commits:
        lines.append("No commits yet: this document has not been committed to the repository.")
        return "\n".join(lines)
    lines += [
        f"{len(commits)} change(s), newest first.",
        "",
        "| Date | Author | Commit | Change | Approval |",
        "|---|---|---|---|---|",
    ]
    lines.extend(row(ctx, c) for c in commits)
    return "\n".join(lines)


def row(ctx: SiteContext, commit: Commit) -> str:
    return (
        f"| {commit.day.isoformat()} | {escape.text(commit.author.person.name)} "
        f"| {sha_link(ctx, commit)} | {escape.text(commit.subject)}{pr_link(ctx, commit)} "
        f"| {approvals(commit)} |"
    )


def sha_link(ctx: SiteContext, commit: Commit) -> str:
    url = commit_url(ctx.settings.site.repo_url, commit.sha)
    code = f"`{commit.short_sha}`"
    return f"[{code}]({url})" if url else code


def pr_link(ctx: SiteContext, commit: Commit) -> str:
    if commit.pr is None:
        return ""
    url = pull_url(ctx.settings.site.repo_url, commit.pr)
    return f" ([#{commit.pr}]({url}))" if url else f" (#{commit.pr})"


def approvals(commit: Commit) -> str:
    found = [
        f"{name}: {escape.text(value)}" for name in APPROVAL_TRAILERS for value in commit.trailer_values(name)
    ]
    return "<br>".join(found)
