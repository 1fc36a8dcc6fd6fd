"""The name of a model provider's API-key variable.

An environment variable named for a provider's API key (OPENAI_API_KEY) in code,
`.env.example`, compose or CI files means the software is configured to call that provider.
Discovery reports the variable's name only: it never reads, keeps or prints the value assigned
to it. A note: evidence, never a fault.

Passing::

    # .env.example
    DATABASE_URL=postgres://localhost/app

Failing::

    # .env.example
    OPENAI_API_KEY=        # model-provider-key-variable (the value is never read)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_usage.evidence import Kind
from aims_lint.ai_usage.findings import describe, use_finding, uses_of
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1205", "model-provider-key-variable", Severity.NOTE,
    "The name of a model provider's API-key variable.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for use in uses_of(ctx, Kind.KEY_VARIABLE):
        message = f"is configured with {describe(use)}, a model provider's API-key variable"
        yield use_finding(RULE, use, message)
