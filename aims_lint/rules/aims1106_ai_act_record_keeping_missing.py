"""A high-risk system's provider says what it logs and keeps the logs (Art. 12, 19).

A high-risk AI system records events automatically over its lifetime
(EU AI Act Art. 12), and its provider keeps the logs under its control
(Art. 19). The artefact is a document in force citing `EU-AI-ACT:Art-12` or
`EU-AI-ACT:Art-19` that names the system, of a form the catalog names for
them: a procedure saying what is logged, where, and for how long, or a
`monitoring` record of the logs kept.
The rule runs only when `eu-ai-act` is among the configured frameworks, for
systems in use (lifecycle_stage deployment or operation), from the day the
duty applies (the article's `applies_from` in the catalog; docs/ai-act.md).

Passing::

    # records/ai-system-triage.md (REC-010): provider, high-risk, in operation
    # procedures/logging.md: status: approved, controls: [EU-AI-ACT:Art-12], related: [REC-010]

Failing::

    # the same procedure without related: [REC-010] (it names no system, so it is
    # nobody's log keeping)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import report
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1106", "ai-act-record-keeping-missing", Severity.ERROR,
    "A high-risk system's provider says what it logs and keeps the logs (Art. 12, 19).",
)
OBLIGATIONS = ("record-keeping",)


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
