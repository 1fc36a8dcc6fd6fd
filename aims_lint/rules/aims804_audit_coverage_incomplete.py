"""Internal audits within the audit cycle must together cover clauses 4 to 10.

ISO/IEC 42001 9.2 expects an audit programme that examines the whole
management system. The approved `internal-audit` records whose `event_date`
lies within `audit_cycle_months` (default 12) list the clauses they audited
in `clauses`; together they must cover each of clauses 4 to 10 (a sub-clause
such as 9.2.2 covers clause 9). The finding names the clauses not covered
and is reported on the latest audit in the cycle; when there is none, on the
latest earlier audit. With no approved audit at all it is reported where
someone can act: a draft audit record, else the document that plans audits
(one citing clause 9.2, such as the audit programme or procedure), else the
scope, the Statement of Applicability or the roles registry. A new system
cannot have completed its first cycle: until `operating_since` (written by
`aims-lint init`) plus the cycle has passed, the finding is a warning that
says when the cycle ends.

Passing::

    # two approved audits in the last 12 months
    clauses: ["4", "5", "6", "7"]
    clauses: ["8", "9.2.2", "10.2"]

Failing::

    # the only approved audit in the last 12 months
    clauses: ["4", "5", "6"]        # 7, 8, 9 and 10 not audited
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import covers, load_catalog
from aims_lint.doctypes import INTERNAL_AUDIT
from aims_lint.inventory import Evidence, approved, latest, older_than
from aims_lint.recurring import anchor, first_due, not_yet_due
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS804", "audit-coverage-incomplete", Severity.ERROR,
    "Internal audits in the cycle must cover clauses 4 to 10.",
)
KIND = INTERNAL_AUDIT
CLAUSE = "9.2"


def check(ctx: Context) -> Iterator[Finding]:
    months = ctx.settings.audit_cycle_months
    early = not_yet_due(ctx.settings, months, ctx.today)
    for finding in _findings(ctx, months, early):
        yield finding.with_severity(Severity.WARNING) if early else finding


def _findings(ctx: Context, months: int, early: bool) -> Iterator[Finding]:
    audits = approved(ctx.corpus, KIND)
    in_cycle = [a for a in audits if not older_than(a[1].event_date, months, ctx.today)]
    tops = [c.id for c in load_catalog().top_clauses]
    missing = _uncovered(in_cycle, tops)
    if not missing:
        return
    due = first_due(ctx.settings, months)
    by = f" by {due}, the end of the first audit cycle" if early and due is not None else ""
    message = (
        f"internal audits of the last {months} months do not cover clause(s) {', '.join(missing)}; "
        f"plan audits for them{by} and list the audited clauses in clauses"
    )
    # on the audit whose clauses fall short; failing that, on the audit that went out of date
    pointer, audit = ("/clauses", latest(in_cycle)) if in_cycle else ("/event_date", latest(audits))
    if audit is not None:
        yield RULE.at(audit[0], pointer, message)
        return
    if early and due is not None:
        message = (
            f"no internal audit recorded yet; audits must cover clauses {tops[0]} to {tops[-1]} by {due}, "
            f"{months} months after operating_since {ctx.settings.operating_since}; plan them in an audit "
            f'programme, then record each with `aims-lint new record "Internal audit" --kind {KIND}` '
            "and approve the record"
        )
    else:
        message = (
            f"no approved internal audit record (record_kind: {KIND}); the audit programme "
            f"must cover clauses {tops[0]} to {tops[-1]} every {months} months"
        )
    place = anchor(ctx.corpus, KIND, CLAUSE)
    yield RULE.at(*place, message) if place else RULE.finding(".", 1, 1, message)


def _uncovered(audits: list[Evidence], tops: list[str]) -> list[str]:
    listed = [clause for _, audit in audits for clause in audit.clauses]
    return [top for top in tops if not any(covers(item, top) for item in listed)]
