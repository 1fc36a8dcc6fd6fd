"""An AI system says its EU AI Act role and class when the Act is a configured framework.

With `eu-ai-act` among the configured frameworks, the duties the Act brings
are read from each inventory entry's `ai_act_roles` and `ai_act_class`
(docs/ai-act.md). An entry without them is one the rules cannot judge: no
duty is required of it, which looks like compliance and is not. Every AI
system in force that is not retired says both, `minimal` and a role included:
"no duties beyond AI literacy" is a decision, and it is written down. A
warning, since the duties follow from the fields and adding them is the fix.

Passing::

    # records/ai-system-ocr.md
    lifecycle_stage: operation
    ai_act_roles: [deployer]
    ai_act_class: minimal
    ai_act_deployer_category: other

Failing::

    # records/ai-system-ocr.md, with frameworks = ["iso42001", "eu-ai-act"]
    lifecycle_stage: operation       # no ai_act_roles, no ai_act_class
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import configured, named
from aims_lint.ai_act.classification import RETIRED
from aims_lint.ai_act.systems import systems
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1102", "ai-act-classification-missing", Severity.WARNING,
    "An AI system says its EU AI Act role and class when the Act is configured.",
)
FIELDS = ("ai_act_roles", "ai_act_class")


def check(ctx: Context) -> Iterator[Finding]:
    if not configured(ctx):
        return
    for system in systems(ctx.corpus):
        missing = [f for f in FIELDS if f not in system.source.data]
        if missing and system.classification.lifecycle_stage != RETIRED:
            yield RULE.at(
                system.source, "/id",
                f"{named(system)} does not say its {' and '.join(missing)}; the EU AI Act "
                "is a configured framework, and its duties follow from them (docs/ai-act.md)",
            )
