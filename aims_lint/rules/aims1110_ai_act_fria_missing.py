"""A deployer does a fundamental rights impact assessment where Art. 27 requires one.

Before first using a high-risk AI system listed in Annex III, some
deployers assess its impact on fundamental rights (EU AI Act Art. 27): a
body governed by public law or a private entity providing public services
(`ai_act_deployer_category: public-body` or `public-service-provider`), for
any Annex III system except point 2 (critical infrastructure); and every
deployer of an Annex III point 5(b) or 5(c) system (creditworthiness, life
and health insurance pricing). A private deployer (`other`) of any other
point, and every Annex I system, needs none. The artefact is an approved
`impact-assessment` record in force citing `EU-AI-ACT:Art-27` that names the
system (`assesses: [REC-...]`).
The rule runs only when `eu-ai-act` is among the configured frameworks, for
systems in use (lifecycle_stage deployment or operation), from the day the
duty applies (the article's `applies_from` in the catalog; docs/ai-act.md).

Passing::

    # records/ai-system-benefits.md (REC-010): ai_act_roles: [deployer],
    #   ai_act_class: high-risk, ai_act_basis: annex-iii:5(a),
    #   ai_act_deployer_category: public-body
    # records/fria-benefits.md: record_kind: impact-assessment, status: approved,
    #   controls: [EU-AI-ACT:Art-27], assesses: [REC-010]

    # or: a private deployer (other) of an annex-iii:4(a) system, with no FRIA

Failing::

    # the public body's system above with no impact-assessment record citing
    # EU-AI-ACT:Art-27 and assessing REC-010 (with eu-ai-act configured)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import report
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1110", "ai-act-fria-missing", Severity.ERROR,
    "A deployer does a fundamental rights impact assessment where Art. 27 requires one.",
)
OBLIGATIONS = ("fundamental-rights-impact-assessment",)


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
