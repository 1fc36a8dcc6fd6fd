"""Every related document id must name a document in the repository.

A reference to an id nobody defines is a broken link for the auditor who
follows it. The finding points at the list item and suggests a close id.
Besides `related`, the other fields that hold document ids are checked the
same way (`doctypes.REFERENCE_FIELDS`: an AI system's `suppliers`, a
supplier's `assessments`, the scope document's `systems_in_scope`).

Passing::

    related: [PRO-001]      # procedures/risk-assessment.md has id PRO-001

Failing::

    related: [PRO-099]      # no document has this id
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.references import references
from aims_lint.results import CAP, Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.similar import CloseMatches

RULE = RuleInfo(
    "AIMS501", "unknown-reference", Severity.ERROR, "Related ids must resolve to documents."
)


def check(ctx: Context) -> Iterator[Finding]:
    ids = ctx.corpus.by_id
    matches: CloseMatches | None = None  # built on the first unknown id, then shared
    for source, doc in ctx.corpus.typed:
        unknown = 0
        for ref in references(doc):
            target = ref.target
            if target not in ids:
                unknown += 1
                matches = matches or CloseMatches(ids)
                # Past the cap only the count is reported, so the costly suggestion is skipped.
                close = matches.best(target) if unknown <= CAP else None
                hint = f"; did you mean {close}?" if close else ""
                yield RULE.at(source, ref.pointer, f"{ref.names()} does not exist{hint}")
