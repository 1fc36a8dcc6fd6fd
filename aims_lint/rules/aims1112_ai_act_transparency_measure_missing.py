"""A limited-risk system has its transparency measure (Art. 50).

People dealing with a chatbot, or seeing content an AI system made or
altered, must be able to tell (EU AI Act Art. 50). A system classed
`limited-risk` is one the organisation says has such a duty, as its provider
or deployer. The artefact is a document in force citing `EU-AI-ACT:Art-50`
that names the system: a procedure, or a record (of kind
`communication-plan`, `impact-assessment` or `other`) of the notice or
marking it uses.
The rule runs only when `eu-ai-act` is among the configured frameworks, for
systems in use (lifecycle_stage deployment or operation), from the day the
duty applies (the article's `applies_from` in the catalog; docs/ai-act.md).

Passing::

    # records/ai-system-chat.md (REC-010): ai_act_roles: [provider, deployer],
    #   ai_act_class: limited-risk
    # records/chat-disclosure.md: status: approved, controls: [EU-AI-ACT:Art-50],
    #   assesses: [REC-010]

Failing::

    # records/chat-disclosure.md is superseded and nothing replaced it
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import report
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1112", "ai-act-transparency-measure-missing", Severity.ERROR,
    "A limited-risk system has its transparency measure (Art. 50).",
)
OBLIGATIONS = ("transparency",)


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
