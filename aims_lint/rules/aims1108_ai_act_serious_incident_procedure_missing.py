"""A high-risk system's provider can report serious incidents (Art. 73).

The provider of a high-risk AI system reports serious incidents to the
market surveillance authority within fixed deadlines (EU AI Act Art. 73).
Meeting a deadline of days needs a procedure set up beforehand, so the
artefact is an approved policy or procedure in force citing
`EU-AI-ACT:Art-73` (the catalog's `serious-incident-procedure` entry); one
serves every system.
The rule runs only when `eu-ai-act` is among the configured frameworks, for
systems in use (lifecycle_stage deployment or operation), from the day the
duty applies (the article's `applies_from` in the catalog; docs/ai-act.md).

Passing::

    # records/ai-system-triage.md: provider, high-risk, in operation
    # procedures/incident-reporting.md: type: procedure, status: approved,
    #   controls: [A.8.4, EU-AI-ACT:Art-73]

Failing::

    # procedures/incident-reporting.md cites only A.8.4
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import report
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1108", "ai-act-serious-incident-procedure-missing", Severity.ERROR,
    "A high-risk system's provider can report serious incidents (Art. 73).",
)
OBLIGATIONS = ("serious-incident-reporting",)


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
