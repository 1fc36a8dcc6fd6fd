"""The dashboard: what an auditor or the AIMS manager checks first.

Documents by status, reviews overdue or due soon, Statement of Applicability
coverage (the readiness figures, so they match `aims-lint readiness`), the
coverage of each configured framework when there are several, open
nonconformities and corrective actions, the latest changes from git, and the
findings of the check (`dashboard_findings.py`).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from aims_lint import escape, inventory
from aims_lint.corrective_actions import open_actions
from aims_lint.doctypes import NONCONFORMITY
from aims_lint.history.model import Commit
from aims_lint.site import dashboard_findings, framework_readiness, readiness_page
from aims_lint.site.context import SiteContext
from aims_lint.site.docpage import front_matter
from aims_lint.site.panel import BADGES

PAGE = "dashboard.md"
RECENT = 15  # commits shown under "Recent changes"


def dashboard_page(ctx: SiteContext) -> str:
    lines = [front_matter("Dashboard"), "# Dashboard", "", f"As of {ctx.today.isoformat()}.", ""]
    # The findings first: a site built despite errors sends its readers here (site/stamp.py).
    lines += [dashboard_findings.section(ctx, PAGE), ""]
    for section in (_by_status, _reviews, readiness_page.dashboard_section, _frameworks, _nonconformities,
                    _recent):
        text = section(ctx)
        lines += [text, ""] if text else []
    return "\n".join(lines)


def _frameworks(ctx: SiteContext) -> str:
    return "\n".join(framework_readiness.dashboard_lines(ctx, PAGE)).rstrip()


def _by_status(ctx: SiteContext) -> str:
    counts = Counter((d.status, d.type) for _, d in ctx.published)
    types = sorted({t for _, t in counts})
    statuses = sorted({s for s, _ in counts})
    lines = [
        "## Documents by status",
        "",
        "| Status | " + " | ".join(types) + " | Total |",
        "|---|" + "---|" * (len(types) + 1),
    ]
    for status in statuses:
        cells = [str(counts[(status, t)]) for t in types]
        total = sum(counts[(status, t)] for t in types)
        lines.append(f"| {escape.text(status)} | " + " | ".join(cells) + f" | {total} |")
    lines.append(
        "| **Total** | "
        + " | ".join(str(sum(counts[(s, t)] for s in statuses)) for t in types)
        + f" | {len(ctx.published)} |"
    )
    return "\n".join(lines)


def _reviews(ctx: SiteContext) -> str:
    due = [(s, d, ctx.review_state(d)) for s, d in ctx.published]
    due = sorted(
        ((s, d, st) for s, d, st in due if st), key=lambda x: (x[1].next_review or date.max, x[0].path)
    )
    overdue = sum(1 for *_, st in due if st == "overdue")
    lines = [
        "## Reviews",
        "",
        f"**{overdue}** overdue, **{len(due) - overdue}** due within {ctx.settings.due_soon_days} days.",
        "",
    ]
    if not due:
        return "\n".join([*lines, "Every approved document is within its review date."])
    lines += ["| Document | Owner | Next review | State |", "|---|---|---|---|"]
    for _, doc, state in due:
        lines.append(
            f"| {ctx.doc_link(PAGE, doc.id, with_title=True)} | {escape.text(doc.owner)} "
            f"| {escape.text(doc.next_review)} | {BADGES[state or '']} |"
        )
    return "\n".join(lines)


def _nonconformities(ctx: SiteContext) -> str:
    records = [d for _, d in inventory.records(ctx.corpus, NONCONFORMITY)]
    open_ncs = [d for d in records if inventory.extra(d, "nc_status") == "open"]
    # Both `actions` and the 0.1 `corrective_actions`, "done" decided as the rules decide it.
    actions = [(d, a) for d in records for a in open_actions(d)]
    late = sum(1 for _, a in actions if a.due is not None and a.due < ctx.today)
    lines = [
        "## Nonconformities and corrective actions",
        "",
        f"**{len(open_ncs)}** open nonconformities of {len(records)}; "
        f"**{len(actions)}** open corrective actions, **{late}** past due.",
        "",
    ]
    if not actions:
        return "\n".join(lines)
    lines += ["| Nonconformity | Action | Owner | Due |", "|---|---|---|---|"]
    for doc, action in actions:
        mark = f" {BADGES['overdue']}" if action.due and action.due < ctx.today else ""
        what = " ".join(str(action.data[k]) for k in ("id", "action") if action.data.get(k))
        lines.append(
            f"| {ctx.doc_link(PAGE, doc.id)} | {escape.text(what)} "
            f"| {escape.text(action.data.get('owner'))} | {escape.text(action.data.get('due'))}{mark} |"
        )
    return "\n".join(lines)


def _recent(ctx: SiteContext) -> str:
    lines = ["## Recent changes", ""]
    if ctx.history.problem:
        return "\n".join([*lines, f"History unavailable: {escape.text(ctx.history.problem)}"])
    touched: dict[str, tuple[Commit, list[str]]] = {}
    for source, doc in ctx.published:
        for commit in ctx.history.of(source.path).commits:
            touched.setdefault(commit.sha, (commit, []))[1].append(doc.id)
    newest = sorted(touched.values(), key=lambda item: (item[0].committer.when, item[0].sha), reverse=True)
    if not newest:
        return "\n".join([*lines, "No document has been committed yet."])
    lines += ["| Date | Author | Change | Documents |", "|---|---|---|---|"]
    for commit, ids in newest[:RECENT]:
        lines.append(
            f"| {commit.day.isoformat()} | {escape.text(commit.author.person.name)} "
            f"| {escape.text(commit.subject)} | {ctx.doc_links(PAGE, sorted(set(ids)))} |"
        )
    return "\n".join(lines)
