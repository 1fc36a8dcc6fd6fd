"""An approved AI system whose code was scanned and showed no AI use may be stale.

When every one of an approved AI system record's `sources` lies inside what `discover
--reconcile` scanned, and no use was found under any of them, the record describes an AI
system the code no longer shows: it was retired, moved, or its `sources` are wrong. The
inventory must say what is in production (ISO/IEC 42001 4.3, A.4.2), so this is a warning on
`sources`. A record with a source outside the scanned paths is not judged: discovery saw only
part of it. Runs only with `--reconcile`.

Passing::

    # records/ai-system-triage.md (REC-020), approved:
    sources: [{repo: triageflow, path: "."}]
    # discover ../triageflow finds openai in requirements.txt

Failing::

    # the same record, and discover ../triageflow finds no AI use at all
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_usage.reconcile import place, scanned, within
from aims_lint.doctypes import AI_SYSTEM
from aims_lint.inventory import approved
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1221", "stale-ai-inventory", Severity.WARNING,
    "An approved AI system's sources were scanned and showed no AI use.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    discovery = ctx.discovered
    if discovery is None:
        return
    places = [p for p in (place(discovery, use) for use in discovery.uses) if p is not None]
    for source, system in approved(ctx.corpus, AI_SYSTEM):
        locations = [s for s in discovery.sources if s.record == source.path]
        if not scanned(discovery, locations):
            continue
        if any(within(p, s.resolved) for s in locations for p in places):
            continue
        shown = ", ".join(f"{s.repo or '.'}:{s.path}" for s in locations)
        yield RULE.at(
            source, "/sources",
            f"AI system {system.id} is approved, its sources ({shown}) were all scanned and no AI use "
            "was found in them; retire the record, or correct its sources",
            key=True,
        )
