"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Every rule in the run is described (id, name, help), suppressed findings are
kept with an `accepted` suppression and its justification, and locations are
repo-relative URIs against `%SRCROOT%`, which code scanning maps to the checkout.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aims_lint import __version__
from aims_lint.results import Finding, LintResult, Severity

if TYPE_CHECKING:
    from aims_lint.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(result: LintResult) -> str:
    return render_findings(result.rules, result.findings)


def render_findings(ran: Sequence[Rule], findings: Sequence[Finding]) -> str:
    """The SARIF log of these findings from these rules (`check` and `discover` alike)."""
    rules = [r.RULE for r in ran]
    index = {info.code: i for i, info in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "aims-lint",
                "version": __version__,
                "rules": [
                    {
                        "id": info.code,
                        "name": info.name,
                        "shortDescription": {"text": info.summary},
                        "fullDescription": {"text": _doc(r.__doc__)},
                        "help": {"text": (r.__doc__ or "").strip()},
                        "defaultConfiguration": {"level": _level(info.severity)},
                    }
                    for r, info in zip(ran, rules, strict=True)
                ],
            }
        },
        "results": [_result(f, index) for f in findings],
    }
    return (
        json.dumps(
            {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=True
        )
        + "\n"
    )


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _level(finding.severity),
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
    }
    if finding.rule in index:
        entry["ruleIndex"] = index[finding.rule]
    properties: dict[str, Any] = {}
    if finding.json_path:
        properties["jsonPath"] = finding.json_path
    if finding.omitted:
        properties["omitted"] = finding.omitted
    if finding.kind:  # a use of AI that `discover` found: what it is and how sure the scanner was
        properties.update(kind=finding.kind, evidence=finding.evidence, confidence=finding.confidence)
    if properties:
        entry["properties"] = properties
    if finding.suppressed:
        entry["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": finding.suppressed}
        ]
    return entry


def _level(severity: Severity) -> str:
    return {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(severity, "note")


def _uri(path: str) -> str:
    """A URI reference for a repo-relative path: spaces, `%`, `#`, `?` or a `:` in a file
    name would otherwise make an invalid URI, or one that viewers resolve to another file."""
    return quote(path, safe="/", errors="surrogateescape")  # undecodable names: their raw bytes


def _doc(doc: str | None) -> str:
    """The explanation paragraph (the one after the summary line), on one line."""
    paragraphs = (doc or "").strip().split("\n\n")
    explained = len(paragraphs) > 1 and not paragraphs[1].startswith("Passing::")
    return " ".join(paragraphs[1 if explained else 0].split())
