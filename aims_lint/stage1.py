"""Stage 1 prerequisites: what must hold before an auditor will start a Stage 1 audit.

A certification body's Stage 1 review reads the documented system and asks
whether it has run long enough to be audited: the scope, the AI policy and
the Statement of Applicability approved; one full internal audit cycle and
one management review recorded; no major nonconformity left open; and some
months of operation behind it. Every other piece of documented information
the standard requires must be there too. Each prerequisite that is not met becomes a
`Blocker` with a stable kebab-case code (below, and in docs/readiness.md) so
that CI logs and dashboards can key on it. The three document prerequisites
are judged by the readiness report itself (`aims_lint.readiness`), which
knows whether an approved, error-free document provides each item; the record
prerequisites are judged here from the same corpus and findings `check` made.

A blocker points where someone can act: the record or document at fault, the
configuration file for the operating period and for rules deselected or error
findings suppressed there, or "." (line 1) for the
repository when nothing is there to point at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from aims_lint.catalog import load_catalog
from aims_lint.config import Settings, config_place
from aims_lint.dates import add_months
from aims_lint.doctypes import INTERNAL_AUDIT, MANAGEMENT_REVIEW, NONCONFORMITY
from aims_lint.inventory import approved, extra, older_than, records
from aims_lint.model import Record
from aims_lint.recurring import anchor
from aims_lint.results import LintResult, Severity

SCOPE_NOT_APPROVED = "stage1-scope-not-approved"
POLICY_NOT_APPROVED = "stage1-ai-policy-not-approved"
SOA_NOT_APPROVED = "stage1-soa-not-approved"
DOCUMENTED_INFORMATION_MISSING = "stage1-documented-information-missing"
NO_AUDIT_CYCLE = "stage1-no-audit-cycle"
NO_MANAGEMENT_REVIEW = "stage1-no-management-review"
OPEN_MAJOR_NONCONFORMITY = "stage1-open-major-nonconformity"
OPERATING_SINCE_UNSET = "stage1-operating-since-unset"
OPERATING_PERIOD_TOO_SHORT = "stage1-operating-period-too-short"
RULES_DESELECTED = "stage1-rules-deselected"
ERRORS_SUPPRESSED = "stage1-errors-suppressed"
ERRORS_DOWNGRADED = "stage1-errors-downgraded"

# The documented-information items (catalog ids) that must be approved, with their blocker codes;
# every other item the catalog expects blocks with DOCUMENTED_INFORMATION_MISSING: Stage 1 reviews
# the documented information the standard requires, and finds it or not.
DOCUMENTS = {
    "scope": SCOPE_NOT_APPROVED,
    "ai-policy": POLICY_NOT_APPROVED,
    "statement-of-applicability": SOA_NOT_APPROVED,
}
# The rule that checks internal audits cover clauses 4 to 10 in the cycle. Its code is written
# here, not imported: domain modules never import rules (tests/test_readiness.py keeps them equal).
AUDIT_COVERAGE_RULE = "AIMS804"
REPOSITORY = "."  # the path of a blocker no document is at fault for


@dataclass(frozen=True)
class Blocker:
    """What stands between the system and a Stage 1 audit: an error finding, or an unmet prerequisite."""

    code: str  # the rule code of an error finding (AIMS...), or a prerequisite's code (stage1-...)
    message: str
    path: str
    line: int


def record_blockers(result: LintResult, settings: Settings) -> list[Blocker]:
    """The prerequisites read from records and settings: audit cycle, review, nonconformities, period."""
    return [
        *_audit_cycle(result, settings),
        *_management_review(result),
        *_open_majors(result),
        *_operating_period(result, settings),
        *_deselected(result, settings),
        *_suppressed_errors(result, settings),
        *_downgraded_errors(result, settings),
    ]


def _downgraded_errors(result: LintResult, settings: Settings) -> Iterable[Blocker]:
    # `severity = {AIMS1002 = "warning"}` hides an error from the verdict as surely as a suppression.
    if not result.lowered:
        return
    listed = "; ".join(f"{rule} in {path}" for rule, path in result.lowered)
    yield Blocker(
        ERRORS_DOWNGRADED,
        f"error findings are lowered to a warning or note by severity in the configuration: {listed}; "
        "a Stage 1 auditor must see them fixed, so fix each and remove its severity entry",
        *config_place(settings.root, "severity"),
    )


def _deselected(result: LintResult, settings: Settings) -> Iterable[Blocker]:
    # A verdict over some of the rules is no verdict: `ignore = ["AIMS1"]` once left the body
    # rules unrun and the system READY, with nothing in the report to say so.
    if not result.deselected:
        return
    key = "select" if settings.select and not settings.ignore else "ignore"
    yield Blocker(
        RULES_DESELECTED,
        f"{len(result.deselected)} rule(s) are left out by select or ignore in the configuration, "
        f"so they are not run: {', '.join(result.deselected)}; readiness judges the system with every "
        "rule, so remove the select and ignore entries",
        *config_place(settings.root, key),
    )


def _suppressed_errors(result: LintResult, settings: Settings) -> Iterable[Blocker]:
    # A suppression with a reason is an accepted risk for `check`, but the Stage 1 auditor must
    # see every error it hides, so each is named here instead of vanishing from the verdict.
    hidden = sorted({(f.rule, f.path) for f in result.findings
                     if not f.counts and f.severity is Severity.ERROR})
    if not hidden:
        return
    listed = "; ".join(f"{rule} in {path}" for rule, path in hidden)
    yield Blocker(
        ERRORS_SUPPRESSED,
        f"error findings are suppressed in the configuration: {listed}; a Stage 1 "
        "auditor must see them fixed, not accepted, so fix each and remove its suppression",
        *config_place(settings.root, "suppress"),
    )


def _audit_cycle(result: LintResult, settings: Settings) -> Iterable[Blocker]:
    months = settings.audit_cycle_months
    corpus = result.corpus
    audits = approved(corpus, INTERNAL_AUDIT)
    in_cycle = [a for a in audits if not older_than(a[1].event_date, months, result.today)]
    # Any AIMS804 finding, whatever its severity and even when suppressed: in its first cycle the
    # rule only warns, and a suppression quiets `check`, but neither makes an audit happen.
    gaps = [f for f in result.findings if f.rule == AUDIT_COVERAGE_RULE]
    if in_cycle and not gaps:
        return
    tops = [c.id for c in load_catalog().top_clauses]
    what = (
        f"no full internal audit cycle recorded: approved internal audit records of the last {months} "
        f"months must together cover clauses {tops[0]} to {tops[-1]}"
    )
    if gaps:
        first = gaps[0]
        yield Blocker(NO_AUDIT_CYCLE, f"{what} ({first.rule}: {first.message})", first.path, first.line)
        return
    place = anchor(corpus, INTERNAL_AUDIT, "9.2")
    where = (place[0].path, place[0].locate(place[1])[0]) if place else (REPOSITORY, 1)
    yield Blocker(NO_AUDIT_CYCLE, f"{what}; none is recorded", *where)


def _management_review(result: LintResult) -> Iterable[Blocker]:
    if approved(result.corpus, MANAGEMENT_REVIEW):
        return
    place = anchor(result.corpus, MANAGEMENT_REVIEW, "9.3")
    where = (place[0].path, place[0].locate(place[1])[0]) if place else (REPOSITORY, 1)
    yield Blocker(
        NO_MANAGEMENT_REVIEW,
        f"no management review recorded: top management must have reviewed the AIMS (9.3) and the "
        f"review be an approved record (record_kind: {MANAGEMENT_REVIEW})",
        *where,
    )


def _open_majors(result: LintResult) -> Iterable[Blocker]:
    # Drafts count too: a major nonconformity someone is still writing up is open all the same.
    for source, doc in records(result.corpus, NONCONFORMITY):
        if not isinstance(doc, Record) or extra(doc, "nc_status") != "open" or extra(doc, "grade") != "major":
            continue
        line = source.locate("/grade")[0]
        yield Blocker(
            OPEN_MAJOR_NONCONFORMITY,
            f"{doc.id} is an open major nonconformity; Stage 1 needs every major nonconformity closed, "
            "its corrective actions done and their effectiveness checked",
            source.path, line,
        )


def _operating_period(result: LintResult, settings: Settings) -> Iterable[Blocker]:
    months = settings.min_operating_months
    since = settings.operating_since
    path, line = config_place(settings.root, "operating_since")
    if since is None:
        first = _earliest_record(result)
        hint = f" (the earliest approved record is dated {first})" if first else ""
        yield Blocker(
            OPERATING_SINCE_UNSET,
            "operating_since is not set, so the operating period cannot be counted: set it in the "
            f"configuration to the day the management system started operating{hint}; Stage 1 needs "
            f"at least {months} month(s) of operation (min_operating_months)",
            path, line,
        )
        return
    ready_on = add_months(since, months)
    if result.today < ready_on:
        yield Blocker(
            OPERATING_PERIOD_TOO_SHORT,
            f"the management system has operated since {since}, less than the {months} month(s) "
            f"Stage 1 needs (min_operating_months); the period is complete on {ready_on}",
            path, line,
        )


def _earliest_record(result: LintResult) -> date | None:
    days = [
        d.event_date for _, d in result.corpus.typed
        if isinstance(d, Record) and d.active and d.status == "approved" and d.event_date is not None
    ]
    return min(days) if days else None
