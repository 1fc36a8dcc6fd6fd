"""Human-readable findings grouped by file: `path:line:col severity rule message`."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

import click

from aims_lint.results import Finding, LintResult, Severity

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}


def render(result: LintResult, *, colour: bool = False) -> str:
    return render_findings(result.findings, summary(result), colour=colour)


def render_findings(findings: Iterable[Finding], closing: str, *, colour: bool = False) -> str:
    """Findings grouped by file, then the summary line; `discover`'s text report is this too."""
    lines: list[str] = []
    for path, group in groupby(findings, key=lambda f: f.path):
        lines.append(click.style(visible(path), bold=True) if colour else visible(path))
        lines.extend(_line(f, colour) for f in group)
        lines.append("")
    lines.append(closing)
    return "\n".join(lines) + "\n"


def _line(finding: Finding, colour: bool) -> str:
    severity = finding.severity.value
    if colour:
        severity = click.style(severity, fg=_COLOURS[finding.severity])
    where = f"{visible(finding.path)}:{finding.line}:{finding.column}"
    # A discovery finding says how sure its scanner is; a check's has no confidence.
    sure = f" ({visible(finding.confidence)} confidence)" if finding.confidence else ""
    note = f"  [suppressed: {visible(finding.suppressed)}]" if finding.suppressed else ""
    return f"  {where}: {severity} {finding.rule} {finding.name}: {visible(finding.message)}{sure}{note}"


def visible(value: str) -> str:
    """Control characters (a newline inside a value, an escape sequence) shown escaped, so one
    finding stays one line and a document cannot drive the reader's terminal."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value)


def summary(result: LintResult) -> str:
    """The one line that ends every text report: documents checked and what was found."""
    files = len(result.checked)
    parts = [f"{result.errors} error(s)", f"{result.warnings} warning(s)"]
    if result.suppressed:
        parts.append(f"{result.suppressed} suppressed")
    return f"{files} document(s) checked: " + ", ".join(parts)
