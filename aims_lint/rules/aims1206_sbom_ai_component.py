"""An AI library or machine-learning-model component of an SBOM.

A software bill of materials (CycloneDX, SPDX) lists what a product ships: an AI library
among its components, or a `machine-learning-model` component (with its model card), is
evidence of AI use even where no source code is at hand, such as in bought software. A note:
evidence, never a fault.

Passing::

    # sbom.cdx.json: components requests and urllib3 only

Failing::

    # sbom.cdx.json: a component {"type": "machine-learning-model", "name": "acme/sentiment-small"}
    # (at its line: sbom-ai-component)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_usage.evidence import Kind
from aims_lint.ai_usage.findings import describe, use_finding, uses_of
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1206", "sbom-ai-component", Severity.NOTE,
    "An AI library or machine-learning-model component of an SBOM.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for use in uses_of(ctx, Kind.SBOM_COMPONENT):
        yield use_finding(RULE, use, f"lists the AI component {describe(use)}")
