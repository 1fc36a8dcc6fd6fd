"""Every clause id a document cites must exist in ISO/IEC 42001.

Documents say which requirements they address in `clauses`. The ids are
checked against the packaged catalog of clauses 4 to 10 and their
sub-clauses, so a typo or a number borrowed from another standard
(`6.1.5`, `4.5`) cannot make a document look as if it covers a requirement.
The finding points at the list item and suggests the nearest real clause.

Passing::

    clauses: ["6.1.2", "8.2"]

Failing::

    clauses: ["6.1.5"]       # there is no 6.1.5; did you mean 6.1.4?
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import load_catalog
from aims_lint.catalog.references import clause_references
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS601", "unknown-clause", Severity.ERROR, "Clause ids must exist in ISO/IEC 42001."
)


def check(ctx: Context) -> Iterator[Finding]:
    catalog = load_catalog()
    for source in ctx.corpus.sources:
        for pointer, clause_id in clause_references(source):
            if catalog.clause(clause_id) is None:
                close = catalog.suggest(clause_id)
                hint = f"; did you mean '{close}'?" if close else ""
                message = f"clause '{clause_id}' is not a clause of {catalog.standard}{hint}"
                yield RULE.at(source, pointer, message)
