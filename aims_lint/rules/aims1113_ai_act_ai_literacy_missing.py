"""A provider or deployer of AI systems shows its AI literacy measures (Art. 4); a warning.

Art. 4 as published asked providers and deployers to make sure their staff,
and others who run AI systems for them, know enough about AI to do so,
whatever the class of the system. Regulation (EU) 2026/1744 rewrote it, and
public reports of the outcome differ: the Commission's proposal moved the
duty to the Commission and the Member States (who encourage providers and
deployers to take literacy measures), while reports of the adopted text keep
a duty of effort on providers and deployers (measures that support literacy,
no level guaranteed). On either reading the Act asks for no document, so a
missing one is no breach the repository can prove: the finding is a
warning that written evidence is recommended, not an error. One set of
measures serves every system, so the artefact is any approved policy,
procedure or training record in force citing `EU-AI-ACT:Art-4` (the
catalog's `ai-literacy-measures`). Every system for which the organisation
is provider or deployer gets the finding until one exists. The rule runs
only when `eu-ai-act` is among the configured frameworks, for systems in use
(lifecycle_stage deployment or operation), from the article's
`applies_from` in the catalog (docs/ai-act.md).

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
    "AIMS1113", "ai-act-ai-literacy-missing", Severity.WARNING,
    "A provider or deployer of AI systems shows its AI literacy measures (Art. 4); recommended.",
)
OBLIGATIONS = ("ai-literacy",)


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
