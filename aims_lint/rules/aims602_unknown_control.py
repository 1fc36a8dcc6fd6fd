"""Every Annex A control id a document or the SoA cites must exist.

Annex A numbering has traps that many published templates fall into: A.1 is
an introduction, each objective's x.1 is its statement (controls start at
x.2), A.6 alone has sub-objectives (A.6.1.x, A.6.2.x), and there is no A.11.
Ids in `controls` and in a 42001 SoA's `entries[].control` are checked
against the packaged catalog of the 38 controls; an id without a prefix and
one written `ISO42001:A.6.1.2` are both 42001's. The finding names the id as
written, says which trap it fell into and suggests the likely control, spelt
the same way. Other frameworks' controls (`ISO27001:A.5.1`) are AIMS613's.

Passing::

    controls: [A.6.1.2, "ISO42001:A.10.3"]

Failing::

    controls: [A.6.1.1]      # the statement of objective A.6.1, not a control
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import DEFAULT_FRAMEWORK, load_catalog
from aims_lint.catalog.citing import unknown_annex_a
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS602", "unknown-control", Severity.ERROR, "Control ids must exist in ISO/IEC 42001 Annex A."
)


def check(ctx: Context) -> Iterator[Finding]:
    catalog = load_catalog()
    for source, cited_ids in ctx.corpus.cited:
        for citation in cited_ids:
            cited = citation.cited
            if citation.field != "controls" or cited.framework != DEFAULT_FRAMEWORK:
                continue
            if catalog.control(cited.local) is not None:
                continue
            in_soa = citation.pointer.startswith("/entries/")
            yield RULE.at(source, citation.pointer, unknown_annex_a(catalog, cited, in_soa))
