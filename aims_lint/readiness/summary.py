"""The report's counts: findings by severity and rule, and coverage figures."""

from __future__ import annotations

from collections import Counter
from typing import Any

from aims_lint.readiness.report import ClauseCoverage, ControlStatus, InformationStatus
from aims_lint.results import LintResult


def finding_counts(result: LintResult) -> dict[str, Any]:
    """The report's `findings`: counts of the findings shown, by severity and by rule."""
    counted = Counter(f.rule for f in result.findings if f.counts)
    return {
        "errors": result.errors,
        "warnings": result.warnings,
        "suppressed": result.suppressed,
        "by_rule": dict(sorted(counted.items())),
    }


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def summary(
    clauses: tuple[ClauseCoverage, ...],
    controls: tuple[ControlStatus, ...],
    information: tuple[InformationStatus, ...],
) -> dict[str, dict[str, int | float]]:
    covered = sum(1 for c in clauses if c.covered)
    present = sum(1 for i in information if i.present)
    return {
        "clauses": {"total": len(clauses), "covered": covered, "percent": percent(covered, len(clauses))},
        "controls": control_summary(controls),
        "documented_information": {
            "total": len(information), "present": present, "percent": percent(present, len(information)),
        },
    }


def control_summary(controls: tuple[ControlStatus, ...]) -> dict[str, int | float]:
    decisions = Counter(c.decision for c in controls)
    included = [c for c in controls if c.decision == "included"]
    # as readiness counts them: `implemented` only with a record showing the control operating
    status = Counter(c.counted_as or "unknown" for c in included)
    decided = decisions["included"] + decisions["excluded"]
    return {
        "total": len(controls),
        "included": decisions["included"],
        "covered": sum(1 for c in included if c.covered),
        "excluded": decisions["excluded"],
        "undecided": decisions["undecided"],
        "not_listed": decisions["not-listed"],
        "decided_percent": percent(decided, len(controls)),
        "implemented": status["implemented"],
        "partial": status["partial"],
        "planned": status["planned"],
        "not_implemented": status["not-implemented"],
        "implemented_percent": percent(status["implemented"], len(included)),
    }
