"""The verdict line and the report as JSON-ready data."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from aims_lint.readiness.report import FrameworkReadiness, Readiness


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


def framework_verdict(f: FrameworkReadiness) -> str:
    """A framework's verdict line: Stage 1 readiness for a certifiable one, else coverage."""
    if f.certifiable:
        if f.ready:
            return "READY for a Stage 1 audit"
        return f"NOT READY for a Stage 1 audit: {len(f.blockers)} blocker(s)"
    s = f.summary["items"]
    if not s["total"]:  # nothing to count: covered only when the framework knows nothing applies
        return "COVERED: no item applies" if f.ready else "NOT COVERED: no item counted"
    if f.ready:
        return f"COVERED: all {s['total']} item(s) addressed"
    return f"NOT COVERED: {s['covered']} of {s['total']} item(s) addressed ({s['percent']}%)"


def narrowed(r: Readiness, framework: str) -> Readiness:
    """The ISO/IEC 42001 report for `readiness --framework iso42001`: its own verdict and blockers,
    without the other frameworks'."""
    f = r.frameworks[framework]
    return replace(r, ready=f.ready, blockers=f.blockers, frameworks={framework: f})


def framework_json(r: Readiness, framework: str) -> dict[str, Any]:
    """`readiness --framework ID --format json`: that framework's entry, with the day and findings."""
    data = _lists(asdict(r.frameworks[framework]))
    return {"framework": framework, "today": r.today, "findings": r.findings, **data}
