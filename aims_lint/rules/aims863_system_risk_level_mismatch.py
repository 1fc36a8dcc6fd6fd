"""An AI system's declared risk level agrees with its latest approved risk assessment.

The inventory's `risk_level` decides how closely a system is governed: how
often it is reassessed (AIMS801), what the SoA and the audit programme give
it. Lowering it is therefore the cheapest way round the whole system, and an
auditor compares it with the assessment. The level an assessment gives a
system is the highest `level` among its `risks`; the system's `risk_level`
must equal that of its latest approved risk assessment (the one with the
latest `event_date` whose `assesses` lists it). A system rated higher than its
assessment is flagged too: either the assessment missed what made the owner
rate it higher, or the rating is stale. An assessment that covers several
systems gives each of them its highest level; assess systems separately when
their levels differ.

The finding is on the system record's `risk_level` line. A system without an
approved risk assessment is AIMS801's finding, an assessment without risks
AIMS864's.

Passing::

    # records/ai-system-triageflow.md (REC-020):  risk_level: high
    # records/risk-assessment-triageflow.md:      assesses: [REC-020]
    risks:
      - {id: R-TF-01, title: Urgent documents marked routine, level: high, treatment: treat}
      - {id: R-TF-06, title: Re-identification by an insider, level: low, treatment: accept}

Failing::

    # records/ai-system-triageflow.md (REC-020):  risk_level: low
    # with the same risk assessment
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.inventory import by_subject, extra, latest
from aims_lint.results import Finding, Severity
from aims_lint.risk_criteria import LEVELS, rank
from aims_lint.risks import assessments, risks_of, systems_in_force
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS863", "system-risk-level-mismatch", Severity.ERROR,
    "An AI system's risk level agrees with its latest risk assessment.",
)


def check(ctx: Context) -> Iterator[Finding]:
    assessed = by_subject(assessments(ctx.corpus))
    sources = {doc.id: source for source, doc in ctx.corpus.typed}
    for system_id, system in systems_in_force(ctx.corpus).items():
        declared = extra(system, "risk_level")
        found = latest(assessed.get(system_id, ()))
        if rank(declared) is None or found is None:
            continue  # a bad level is the schema's finding, a missing assessment AIMS801's
        source, assessment = found
        ranked = [(r, risk) for risk in risks_of(source, assessment) if (r := rank(risk.level)) is not None]
        if not ranked:
            continue  # AIMS864
        top, worst = max(ranked, key=lambda pair: pair[0])
        if LEVELS[top] != declared:
            yield RULE.at(
                sources[system_id], "/risk_level",
                f"{system_id} declares risk_level {declared}, but its latest risk assessment "
                f"{assessment.id} (event_date {assessment.event_date}) rates it {LEVELS[top]} "
                f"(risk {worst.label}); change one of them so they agree",
            )
