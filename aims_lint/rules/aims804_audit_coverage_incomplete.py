"""Internal audits within the audit cycle, and the audit programme, must cover the whole system.

ISO/IEC 42001 9.2 expects an audit programme that examines the whole
management system. Coverage is counted at sub-clause level: every
second-level clause of the catalog (4.1 to 4.4, 5.1 to 5.3, ..., 10.1 and
10.2) and every Annex A control the current Statement of Applicability
includes (`applicable: true`). A sub-clause counts for the second-level
clause it lies in (9.2.2 covers 9.2), so "8.1" covers 8.1 and nothing else
of clause 8. Listing a whole clause ("8") counts for each of its sub-clauses:
the report then claims all of them, and AIMS850 requires its findings to
address each one.

Two things are checked:

- The approved `internal-audit` records whose `event_date` lies within
  `audit_cycle_months` (default 12) must together cover every unit. Each
  report's scope is its `scope_clauses` and `scope_controls`; a report
  written before those fields existed is read by its `clauses` and
  `controls` instead. Ids in a report's `deferred` do not count. The
  finding names what is not covered and is reported on the latest audit in
  the cycle, at its clause or control list; when there is none, on the
  latest earlier audit. With no approved audit at all it is reported where
  someone can act: a draft audit record, else the document that plans
  audits (one citing clause 9.2), else the scope, the Statement of
  Applicability or the roles registry. A new system cannot have completed
  its first cycle: until `operating_since` (written by `aims-lint init`)
  plus the cycle has passed, these findings are warnings that say when the
  cycle ends.
- The audit programme in force (the latest approved `audit-programme`
  record) must plan all of it for its cycle, in its own `scope_clauses`
  and `scope_controls` (the programme's `clauses` say which clauses the
  programme document addresses, 9.2, so they are not read as its plan). A
  plan can be put right at once, so a programme that falls short is an
  error even in the first cycle, reported on the programme's list.

With ISO/IEC 27001:2022 among the configured `frameworks`, the audits and
the programme must cover the union: 27001's clauses 4 to 10 (by the same
units) and every Annex A control its own SoA (`framework: iso27001-2022`)
includes, cited with its prefix in the same fields (`ISO27001:9.2`,
`ISO27001:A.5.1`). A 42001 id does not stand for the 27001 clause of the
same number: the audit of each standard's requirements is recorded as
such. The findings on 27001 name the framework and its ids.

Passing::

    # two approved audits in the last 12 months, no SoA controls applicable
    scope_clauses: ["4", "5", "6", "7"]
    scope_clauses: ["8", "9.1", "9.2.2", "9.3", "10"]

Failing::

    # the only approved audit in the last 12 months
    scope_clauses: ["4", "5", "6", "7", "8.1", "9", "10"]    # 8.2, 8.3, 8.4 not audited
    # the audit programme
    scope_clauses: ["4", "5", "6", "7", "9", "10"]           # plans no audit of clause 8
    # frameworks = ["iso42001", "iso27001-2022"]: the programme plans no 27001 clause
    scope_clauses: ["4", "5", "6", "7", "8", "9", "10"]
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.audit_scope import audited_frameworks, claimed, clause_units, compress, covered
from aims_lint.catalog import Catalog, load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, qualified
from aims_lint.corpus import Corpus
from aims_lint.doctypes import AUDIT_PROGRAMME, INTERNAL_AUDIT
from aims_lint.inventory import Evidence, approved, latest, older_than
from aims_lint.recurring import anchor, first_due, not_yet_due
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import current

RULE = RuleInfo(
    "AIMS804", "audit-coverage-incomplete", Severity.ERROR,
    "Internal audits and the audit programme must cover clauses 4 to 10 and the applicable controls.",
)
KIND = INTERNAL_AUDIT
CLAUSE = "9.2"


def check(ctx: Context) -> Iterator[Finding]:
    months = ctx.settings.audit_cycle_months
    early = not_yet_due(ctx.settings, months, ctx.today)
    others = audited_frameworks(ctx.settings)[1:]
    for fw in audited_frameworks(ctx.settings):
        catalog = load_catalog(fw)
        applicable = _applicable(ctx.corpus, catalog)
        for finding in _audit_findings(ctx, catalog, applicable, months, early, others):
            yield finding.with_severity(Severity.WARNING) if early else finding
        yield from _programme_findings(ctx, catalog, applicable)


def _of(catalog: Catalog) -> str:
    """How messages name the framework before a clause or control: nothing for ISO/IEC 42001."""
    return "" if catalog.framework == DEFAULT_FRAMEWORK else f"{catalog.title} "


def _named(catalog: Catalog, ids: list[str]) -> str:
    return ", ".join(qualified(catalog.framework, i) for i in ids)


def _applicable(corpus: Corpus, catalog: Catalog) -> list[str]:
    """The controls the framework's current SoA includes, in catalog order (none without an SoA:
    AIMS708 says so)."""
    soa = current(corpus, catalog.framework)
    if soa is None:
        return []
    included = {e.control for e in soa.entries if e.applicable is True}
    return [c.id for c in catalog.controls if c.id in included]


def _audit_findings(
    ctx: Context, catalog: Catalog, applicable: list[str], months: int, early: bool, others: list[str]
) -> Iterator[Finding]:
    audits = approved(ctx.corpus, KIND)
    in_cycle = [a for a in audits if not older_than(a[1].event_date, months, ctx.today)]
    missing_clauses, missing_controls = _uncovered(catalog, in_cycle, applicable)
    if not missing_clauses and not missing_controls:
        return
    due = first_due(ctx.settings, months)
    by = f" by {due}, the end of the first audit cycle" if early and due is not None else ""
    lead = f"internal audits of the last {months} months do not cover"
    # on the audit whose scope falls short; failing that, on the audit that went out of date
    audit = latest(in_cycle) if in_cycle else latest(audits)
    if audit is None and catalog.framework != DEFAULT_FRAMEWORK:
        return  # no audit at all: ISO/IEC 42001's finding says so, and names this framework too
    if audit is not None:
        scope = claimed(audit[0])
        clause_at = f"/{scope.clause_field}" if in_cycle else "/event_date"
        control_at = f"/{scope.control_field}" if scope.control_field in audit[0].data else clause_at
        control_at = control_at if in_cycle else "/event_date"
        if missing_clauses:
            message = (
                f"{lead} {_of(catalog)}clause(s) {_named(catalog, missing_clauses)}; plan audits for "
                f"them{by} and list the audited clauses in scope_clauses"
            )
            yield RULE.at(audit[0], clause_at, message)
        if missing_controls:
            message = (
                f"{lead} applicable {_of(catalog)}Annex A control(s) {_named(catalog, missing_controls)}; "
                f"plan audits for them{by} and list the audited controls in scope_controls"
            )
            yield RULE.at(audit[0], control_at, message)
        return
    tops = [c.id for c in catalog.top_clauses]
    controls = " and every applicable Annex A control" if applicable else ""
    controls += "".join(_also(fw) for fw in others)
    if early and due is not None:
        message = (
            f"no internal audit recorded yet; audits must cover clauses {tops[0]} to {tops[-1]}{controls} "
            f"by {due}, {months} months after operating_since {ctx.settings.operating_since}; plan them "
            'in an audit programme, then record each with `aims-lint new record "Internal audit" '
            f"--kind {KIND}` and approve the record"
        )
    else:
        message = (
            f"no approved internal audit record (record_kind: {KIND}); the audit programme "
            f"must cover clauses {tops[0]} to {tops[-1]}{controls} every {months} months"
        )
    place = anchor(ctx.corpus, KIND, CLAUSE)
    yield RULE.at(*place, message) if place else RULE.finding(".", 1, 1, message)


def _also(fw: str) -> str:
    catalog = load_catalog(fw)
    tops = [c.id for c in catalog.top_clauses]
    return (f", and {catalog.title}'s clauses {qualified(fw, tops[0])} to {qualified(fw, tops[-1])} and "
            "applicable controls")


def _programme_findings(ctx: Context, catalog: Catalog, applicable: list[str]) -> Iterator[Finding]:
    programme = latest(approved(ctx.corpus, AUDIT_PROGRAMME))
    if programme is None:
        return
    source = programme[0]
    missing_clauses, missing_controls = _uncovered(catalog, [programme], applicable, fallback=False)
    months = ctx.settings.audit_cycle_months
    cycle = f"its {months}-month cycle"
    if missing_clauses:
        pointer = "/scope_clauses" if "scope_clauses" in source.data else "/record_kind"
        message = (
            f"the audit programme does not plan {_of(catalog)}clause(s) {_named(catalog, missing_clauses)} "
            f"within {cycle}; plan audits for them and list every clause the cycle's audits will examine "
            "in scope_clauses"
        )
        yield RULE.at(source, pointer, message)
    if missing_controls:
        pointer = "/scope_controls" if "scope_controls" in source.data else "/record_kind"
        message = (
            f"the audit programme does not plan applicable {_of(catalog)}Annex A control(s) "
            f"{_named(catalog, missing_controls)} within {cycle}; plan audits for them and list them in "
            "scope_controls"
        )
        yield RULE.at(source, pointer, message)


def _uncovered(
    catalog: Catalog, evidence: list[Evidence], applicable: list[str], *, fallback: bool = True
) -> tuple[list[str], list[str]]:
    """The clause units (compressed) and applicable controls none of `evidence` covers."""
    clauses: set[str] = set()
    controls: set[str] = set()
    for source, _ in evidence:
        scope = claimed(source, fallback=fallback).of(catalog.framework)
        more_clauses, more_controls = covered(catalog, scope)
        clauses |= more_clauses
        controls |= more_controls
    missing = [u for u in clause_units(catalog) if u not in clauses]
    return compress(catalog, missing), [c for c in applicable if c not in controls]
