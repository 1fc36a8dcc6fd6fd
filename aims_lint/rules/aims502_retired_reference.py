"""A document in force must not cite a retired document as related.

When a policy or procedure is retired (or a record superseded), documents
still in force that list it under `related` point readers to rules that no
longer apply. Point them at the successor instead. Retired documents may
cite each other. The other id fields (`doctypes.REFERENCE_FIELDS`: an AI
system's `suppliers`, a supplier's `assessments`, the scope document's
`systems_in_scope`) are checked the same way.

Passing::

    related: [PRO-002]      # PRO-002 is approved

Failing::

    related: [PRO-001]      # PRO-001 has status: retired
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.references import references
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS502", "retired-reference", Severity.ERROR, "Documents in force must not cite retired ones."
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, doc in ctx.corpus.typed:
        if not doc.active:
            continue
        for ref in references(doc):
            target = ctx.corpus.get(ref.target)
            if target is not None and not target.active:
                yield RULE.at(
                    source, ref.pointer, f"{ref.names()} is {target.status}; cite its successor instead"
                )
