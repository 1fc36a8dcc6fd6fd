"""A hub model id passed to a loading call.

A model id such as `org/model-name` passed to a loading call (`from_pretrained`, `pipeline`,
`hf_hub_download`, ...) names a third-party model the code runs, and its supplier. Discovery
reports the id with the line of the call, so the AI system's `models` can list it. A note:
evidence, never a fault.

Passing::

    # app/load.py
    tokenizer = load_vocabulary("vocab.txt")

Failing::

    # app/load.py
    model = AutoModel.from_pretrained("acme/sentiment-small")   # hub-model-reference
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_usage.evidence import Kind
from aims_lint.ai_usage.findings import describe, use_finding, uses_of
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1203", "hub-model-reference", Severity.NOTE,
    "A hub model id passed to a loading call.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for use in uses_of(ctx, Kind.HUB_MODEL):
        yield use_finding(RULE, use, f"loads the hub model {describe(use)}")
