"""Machine-readable findings; suppressed findings are included with their reason."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from aims_lint.results import CAP, Finding, LintResult


def render(result: LintResult) -> str:
    payload: dict[str, Any] = {
        "today": result.today.isoformat(),
        "summary": {
            "documents": len(result.checked),
            "errors": result.errors,
            "warnings": result.warnings,
            "suppressed": result.suppressed,
        },
        "cap": CAP,
        "findings": [_finding(f) for f in result.findings],
    }
    # ASCII with \u escapes: valid JSON for any reader, even from a file name that is not UTF-8.
    return json.dumps(payload, indent=2, ensure_ascii=True) + "\n"


def _finding(finding: Finding) -> dict[str, Any]:
    data = asdict(finding)
    data["severity"] = finding.severity.value
    if not finding.omitted:  # only a cap's summary finding says how many it stands for
        del data["omitted"]
    for key in ("kind", "evidence", "confidence"):  # discovery's fields: `discover` reports them
        del data[key]
    return data
