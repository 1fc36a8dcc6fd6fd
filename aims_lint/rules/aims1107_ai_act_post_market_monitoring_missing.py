"""A high-risk system's provider monitors it after release (Art. 72).

The provider of a high-risk AI system collects and reviews data on how it
performs once it is in use, following a post-market monitoring plan (EU AI
Act Art. 72). The artefact is a document in force citing `EU-AI-ACT:Art-72`
that names the system: the plan (a procedure), or a `monitoring` record.
The rule runs only when `eu-ai-act` is among the configured frameworks, for
systems in use (lifecycle_stage deployment or operation), from the day the
duty applies (the article's `applies_from` in the catalog; docs/ai-act.md).

Passing::

    # records/ai-system-triage.md (REC-010): provider, high-risk, in operation
    # records/triage-monitoring.md: record_kind: monitoring, status: approved,
    #   controls: [EU-AI-ACT:Art-72], assesses: [REC-010]

Failing::

    # records/triage-monitoring.md still a draft
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_act.checking import report
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1107", "ai-act-post-market-monitoring-missing", Severity.ERROR,
    "A high-risk system's provider monitors it after release (Art. 72).",
)
OBLIGATIONS = ("post-market-monitoring",)


def check(ctx: Context) -> Iterator[Finding]:
    yield from report(ctx, RULE, OBLIGATIONS)
