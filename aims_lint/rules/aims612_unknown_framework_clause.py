"""A clause id of another framework must exist in that framework's catalog.

`clauses` may cite the clauses of other frameworks with their prefix
(`ISO27001:6.1.3`; ISO/IEC 42001's own clauses are AIMS601's). Each is
checked against the packaged catalog of its framework: a typo would
otherwise make a document look as if it addressed a requirement that does
not exist. The finding names the id as written, says why it is wrong in the
words of that framework's numbering, and suggests the likely clause with its
prefix. An item the catalog holds but `clauses` does not cite (an AI Act
article) is told which field takes it. It runs whether the framework is
configured or not (AIMS611 warns about that).

Passing::

    clauses: ["ISO27001:6.1.3", "ISO27001:9.3.2"]

Failing::

    clauses: ["ISO27001:6.1.5"]    # not a clause of ISO/IEC 27001:2022
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.unknown_ids import unknown_ids
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS612", "unknown-framework-clause", Severity.ERROR,
    "Clause ids of other frameworks must exist in that framework's catalog.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, pointer, message in unknown_ids(ctx.corpus, "clauses"):
        yield RULE.at(source, pointer, message)
