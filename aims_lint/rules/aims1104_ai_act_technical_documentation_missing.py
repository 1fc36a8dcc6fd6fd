"""A high-risk system's provider keeps its technical documentation (Art. 11).

The provider of a high-risk AI system draws up technical documentation
before the system is placed on the market and keeps it current (EU AI Act
Art. 11, Annex IV): what the system is for, how it was built and tested, how
it performs. The artefact is a record of kind `other` (the form the catalog's
`technical-documentation` entry names) in force that cites
`EU-AI-ACT:Art-11` and names the system (its `assesses` or `related` lists the
system, or the system's `related` lists it). The manufacturer of an Annex I
product carries the provider's duties for the system inside it; a product
under an Annex I Section B act (vehicles, aviation, marine equipment, rail)
owes none of AIMS1104-AIMS1114's duties, since Art. 2(2) applies only
Art. 6(1), 102-109 and 112 to it.
The rule runs only when `eu-ai-act` is among the configured frameworks, for
systems in use (lifecycle_stage deployment or operation), from the day the
duty applies (the article's `applies_from` in the catalog; docs/ai-act.md).

Passing::

    # records/ai-system-triage.md (REC-010): ai_act_roles: [provider],
    #   ai_act_class: high-risk, ai_act_basis: annex-iii:5(a), lifecycle_stage: operation
    # records/triage-technical-file.md: record_kind: other, status: approved,
    #   controls: [EU-AI-ACT:Art-11], related: [REC-010]

Failing::

    # the same system, with no approved document citing EU-AI-ACT:Art-11 that names REC-010
    # (with --today on or after the article's date of application)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import report
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1104", "ai-act-technical-documentation-missing", Severity.ERROR,
    "A high-risk system's provider keeps its technical documentation (Art. 11).",
)
OBLIGATIONS = ("technical-documentation",)


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
