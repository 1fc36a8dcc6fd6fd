"""`aims-lint discover` reports: text, JSON and SARIF of one discovery run.

A discovery run is no LintResult (it checks no documents unless it reconciles), so these take
the run's `Discovery`, the rules it ran and its findings. The shapes follow `check`'s: the same
finding lines in text, the same `findings` list in JSON (plus the fields `kind`, `evidence` and
`confidence`, "" for a finding about a record rather than a use, and the `scanned` roots and
file count), and the same SARIF log, whose results carry the three fields as properties.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from aims_lint.ai_usage.evidence import Discovery
from aims_lint.report import sarif
from aims_lint.report.text import render_findings
from aims_lint.results import Finding, Severity

if TYPE_CHECKING:
    from aims_lint.rule import Rule

FORMATS = ("text", "json", "sarif")


@dataclass(frozen=True)
class DiscoverReport:
    discovery: Discovery
    rules: tuple[Rule, ...]  # the discovery rules that ran
    findings: tuple[Finding, ...]  # sorted
    today: date

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.counts and f.severity is severity)

    @property
    def suppressed(self) -> int:
        return sum(1 for f in self.findings if not f.counts)


def render(report: DiscoverReport, fmt: str, *, colour: bool = False) -> str:
    if fmt == "json":
        return render_json(report)
    if fmt == "sarif":
        return sarif.render_findings(report.rules, report.findings)
    return render_text(report, colour=colour)


def render_text(report: DiscoverReport, *, colour: bool = False) -> str:
    return render_findings(report.findings, summary(report), colour=colour)


def summary(report: DiscoverReport) -> str:
    """The line that ends every text report: what was scanned and what was found."""
    discovery = report.discovery
    parts = [
        f"{len(discovery.uses)} use(s) of AI",
        f"{report.count(Severity.ERROR)} error(s)",
        f"{report.count(Severity.WARNING)} warning(s)",
    ]
    if report.suppressed:
        parts.append(f"{report.suppressed} suppressed")
    return f"{discovery.files_scanned} file(s) scanned in {len(discovery.roots)} path(s): " + ", ".join(parts)


def render_json(report: DiscoverReport) -> str:
    discovery = report.discovery
    payload: dict[str, Any] = {
        "today": report.today.isoformat(),
        "scanned": {
            "roots": list(discovery.roots),
            "files": discovery.files_scanned,  # read (or tried): what "N file(s) scanned" says
            "visited": discovery.files_visited,
        },
        "summary": {
            "uses": len(discovery.uses),
            "unreadable": len(discovery.unreadable),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "notes": report.count(Severity.NOTE),
            "suppressed": report.suppressed,
        },
        "findings": [_finding(f) for f in report.findings],
    }
    # ASCII with \u escapes, as check's: valid JSON for any reader, whatever a file's name.
    return json.dumps(payload, indent=2, ensure_ascii=True) + "\n"


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "kind": finding.kind,
        "evidence": finding.evidence,
        "confidence": finding.confidence,
        "suppressed": finding.suppressed,
    }
