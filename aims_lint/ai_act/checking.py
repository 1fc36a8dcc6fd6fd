"""What the AIMS1101-AIMS1149 rules share: whether the Act is configured, and their findings.

Every rule of the Act is silent unless `eu-ai-act` is among
`ctx.settings.frameworks`. The obligation rules ask `unmet` for the
obligations they own: each system in use whose classification brings one,
on or after the day it applies (`ctx.today`), with no document counting as
its artefact (`systems.standing`). A system under an Annex I Section B act
has no such obligation (`obligations.section_b`). Every message names the
system the same way (`named`): "the AI system REC-010 (TriageFlow) is
high-risk and has the provider role: ...".
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.artefacts import FRAMEWORK, wanted
from aims_lint.ai_act.obligations import Due
from aims_lint.ai_act.systems import System, standing
from aims_lint.results import Finding
from aims_lint.rule import Context, RuleInfo


def configured(ctx: Context) -> bool:
    return FRAMEWORK in ctx.settings.frameworks


def pointer(system: System, field: str) -> str:
    """`field` when the record has it, else the nearest field that does: where a finding goes."""
    for candidate in (field, "/ai_act_class", "/ai_act_roles"):
        if candidate.lstrip("/") in system.source.data:
            return candidate
    return "/id"


def unmet(ctx: Context, keys: tuple[str, ...]) -> Iterator[tuple[System, Due]]:
    """Each system in use and each of the obligations `keys` in force for it that no document meets."""
    if configured(ctx):
        yield from ((s.system, s.due) for s in standing(ctx.corpus, ctx.today, keys) if not s.documents)


def named(system: System) -> str:
    """How every AIMS1101-AIMS1114 message names a system: `the AI system REC-010 (TriageFlow)`."""
    title = system.record.title.strip()
    return f"the AI system {system.record.id}" + (f" ({title})" if title else "")


def message(system: System, found: Due) -> str:
    """What is missing, the article it comes from, since when, and what would satisfy it."""
    artefact = found.obligation.artefact
    since = f", applies from {found.applies_from}" if found.applies_from else ""
    article = article_name(artefact.article)
    if found.obligation.recommended:
        asks = f"{article} asks for {artefact.name}{since}, and written evidence of them is recommended"
    else:
        asks = f"{article} requires its {artefact.name}{since}"
    missing = wanted(artefact, system.record.id)
    return f"{named(system)} {found.reason}: {asks}; {missing}. Add {artefact.hint}"


def article_name(local: str) -> str:
    """`Art-11` as a reader says it: `Art. 11`."""
    return local.replace("Art-", "Art. ", 1)


def report(ctx: Context, rule: RuleInfo, keys: tuple[str, ...]) -> Iterator[Finding]:
    """The findings of an obligation rule: one per system and unmet obligation, on the field behind it."""
    for system, found in unmet(ctx, keys):
        yield rule.at(system.source, pointer(system, found.obligation.field), message(system, found))
