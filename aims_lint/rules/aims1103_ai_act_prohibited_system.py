"""No AI system in the inventory in force is a prohibited practice under the EU AI Act (Art. 5).

Art. 5 forbids placing on the market, putting into service or using AI
systems for certain practices (manipulation, social scoring, untargeted
scraping of faces and more). An inventory entry in force classed
`ai_act_class: prohibited` is therefore an error from the day Art. 5 applies
(its `applies_from` in the catalog): the system has to be withdrawn and its
record set to `lifecycle_stage: retired` (or superseded), or the class
corrected if the assessment was wrong. The rule runs only when `eu-ai-act`
is among the configured frameworks.

Passing::

    # records/ai-system-emotion.md
    ai_act_class: prohibited
    lifecycle_stage: retired

Failing::

    # records/ai-system-emotion.md (with --today 2025-02-02 or later)
    ai_act_class: prohibited
    lifecycle_stage: operation
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import configured, named
from aims_lint.ai_act.classification import RETIRED
from aims_lint.ai_act.systems import catalog, systems
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1103", "ai-act-prohibited-system", Severity.ERROR,
    "No AI system in the inventory in force is a prohibited practice (Art. 5).",
)
ARTICLE = "Art-5"


def check(ctx: Context) -> Iterator[Finding]:
    if not configured(ctx):
        return  # before the catalog: a repository without the Act never pays for loading it
    acts = catalog()
    if acts is None:
        return
    item = acts.get(ARTICLE)
    since = item.applies_from if item is not None else None
    if since is not None and ctx.today < since:
        return
    for system in systems(ctx.corpus):
        c = system.classification
        if c.cls == "prohibited" and c.lifecycle_stage != RETIRED:
            yield RULE.at(
                system.source, "/ai_act_class",
                f"{named(system)} is classed prohibited and is in the inventory in force "
                f"(lifecycle_stage {c.lifecycle_stage or 'unknown'}); Art. 5 forbids it"
                f"{f' from {since}' if since else ''}. Withdraw it and set lifecycle_stage: retired, "
                "or correct ai_act_class if it is not a prohibited practice",
            )
