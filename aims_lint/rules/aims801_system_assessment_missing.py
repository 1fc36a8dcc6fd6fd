"""Every in-scope AI system needs a current impact assessment and risk assessment.

The AI system inventory is kept as records (`record_kind: ai-system`). For
each system in force with `in_scope: true`, there must be an approved
`impact-assessment` record and an approved `risk-assessment` record whose
`assesses` lists the system's id (ISO/IEC 42001 6.1.2, 6.1.4, 8.2, 8.4).
For a system with `risk_level` high or unacceptable, the latest of each must
also be recent: not older (by `event_date`) than `assessment_max_age_months`
(default 12).

Passing::

    # records/ai-system-chat.md: id REC-010, in_scope: true, risk_level: high
    # records/impact-chat.md: record_kind: impact-assessment, status: approved,
    #                         event_date: 2026-03-01, assesses: [REC-010]
    # records/risk-chat.md:   record_kind: risk-assessment, (likewise)

Failing::

    # records/ai-system-chat.md: id REC-010, in_scope: true
    # no approved impact-assessment record assesses REC-010
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import AI_SYSTEM, IMPACT_ASSESSMENT, RISK_ASSESSMENT
from aims_lint.document import SourceFile
from aims_lint.inventory import Evidence, approved, by_subject, extra, latest, older_than, records
from aims_lint.model import Record
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS801", "system-assessment-missing", Severity.ERROR,
    "In-scope AI systems need current impact and risk assessments.",
)
KINDS = (IMPACT_ASSESSMENT, RISK_ASSESSMENT)
HIGH_RISK = frozenset({"high", "unacceptable"})


def check(ctx: Context) -> Iterator[Finding]:
    evidence = {kind: by_subject(approved(ctx.corpus, kind)) for kind in KINDS}
    for source, system in records(ctx.corpus, AI_SYSTEM):
        if extra(system, "in_scope") is True:
            for kind in KINDS:
                yield from _assessment(ctx, source, system, kind, evidence[kind])


def _assessment(
    ctx: Context, source: SourceFile, system: Record, kind: str, evidence: dict[str, list[Evidence]]
) -> Iterator[Finding]:
    found = latest(evidence.get(system.id, ()))
    if found is None:
        yield RULE.at(
            source, "/id",
            f"in-scope AI system {system.id} has no approved {kind} record (record_kind: {kind} "
            f"with {system.id} in assesses)",
        )
        return
    months = ctx.settings.assessment_max_age_months
    level = extra(system, "risk_level")
    assessment = found[1]
    if level in HIGH_RISK and older_than(assessment.event_date, months, ctx.today):
        yield RULE.at(
            source, "/risk_level",
            f"{level}-risk AI system {system.id}: latest {kind} {assessment.id} "
            f"(event_date {assessment.event_date}) is older than {months} months; reassess it",
        )
