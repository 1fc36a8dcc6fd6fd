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

With ISO/IEC 27001:2022 among the configured `frameworks`, a report's
27001 claims (`ISO27001:9.2`, `ISO27001:A.5.1` in the same fields) are held
to the same standard, by 27001's catalog: its findings must state a result
for each, written with the prefix ("ISO27001:A.5.1: conforms") or as a
`findings` entry on the qualified id. The messages name the framework.

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
    audited_frameworks,
    canonical,
    claimed,
    finding_targets,
    findings_text,
    units_of,
)
from aims_lint.catalog import Catalog, load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, cites_field, local_ids, parse, qualified
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
    catalogs = [load_catalog(fw) for fw in audited_frameworks(ctx.settings)]
    for source, _ in approved(ctx.corpus, INTERNAL_AUDIT):
        for catalog in catalogs:
            yield from _report(catalog, source)
        yield from _consistent(source)


def _report(catalog: Catalog, source: SourceFile) -> Iterator[Finding]:
    """The claims of one framework that the findings do not address."""
    fw = catalog.framework
    scope = claimed(source).of(fw)
    text = findings_text(source)
    mentioned, put_off = text.of(fw)
    targets = local_ids([target for _, target in finding_targets(source)], fw)
    # only ids the catalog knows: "build 8.3.1" is not a statement about clause 8.3
    by = {i for i in mentioned if catalog.get(i) is not None} | set(targets)
    deferred = set(scope.deferred)
    clauses = [c for c in scope.clauses if catalog.clause(c) is not None and c not in deferred]
    controls = [c for c in scope.controls if catalog.control(c) is not None and c not in deferred]
    missing_clauses = _unaddressed_clauses(catalog, clauses, by)
    missing_controls = [c for c in controls if not addressed(c, by)]
    where = "" if text.present else (
        "; the body has no findings section (a heading with 'Findings' or 'Results')"
    )
    of = "" if fw == DEFAULT_FRAMEWORK else f"{catalog.title} "
    if missing_clauses:
        yield RULE.at(source, f"/{scope.clause_field}", _message(
            f"{of}clause(s)", missing_clauses, scope.clause_field, where, put_off, fw
        ))
    if missing_controls:
        yield RULE.at(source, f"/{scope.control_field}", _message(
            f"{of}control(s)", missing_controls, scope.control_field, where, put_off, fw
        ))


def _consistent(source: SourceFile) -> Iterator[Finding]:
    """Findings inside the claimed scope, nothing both claimed and deferred: ids of every framework,
    compared as `qualified` spells them."""
    scope = claimed(source)
    claims = tuple(canonical(c) for c in (*scope.clauses, *scope.controls))
    for index, written in finding_targets(source):
        target = canonical(written)
        inside = any(addressed(claim, [target]) for claim in claims)
        if not inside:
            kind = cites_field(parse(target).local)
            field = scope.control_field if kind == "controls" else scope.clause_field
            yield RULE.at(source, join_pointer("findings", index, "clause_or_control"), (
                f"finding on {written} lies outside the audit's claimed scope; add {written} to {field} "
                "or correct the finding"
            ))
    for index, written in enumerate(scope.deferred):
        item = canonical(written)
        if any(addressed(item, [claim]) or addressed(claim, [item]) for claim in claims):
            yield RULE.at(source, join_pointer("deferred", index), (
                f"{written} is deferred and also in the audit's scope; an audit cannot both examine and "
                "defer it: take it out of the scope"
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


def _message(
    what: str, missing: list[str], field: str, where: str, put_off: frozenset[str], fw: str
) -> str:
    said = sorted(qualified(fw, i) for i in put_off
                  if any(addressed(m, [i]) or addressed(i, [m]) for m in missing))
    missing = [qualified(fw, m) for m in missing]
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
