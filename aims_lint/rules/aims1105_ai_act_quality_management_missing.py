"""A high-risk system's provider has a quality management system (Art. 17).

The provider of a high-risk AI system runs a documented quality management
system (EU AI Act Art. 17): the policies and procedures for design,
development, testing, data, risk and post-market work. One serves every
system, so the artefact is an approved policy or procedure in force (a
controlled document) citing `EU-AI-ACT:Art-17`; it need not name a system.
The rule runs only when `eu-ai-act` is among the configured frameworks, for
systems in use (lifecycle_stage deployment or operation), from the day the
duty applies (the article's `applies_from` in the catalog; docs/ai-act.md).

Passing::

    # records/ai-system-triage.md: ai_act_roles: [provider], ai_act_class: high-risk
    # procedures/quality-management.md: type: procedure, status: approved,
    #   controls: [EU-AI-ACT:Art-17]

Failing::

    # the same system; the only document citing EU-AI-ACT:Art-17 is a record
    # (a record shows the system operating, it does not set it up)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import report
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1105", "ai-act-quality-management-missing", Severity.ERROR,
    "A high-risk system's provider has a quality management system (Art. 17).",
)
OBLIGATIONS = ("quality-management",)


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
