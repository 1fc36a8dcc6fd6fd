"""A high-risk system's deployer assigns human oversight and keeps its logs (Art. 26).

The deployer of a high-risk AI system uses it as its instructions say,
assigns human oversight to people with the competence and authority for it,
watches how it runs and keeps the logs it generates (EU AI Act Art. 26). The
artefact is a document in force citing `EU-AI-ACT:Art-26` that names the
system, of a form the catalog names for it: a procedure that lists it, or a
`monitoring` record of its logs.
The rule runs only when `eu-ai-act` is among the configured frameworks, for
systems in use (lifecycle_stage deployment or operation), from the day the
duty applies (the article's `applies_from` in the catalog; docs/ai-act.md).

Passing::

    # records/ai-system-benefits.md (REC-010): ai_act_roles: [deployer], high-risk
    # procedures/ai-oversight.md: status: approved, controls: [EU-AI-ACT:Art-26],
    #   related: [REC-010]

Failing::

    # no approved document citing EU-AI-ACT:Art-26 names REC-010
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import report
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1111", "ai-act-deployer-measures-missing", Severity.ERROR,
    "A high-risk system's deployer assigns human oversight and keeps its logs (Art. 26).",
)
OBLIGATIONS = ("deployer-measures",)


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
