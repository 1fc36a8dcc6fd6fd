"""A high-risk system's importer or distributor records its checks (Art. 23, 24).

An importer checks a high-risk AI system's conformity assessment,
technical documentation, CE marking and declaration before placing it on the
market (EU AI Act Art. 23); a distributor checks the marking, declaration and
instructions before making it available (Art. 24). The artefact is a
`supplier-assessment` record in force that names the system and cites
`EU-AI-ACT:Art-23` (an importer) or `EU-AI-ACT:Art-24` (a distributor).
The rule runs only when `eu-ai-act` is among the configured frameworks, for
systems in use (lifecycle_stage deployment or operation), from the day the
duty applies (the article's `applies_from` in the catalog; docs/ai-act.md).

Passing::

    # records/ai-system-scanner.md (REC-010): ai_act_roles: [importer], high-risk
    # records/scanner-import-check.md: record_kind: supplier-assessment, status: approved,
    #   controls: [EU-AI-ACT:Art-23],
    #   assesses: [REC-010]

Failing::

    # no such record; or it cites EU-AI-ACT:Art-24 (the distributor's article)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import report
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1114", "ai-act-value-chain-check-missing", Severity.ERROR,
    "A high-risk system's importer or distributor records its checks (Art. 23, 24).",
)
OBLIGATIONS = ("importer-verification", "distributor-verification")


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
