"""An audit report's claimed scope must match what its findings cover.

A report that lists clauses 4 to 10 in its scope but says nothing about them
is not evidence that they were audited, yet it would satisfy the coverage
rule (AIMS804). So each approved `internal-audit` record is held to its own
claim, its `scope_clauses` and `scope_controls` (for a report written before
those fields, its `clauses` and `controls`):

- Every clause and control in the scope is addressed: the `findings` field
  has an entry on it (or on something within it), or the body's findings
  section mentions it (or something within it). A whole clause ("8")
  claims each of its second-level sub-clauses, so each of 8.1 to 8.4 must
  be addressed. The findings section is every heading whose text contains
  "finding" or "result" ("Findings", "Audit results", "Results by
  requirement"), with what lies under it down to the next heading of the
  same or a higher level, read with the Markdown parser (code blocks do
  not count). An id is mentioned when it stands on its own in a sentence or
  a table cell there; a range "8.1-8.4" mentions its two ends only.
- A statement that says an id was deferred, postponed, not audited, or out
  of scope does not address it. Put such ids in the report's `deferred`
  field and out of its scope: ids in `deferred` never count as covered, and
  an id may not be both in the scope and deferred.
- Every `findings[].clause_or_control` lies within the claimed scope (is a
  claimed id or within one): a finding outside it means the scope is wrong.

Drafts are work in progress and are not checked.

Passing::

    scope_clauses: ["8.1", "9.3"]
    findings: [{id: NC-2026-02, clause_or_control: "8.1", grade: minor}]
    # body
    ## Findings
    | 9.3 | conformity | review of 18 November held with inputs a-e |

Failing::

    scope_clauses: ["4", "5", "6", "7", "8", "9", "10"]
    # body
    ## Findings
    None.
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.audit_scope import (
    addressed,
    claimed,
    finding_targets,
    findings_text,
    units_of,
)
from aims_lint.catalog import Catalog, load_catalog
from aims_lint.doctypes import INTERNAL_AUDIT
from aims_lint.document import SourceFile
from aims_lint.inventory import approved
from aims_lint.positions import join_pointer
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS850", "audit-scope-unsupported", Severity.ERROR,
    "An audit report's findings must address every clause and control it claims, and no more.",
)


def check(ctx: Context) -> Iterator[Finding]:
    catalog = load_catalog()
    for source, _ in approved(ctx.corpus, INTERNAL_AUDIT):
        yield from _report(catalog, source)


def _report(catalog: Catalog, source: SourceFile) -> Iterator[Finding]:
    scope = claimed(source)
    text = findings_text(source)
    targets = finding_targets(source)
    # only ids the catalog knows: "build 8.3.1" is not a statement about clause 8.3
    by = {i for i in text.mentioned if catalog.get(i) is not None} | {target for _, target in targets}
    deferred = set(scope.deferred)
    clauses = [c for c in scope.clauses if catalog.clause(c) is not None and c not in deferred]
    controls = [c for c in scope.controls if catalog.control(c) is not None and c not in deferred]
    missing_clauses = _unaddressed_clauses(catalog, clauses, by)
    missing_controls = [c for c in controls if not addressed(c, by)]
    where = "" if text.present else (
        "; the body has no findings section (a heading with 'Findings' or 'Results')"
    )
    if missing_clauses:
        yield RULE.at(source, f"/{scope.clause_field}", _message(
            "clause(s)", missing_clauses, scope.clause_field, where, text.put_off
        ))
    if missing_controls:
        yield RULE.at(source, f"/{scope.control_field}", _message(
            "control(s)", missing_controls, scope.control_field, where, text.put_off
        ))
    for index, target in targets:
        inside = any(addressed(claim, [target]) for claim in (*scope.clauses, *scope.controls))
        if not inside:
            field = scope.control_field if target.startswith("A.") else scope.clause_field
            yield RULE.at(source, join_pointer("findings", index, "clause_or_control"), (
                f"finding on {target} lies outside the audit's claimed scope; add {target} to {field} "
                "or correct the finding"
            ))
    claims = (*scope.clauses, *scope.controls)
    for index, item in enumerate(scope.deferred):
        if any(addressed(item, [claim]) or addressed(claim, [item]) for claim in claims):
            yield RULE.at(source, join_pointer("deferred", index), (
                f"{item} is deferred and also in the audit's scope; an audit cannot both examine and defer "
                "it: take it out of the scope"
            ))


def _unaddressed_clauses(catalog: Catalog, clauses: list[str], by: set[str]) -> list[str]:
    """Claimed clauses nobody addressed; a whole clause is checked sub-clause by sub-clause and
    named by its number when none of its sub-clauses is addressed."""
    missing: list[str] = []
    for clause in clauses:
        item = catalog.clause(clause)
        whole = item is not None and item.parent is None
        wanted = units_of(catalog, clause) if whole else (clause,)
        gaps = [u for u in wanted if not addressed(u, by)]
        if whole and gaps and len(gaps) == len(wanted):
            gaps = [clause]
        missing += [g for g in gaps if not any(addressed(m, [g]) for m in missing)]
    return missing


def _message(what: str, missing: list[str], field: str, where: str, put_off: frozenset[str]) -> str:
    said = sorted(i for i in put_off if any(addressed(m, [i]) or addressed(i, [m]) for m in missing))
    verb = "was" if len(said) == 1 else "were"
    hint = (
        f"; the findings say {', '.join(said)} {verb} deferred or not audited: "
        "list what was put off in deferred and take it out of the scope"
    ) if said else ""
    return (
        f"the audit claims {what} {', '.join(missing)} in {field} but its findings do not address "
        f"{'it' if len(missing) == 1 else 'them'}{where}{hint}; state the result for each in the findings "
        "section or in findings"
    )
