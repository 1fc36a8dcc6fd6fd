"""A high-risk system's provider assesses, declares and registers conformity (Art. 43, 47-49).

Before a high-risk AI system is placed on the market its provider has its
conformity assessed (EU AI Act Art. 43), signs an EU declaration of
conformity and affixes the CE marking (Art. 47, 48), and, for a system
listed in Annex III, registers it in the EU database (Art. 49; products under
Annex I legislation register under that law). Each is an artefact of its own:
a record of kind `other` in force (the form the catalog names for each)
naming the system and citing `EU-AI-ACT:Art-43`, `EU-AI-ACT:Art-47` (or
`Art-48`) and, for Annex III, `EU-AI-ACT:Art-49`. One
finding per missing artefact.
The rule runs only when `eu-ai-act` is among the configured frameworks, for
systems in use (lifecycle_stage deployment or operation), from the day the
duty applies (the article's `applies_from` in the catalog; docs/ai-act.md).

Passing::

    # records/ai-system-triage.md (REC-010): provider, high-risk, annex-iii:5(a)
    # records/triage-conformity.md: record_kind: other, status: approved, related: [REC-010],
    #   controls: [EU-AI-ACT:Art-43, EU-AI-ACT:Art-47, EU-AI-ACT:Art-49]

Failing::

    # records/triage-conformity.md cites Art-43 and Art-47 only: the registration
    # (Art. 49) of the Annex III system is missing
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import report
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1109", "ai-act-conformity-evidence-missing", Severity.ERROR,
    "A high-risk system's provider assesses, declares and registers conformity (Art. 43, 47-49).",
)
OBLIGATIONS = ("conformity-assessment", "declaration-of-conformity", "registration")


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
