"""The revision history of a document page, as document control: which version each commit left,
who changed it, when, what it changed, and what backs each approval.

The table has a row per commit, newest first: the version after it, the
day, the author, the commit, the change (its subject, marked "content
unchanged" with what it did instead when it did not change the content)
and the approval evidence (the trailers that record approval or review;
for a commit that recorded an approval, also the signature git verified
and the pull request's reviews). Below it, one line per approved version
says how it was approved. Everything comes from the audience's record
(`AudienceHistory.record`, aims_lint/approvals/record.py), already
redacted; every value is escaped here.
"""

from __future__ import annotations

from aims_lint.approvals import describe
from aims_lint.approvals.approvers import trailer_values
from aims_lint.approvals.record import Row
from aims_lint.history.model import Commit
from aims_lint.model import Document
from aims_lint.site import html
from aims_lint.site.context import SiteContext
from aims_lint.site.revisions import commit_url, pull_url

# Trailers that record approval or review of a change, in the order shown.
APPROVAL_TRAILERS = ("Approved-by", "Reviewed-by", "Acked-by", "Signed-off-by")
HEADER = ["Version", "Date", "Author", "Commit", "Change", "Approval evidence"]


def section(ctx: SiteContext, path: str) -> str:
    lines = ["## Revision history", ""]
    if ctx.history.problem:
        box = html.admonition("warning", "History unavailable", f"<p>{html.esc(ctx.history.problem)}</p>")
        return "\n".join([*lines, box])
    record = ctx.history.record(path)
    if not record.rows:
        return "\n".join([*lines, "No commits yet: this document has not been committed to the repository."])
    rows = [row(ctx, r) for r in record.rows]
    count = f"{len(record.rows)} change(s), newest first."
    return "\n".join([*lines, count, "", html.table(HEADER, rows), *approved_versions(record.approvals)])


def row(ctx: SiteContext, entry: Row) -> list[str]:
    commit = entry.change.commit
    note = f'<br><em class="aims-unchanged">{html.esc(entry.note)}</em>' if entry.note else ""
    return [
        html.esc(entry.version or ""),
        commit.day.isoformat(),
        html.esc(commit.author.person.name),
        sha_link(ctx, commit),
        html.esc(commit.subject) + pr_link(ctx, commit) + note,
        evidence(entry),
    ]


def approved_versions(approvals: tuple[describe.Evidence, ...]) -> list[str]:
    """### How each version was approved: one line each, newest first."""
    if not approvals:
        return []
    items = "".join(f"<li>{html.esc(describe.how(ev))}</li>" for ev in reversed(approvals))
    return ["", "### How each version was approved", "", f"<ul>{items}</ul>"]


def current_approval(ctx: SiteContext, path: str, doc: Document) -> str:
    """For the panel: the commit that recorded the approval the document states, and its evidence;
    a note when git holds no such commit (an approval not committed yet). Empty when not approved."""
    if doc.status != "approved" or ctx.history.problem:
        return ""
    stated = (doc.version, doc.approved_on.isoformat() if doc.approved_on else None, doc.approver)
    found = [ev for ev in ctx.history.record(path).approvals
             if (ev.version, ev.approved_on, ev.approver) == stated]
    if not found:
        return "<em>no commit recorded this approval</em>"
    ev = found[-1]
    recorded = f"recorded in {sha_link(ctx, ev.commit)} on {ev.commit.day.isoformat()}"
    return "<br>".join([recorded, *(html.esc(line) for line in describe.lines(ev))])


def sha_link(ctx: SiteContext, commit: Commit) -> str:
    code = f"<code>{html.esc(commit.short_sha)}</code>"
    url = commit_url(ctx.settings.site.repo_url, commit.sha)
    return html.link(url, code) if url else code


def pr_link(ctx: SiteContext, commit: Commit) -> str:
    if commit.pr is None:
        return ""
    url = pull_url(ctx.settings.site.repo_url, commit.pr)
    label = f"#{commit.pr}"
    if url is None:
        return "" if label in commit.subject else f" ({label})"  # "Approve v1.1 (#12)" says it already
    return f" ({html.link(url, label)})"


def evidence(entry: Row) -> str:
    """The trailers of any commit; for one that recorded an approval, the whole evidence."""
    if entry.approval is not None:
        title = f"approval of {entry.approval.label}" if entry.approval.version else "approval recorded"
        shown = [f"<strong>{html.esc(title)}</strong>"]
        shown += [html.esc(line) for line in describe.lines(entry.approval)]
        others = [(n, v) for n in APPROVAL_TRAILERS[1:] for v in trailer_values(entry.change.commit, n)]
        return "<br>".join(shown + [f"{n}: {html.esc(v)}" for n, v in others])
    return approvals(entry.change.commit)


def approvals(commit: Commit) -> str:
    found = [
        f"{name}: {html.esc(value)}" for name in APPROVAL_TRAILERS for value in trailer_values(commit, name)
    ]
    return "<br>".join(found)
