"""The verdict line and the report as JSON-ready data."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from aims_lint.readiness.report import Readiness


def verdict(r: Readiness) -> str:
    """The verdict line, as the command, the site's readiness page and the dashboard show it."""
    if r.ready:
        return "READY for a Stage 1 audit"
    return f"NOT READY for a Stage 1 audit: {len(r.blockers)} blocker(s)"


def readiness_json(r: Readiness) -> dict[str, Any]:
    """The report as JSON-ready data: clauses and controls in catalog order, every other list sorted.

    For a reader who may not see every document, pass the report through `withhold` first.
    """
    return {key: _lists(value) for key, value in asdict(r).items()}


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value

