"""The dashboard's "Findings of the check" section: what the check found when the site was built.

A site published despite errors (`aims-lint build --no-gate`) must show the
lapse where an auditor looks first, not only on each document's page. The
section lists the audience's findings (already redacted by the gate),
errors first, each linked to its document's page; suppressed findings do not
count, as they do not fail a run.
"""

from __future__ import annotations

from aims_lint import escape
from aims_lint.results import Finding, Severity
from aims_lint.site.context import SiteContext, rel

HEADING = "Findings of the check"
LIMIT = 200  # rows; each document's page lists all of its own


def section(ctx: SiteContext, page: str) -> str:
    counted = sorted((f for f in ctx.findings if f.counts),
                     key=lambda f: (f.severity is not Severity.ERROR, f))
    errors = sum(1 for f in counted if f.severity is Severity.ERROR)
    warnings = len(counted) - errors
    counts = f"**{errors}** error{_s(errors)}, **{warnings}** warning{_s(warnings)}."
    lines = [f"## {HEADING}", "", counts, ""]
    if not counted:
        return "\n".join([*lines, "The check found nothing to report."])
    lines += ["| Where | Rule | Severity | Finding |", "|---|---|---|---|"]
    ids = {source.path: doc.id for source, doc in ctx.published}
    for finding in counted[:LIMIT]:
        lines.append(f"| {_where(ctx, ids, page, finding)} | {escape.text(finding.rule)} "
                     f"| {escape.text(finding.severity.value)} | {escape.text(finding.message)} |")
    if len(counted) > LIMIT:
        lines += ["", f"{len(counted) - LIMIT} more are listed on the pages of their documents."]
    return "\n".join(lines)


def _where(ctx: SiteContext, ids: dict[str, str], page: str, finding: Finding) -> str:
    """The document's id, linked to its page; a path that is no published document, as text."""
    target = ctx.page_of_path.get(finding.path)
    if target is None:
        return escape.text(f"{finding.path}:{finding.line}" if finding.line else finding.path)
    label = f"{ids[finding.path]} line {finding.line}" if finding.line else ids[finding.path]
    return f"[{escape.text(label)}]({rel(page, target)})"


def _s(count: int) -> str:
    return "" if count == 1 else "s"
