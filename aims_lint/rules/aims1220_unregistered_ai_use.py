"""Every AI use discovery finds belongs to an AI system in the inventory.

`aims-lint discover --reconcile` holds each use found in the scanned source trees (a model
SDK in a lock file, a model file, a provider's endpoint, ...) against the AI system records
in force: a use is registered when it lies under one of a record's `sources` (a path inside a
configured repository, or inside the aims repository), or when the model it names is listed in
a record's `models`. Any other is AI in production or in shadow IT that the inventory does
not know (ISO/IEC 42001 4.3, A.4.2), an error, so CI fails while one exists. Runs only with
`--reconcile`; `--draft` writes a draft record for it.

Passing::

    # records/ai-system-triage.md (REC-020):
    sources: [{repo: triageflow, path: "."}]
    # and ../triageflow/requirements.txt names openai

Failing::

    # ../triageflow/requirements.txt names openai,
    # and no AI system record lists triageflow (or a folder around it) in sources
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_usage.findings import use_finding
from aims_lint.ai_usage.reconcile import described, unregistered_uses
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1220", "unregistered-ai-use", Severity.ERROR,
    "AI use found in code lies under no AI system record's sources.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.discovered is None:
        return
    for use in unregistered_uses(ctx.corpus, ctx.discovered):
        model = f" and its model {use.model} is in no record's models" if use.model else ""
        yield use_finding(
            RULE, use,
            f"{described(use)} lies under no AI system record's sources{model}; add the path to the "
            "sources of the system it belongs to, or run `aims-lint discover --draft` for a draft record",
        )
