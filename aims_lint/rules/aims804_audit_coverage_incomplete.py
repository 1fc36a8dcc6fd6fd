"""Internal audits within the audit cycle must together cover clauses 4 to 10.

ISO/IEC 42001 9.2 expects an audit programme that examines the whole
management system. The approved `internal-audit` records whose `event_date`
lies within `audit_cycle_months` (default 12) list the clauses they audited
in `clauses`; together they must cover each of clauses 4 to 10 (a sub-clause
such as 9.2.2 covers clause 9). The finding names the clauses not covered
and is reported on the latest audit in the cycle; when there is none, on the
latest earlier audit, or on line 1 of the record schema if there is no audit.

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
from aims_lint.findings import Finding, Severity
from aims_lint.inventory import Evidence, approved, latest, older_than
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS804", "audit-coverage-incomplete", Severity.ERROR,
    "Internal audits in the cycle must cover clauses 4 to 10.",
)


def check(ctx: Context) -> Iterator[Finding]:
    months = ctx.settings.audit_cycle_months
    audits = approved(ctx.corpus, "internal-audit")
    in_cycle = [a for a in audits if not older_than(a[1].event_date, months, ctx.today)]
    tops = [c.id for c in load_catalog().top_clauses]
    missing = _uncovered(in_cycle, tops)
    if not missing:
        return
    message = (
        f"internal audits of the last {months} months do not cover clause(s) {', '.join(missing)}; "
        "plan audits for them and list the audited clauses in clauses"
    )
    # on the audit whose clauses fall short; failing that, on the audit that went out of date
    pointer, anchor = ("/clauses", latest(in_cycle)) if in_cycle else ("/event_date", latest(audits))
    if anchor is not None:
        yield RULE.at(anchor[0], pointer, message)
        return
    schema = ctx.schemas.by_type.get("record")
    yield RULE.finding(
        schema.path if schema else ctx.settings.schemas, 1, 1,
        "no approved internal audit record (record_kind: internal-audit); the audit programme "
        f"must cover clauses {tops[0]} to {tops[-1]} every {months} months",
    )


def _uncovered(audits: list[Evidence], tops: list[str]) -> list[str]:
    listed = [clause for _, audit in audits for clause in audit.clauses]
    return [top for top in tops if not any(covers(item, top) for item in listed)]
