"""Every clause id a document cites must exist in ISO/IEC 42001.

Documents say which requirements they address in `clauses`. The ids are
checked against the packaged catalog of clauses 4 to 10 and their
sub-clauses, so a typo or a number borrowed from another standard
(`6.1.5`, `4.5`) cannot make a document look as if it covers a requirement.
An id without a prefix and one written `ISO42001:6.1.2` are both 42001's;
the finding names the id as written, points at the list item and suggests
the nearest real clause, spelt the same way. Other frameworks' clauses
(`ISO27001:6.1.3`) are AIMS612's.

Passing::

    clauses: ["6.1.2", "ISO42001:8.2"]

Failing::

    clauses: ["6.1.5"]       # there is no 6.1.5; did you mean 6.1.4?
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import DEFAULT_FRAMEWORK, load_catalog
from aims_lint.catalog.citing import unknown_clause
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS601", "unknown-clause", Severity.ERROR, "Clause ids must exist in ISO/IEC 42001."
)


def check(ctx: Context) -> Iterator[Finding]:
    catalog = load_catalog()
    for source, cited_ids in ctx.corpus.cited:
        for citation in cited_ids:
            cited = citation.cited
            if citation.field != "clauses" or cited.framework != DEFAULT_FRAMEWORK:
                continue
            if catalog.clause(cited.local) is None:
                yield RULE.at(source, citation.pointer, unknown_clause(catalog, cited))
