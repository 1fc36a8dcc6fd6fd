"""An in-scope AI system obtained from a supplier needs a supplier assessment.

When an in-scope AI system in the inventory has `sourcing: supplier` or
`hybrid`, some of its behaviour is decided by another organisation (ISO/IEC
42001 8.1, A.10.3). An approved `supplier-assessment` record whose `assesses`
lists the system's id must show that the supplier was vetted.

Passing::

    # records/ai-system-ocr.md: id REC-012, sourcing: supplier, in_scope: true
    # records/supplier-ocr.md:  record_kind: supplier-assessment, status: approved,
    #                           assesses: [REC-012]

Failing::

    # records/ai-system-ocr.md: id REC-012, sourcing: supplier, in_scope: true
    # no supplier-assessment record assesses REC-012
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import AI_SYSTEM, SUPPLIER_ASSESSMENT
from aims_lint.inventory import approved, by_subject, extra, records
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS802", "supplier-assessment-missing", Severity.ERROR,
    "Supplier-provided AI systems need a supplier assessment.",
)
SUPPLIED = frozenset({"supplier", "hybrid"})


def check(ctx: Context) -> Iterator[Finding]:
    assessed = by_subject(approved(ctx.corpus, SUPPLIER_ASSESSMENT))
    for source, system in records(ctx.corpus, AI_SYSTEM):
        sourcing = extra(system, "sourcing")
        if extra(system, "in_scope") is not True or sourcing not in SUPPLIED:
            continue
        if not assessed.get(system.id):
            yield RULE.at(
                source, "/sourcing",
                f"AI system {system.id} is sourced from a supplier ({sourcing}) but no approved "
                f"supplier-assessment record lists {system.id} in assesses",
            )
