"""The walk AIMS612 (clauses) and AIMS613 (controls) share: ids of other frameworks their catalogs lack.

Both rules look at every citation of every document and differ only in the
field they judge (`clauses` or `controls`); what is missing and how the
message reads is `aims_lint.catalog.citing.other_framework_misses`. Keeping
the walk here means the two rules cannot drift apart in which documents or
citations they read.
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.citing import other_framework_misses
from aims_lint.results import Finding
from aims_lint.rule import Context, RuleInfo


def unknown_ids(ctx: Context, rule: RuleInfo, field_name: str) -> Iterator[Finding]:
    """A finding of `rule` for each id of a framework other than ISO/IEC 42001, cited in `field_name`,
    that the framework's packaged catalog does not hold as a kind that field cites."""
    for source, cited_ids in ctx.corpus.cited:
        for pointer, message in other_framework_misses(cited_ids, field_name):
            yield rule.at(source, pointer, message)
