"""A provider or deployer of AI systems takes AI literacy measures (Art. 4).

Providers and deployers make sure their staff, and others who run AI
systems for them, know enough about AI to do so (EU AI Act Art. 4), whatever
the class of the system. One set of measures serves every system, so the
artefact is any approved document in force citing `EU-AI-ACT:Art-4`: a
competence procedure, a training record. Every system for which the
organisation is provider or deployer gets the finding until one exists.
The rule runs only when `eu-ai-act` is among the configured frameworks, for
systems in use (lifecycle_stage deployment or operation), from the day the
duty applies (the article's `applies_from` in the catalog; docs/ai-act.md).

Passing::

    # records/ai-system-chat.md: ai_act_roles: [deployer], ai_act_class: minimal
    # records/training-2026.md: record_kind: training, status: approved,
    #   controls: [A.4.6, EU-AI-ACT:Art-4]

Failing::

    # the same system, no document citing EU-AI-ACT:Art-4
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import report
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1113", "ai-act-ai-literacy-missing", Severity.ERROR,
    "A provider or deployer of AI systems takes AI literacy measures (Art. 4).",
)
OBLIGATIONS = ("ai-literacy",)


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
