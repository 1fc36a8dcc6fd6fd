"""A framework-qualified id must name a framework aims-lint knows.

Documents cite other frameworks with a prefix (`ISO27001:A.5.1`,
`NIST-AI-RMF:GOVERN-1.1`, `EU-AI-ACT:Art-27`; the table is
`aims_lint/catalog/frameworks.py`, listed in docs/frameworks.md). A prefix
in no row of that table (`ISO2700:`, `NIST:`) makes the id belong to no
catalog, so nothing else would check it: the document would look as if it
addressed a requirement that no one can find. The finding points at the id,
suggests the nearest known prefix and lists them all.

Passing::

    controls: ["ISO27001:A.5.1", "NIST-AI-RMF:GOVERN-1.1"]

Failing::

    controls: ["ISO2700:A.5.1"]    # did you mean 'ISO27001:A.5.1'?
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.citing import unknown_prefix
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS610", "unknown-framework", Severity.ERROR,
    "A framework prefix on a cited id must be one of the known frameworks'.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, cited_ids in ctx.corpus.cited:
        for citation in cited_ids:
            if not citation.cited.known:
                yield RULE.at(source, citation.pointer, unknown_prefix(citation.cited))
