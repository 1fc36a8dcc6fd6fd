"""Every in-scope AI system needs a current impact assessment and risk assessment.

The AI system inventory is kept as records (`record_kind: ai-system`). For
each system in force with `in_scope: true`, there must be an approved
`impact-assessment` record and an approved `risk-assessment` record whose
`assesses` lists the system's id (ISO/IEC 42001 6.1.2, 6.1.4, 8.2, 8.4).
The latest of each (by `event_date`) must also be within its cycle: not
older than `assessment_max_age_months` (default 12), whatever the system's
risk level, since a low rating is itself a result the assessment has to keep
current. A missing assessment is reported on the system's `id`; one out of
its cycle on the assessment's `event_date`, where the stale date is written
(once, however many systems it assesses). The system changing after its
assessment is AIMS865.

Passing::

    # records/ai-system-chat.md: id REC-010, in_scope: true, risk_level: high
    # records/impact-chat.md: record_kind: impact-assessment, status: approved,
    #                         event_date: 2026-03-01, assesses: [REC-010]
    # records/risk-chat.md:   record_kind: risk-assessment, (likewise)

Failing::

    # records/ai-system-chat.md: id REC-010, in_scope: true
    # no approved impact-assessment record assesses REC-010

    # or, with --today 2026-12-01: the latest risk-assessment of REC-010 has
    event_date: 2023-05-10
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import AI_SYSTEM, IMPACT_ASSESSMENT, RISK_ASSESSMENT
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
    "AIMS801", "system-assessment-missing", Severity.ERROR,
    "In-scope AI systems need current impact and risk assessments.",
)
KINDS = (IMPACT_ASSESSMENT, RISK_ASSESSMENT)


def check(ctx: Context) -> Iterator[Finding]:
    evidence = {kind: by_subject(approved(ctx.corpus, kind)) for kind in KINDS}
    months = ctx.settings.assessment_max_age_months
    stale: dict[str, tuple[Evidence, list[str]]] = {}  # path -> (latest assessment, systems)
    for source, system in records(ctx.corpus, AI_SYSTEM):
        if extra(system, "in_scope") is not True:
            continue
        for kind in KINDS:
            found = latest(evidence[kind].get(system.id, ()))
            if found is None:
                yield RULE.at(
                    source, "/id",
                    f"in-scope AI system {system.id} has no approved {kind} record (record_kind: {kind} "
                    f"with {system.id} in assesses)",
                )
            elif older_than(found[1].event_date, months, ctx.today):
                stale.setdefault(found[0].path, (found, []))[1].append(system.id)
    for path in sorted(stale):
        (source, assessment), systems = stale[path]
        yield RULE.at(source, date_pointer(source), stale_message(assessment, systems, months))
