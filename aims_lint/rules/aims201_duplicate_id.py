"""Every document id must be unique across the repository.

Ids are how the SoA, references, the site and the audit trail name a
document; two documents with one id make every one of those ambiguous. Each
copy is reported, naming the other files.

Passing::

    policies/ai-policy.md        id: POL-001
    policies/acceptable-use.md   id: POL-002

Failing::

    policies/ai-policy.md        id: POL-001
    policies/acceptable-use.md   id: POL-001
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo("AIMS201", "duplicate-id", Severity.ERROR, "Document ids must be unique.")


def check(ctx: Context) -> Iterator[Finding]:
    for doc_id, holders in ctx.corpus.by_id.items():
        if len(holders) < 2:
            continue
        for source, _ in holders:
            others = ", ".join(s.path for s, _ in holders if s is not source)
            yield RULE.at(source, "/id", f"id {doc_id} is also used by {others}")
