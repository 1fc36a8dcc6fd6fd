"""GitHub Actions workflow commands: one annotation per finding, on the exact line.

The data part of a workflow command must escape `%`, CR and LF; property
values must also escape `:` and `,`. Several linters forget the property
rules, which breaks annotations for paths or titles holding a comma.
"""

from __future__ import annotations

from aims_lint.results import Finding, LintResult, Severity


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult) -> str:
    return "".join(_command(f) + "\n" for f in result.findings if f.counts)


def _command(finding: Finding) -> str:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(finding.severity, "notice")
    properties = {
        "file": finding.path,
        "line": str(finding.line),
        "col": str(finding.column),
        "title": f"{finding.rule} {finding.name}",
    }
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in properties.items())
    return f"::{level} {joined}::{escape_data(finding.message)}"
