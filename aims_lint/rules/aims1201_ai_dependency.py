"""An AI or ML library, or a model provider's SDK, in a manifest or lock file.

A dependency on a model provider's client (openai, anthropic), an LLM framework, an ML
training or inference library or a vector store is the most common evidence that a project
builds or uses an AI system. Discovery reports each one it recognises (the signature table,
aims_lint/data/ai_usage/signatures.yaml, plus `discover.signatures`) with the manifest line,
so that the inventory can be compared with it (`discover --reconcile`). A note: evidence,
never a fault.

Passing::

    # requirements.txt
    requests==2.32.3

Failing::

    # requirements.txt
    openai==1.51.0      # line 1: ai-dependency, the provider SDK of openai
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_usage.evidence import Kind
from aims_lint.ai_usage.findings import describe, use_finding, uses_of
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1201", "ai-dependency", Severity.NOTE,
    "An AI or ML library, or a model provider's SDK, in a manifest or lock file.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for use in uses_of(ctx, Kind.DEPENDENCY):
        yield use_finding(RULE, use, f"depends on {describe(use)}, an AI library or model SDK")
