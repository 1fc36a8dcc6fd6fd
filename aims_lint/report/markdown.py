"""A Markdown summary of a check, for a CI job summary or a pull-request comment.

Every value from a document (paths and messages quote titles and ids) is
written as inert text: a message holding `|`, `<script>` or `@someone` must
neither break the table nor run nor notify anybody.
"""

from __future__ import annotations

from aims_lint.escape import text as _text
from aims_lint.results import Finding, LintResult

# GitHub caps a job summary at 1 MiB; a few hundred rows is all a reader scans anyway.
MAX_ROWS = 500


def cell(value: object) -> str:
    """A table cell or inline text that shows exactly the characters of `value`."""
    return _text(value).replace("@", "&#64;")


def render(result: LintResult) -> str:
    counted = [f for f in result.findings if f.counts]
    suppressed = [f for f in result.findings if not f.counts]
    parts = [f"## aims-lint: {_headline(result)}\n"]
    if counted:
        parts.append(_table(counted))
    else:
        parts.append("No findings.\n")
    if suppressed:
        parts.append(
            f"<details><summary>{len(suppressed)} suppressed finding(s)</summary>\n\n"
            + _table(suppressed, reason=True)
            + "\n</details>\n"
        )
    return "\n".join(parts)


def _headline(result: LintResult) -> str:
    verdict = "failed" if result.errors else "passed"
    return (
        f"{verdict}: {result.errors} error(s), {result.warnings} warning(s) "
        f"in {len(result.checked)} document(s), as of {result.today.isoformat()}"
    )


def _table(findings: list[Finding], *, reason: bool = False) -> str:
    head = "| Severity | Where | Rule | Message |" + (" Reason |" if reason else "")
    rule = "|---|---|---|---|" + ("---|" if reason else "")
    rows = [_row(f, reason) for f in findings[:MAX_ROWS]]
    more = len(findings) - MAX_ROWS
    tail = [f"\n{more} more finding(s) not shown; run `aims-lint check` for all of them."] if more > 0 else []
    return "\n".join([head, rule, *rows, *tail]) + "\n"


def _row(finding: Finding, reason: bool) -> str:
    where = cell(f"{finding.path}:{finding.line}:{finding.column}")
    cells = [finding.severity.value, where, f"{finding.rule} {cell(finding.name)}", cell(finding.message)]
    if reason:
        cells.append(cell(finding.suppressed))
    return "| " + " | ".join(cells) + " |"
