"""A model provider's API host in code or configuration.

Code or configuration that names a model provider's API host (api.openai.com, a cloud
provider's model endpoint) calls that provider, with or without its SDK: a plain HTTP client
leaves no dependency to find. Discovery reports the host and the line. A note: evidence,
never a fault.

Passing::

    # config/services.yaml
    billing_url: https://billing.example.com/v1

Failing::

    # config/services.yaml
    llm_url: https://api.openai.com/v1/chat/completions   # model-provider-endpoint
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_usage.evidence import Kind
from aims_lint.ai_usage.findings import describe, use_finding, uses_of
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1204", "model-provider-endpoint", Severity.NOTE,
    "A model provider's API host in code or configuration.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for use in uses_of(ctx, Kind.ENDPOINT):
        yield use_finding(RULE, use, f"calls the model provider host {describe(use)}")
