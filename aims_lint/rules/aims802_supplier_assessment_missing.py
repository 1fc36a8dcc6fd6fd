"""An in-scope AI system obtained from a supplier needs a supplier assessment.

When an in-scope AI system in the inventory has `sourcing: supplier` or
`hybrid`, some of its behaviour is decided by another organisation (ISO/IEC
42001 8.1, A.10.3). An approved `supplier-assessment` record whose `assesses`
lists the system's id must show that the supplier was vetted. The latest of
them (by `event_date`) must be within its cycle, `assessment_max_age_months`
(default 12): a supplier's model, terms and sub-processors change, and an
assessment from years ago vouches for none of it. A missing assessment is
reported on the system's `sourcing`; one out of its cycle on the
assessment's `event_date` (once, however many systems it covers).

Passing::

    # records/ai-system-ocr.md: id REC-012, sourcing: supplier, in_scope: true
    # records/supplier-ocr.md:  record_kind: supplier-assessment, status: approved,
    #                           assesses: [REC-012]

Failing::

    # records/ai-system-ocr.md: id REC-012, sourcing: supplier, in_scope: true
    # no supplier-assessment record assesses REC-012

    # or, with --today 2026-12-01: the only one that does has
    event_date: 2019-03-14
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import AI_SYSTEM, SUPPLIER_ASSESSMENT
from aims_lint.inventory import (
    Evidence,
    approved,
    by_subject,
    date_pointer,
    extra,
    latest,
    older_than,
    records,
    stale_message,
)
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS802", "supplier-assessment-missing", Severity.ERROR,
    "Supplier-provided AI systems need a supplier assessment.",
)
SUPPLIED = frozenset({"supplier", "hybrid"})


def check(ctx: Context) -> Iterator[Finding]:
    assessed = by_subject(approved(ctx.corpus, SUPPLIER_ASSESSMENT))
    months = ctx.settings.assessment_max_age_months
    stale: dict[str, tuple[Evidence, list[str]]] = {}  # path -> (latest assessment, systems)
    for source, system in records(ctx.corpus, AI_SYSTEM):
        sourcing = extra(system, "sourcing")
        if extra(system, "in_scope") is not True or sourcing not in SUPPLIED:
            continue
        found = latest(assessed.get(system.id, ()))
        if found is None:
            yield RULE.at(
                source, "/sourcing",
                f"AI system {system.id} is sourced from a supplier ({sourcing}) but no approved "
                f"supplier-assessment record lists {system.id} in assesses",
            )
        elif older_than(found[1].event_date, months, ctx.today):
            stale.setdefault(found[0].path, (found, []))[1].append(system.id)
    for path in sorted(stale):
        (source, assessment), systems = stale[path]
        yield RULE.at(source, date_pointer(source), stale_message(assessment, systems, months))
