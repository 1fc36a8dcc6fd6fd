"""Every Annex A control id a document or the SoA cites must exist.

Annex A numbering has traps that many published templates fall into: A.1 is
an introduction, each objective's x.1 is its statement (controls start at
x.2), A.6 alone has sub-objectives (A.6.1.x, A.6.2.x), and there is no A.11.
Ids in `controls` and in the SoA's `entries[].control` are checked against
the packaged catalog of the 38 controls; the finding says which trap the id
fell into and suggests the likely control.

Passing::

    controls: [A.6.1.2, A.10.3]

Failing::

    controls: [A.6.1.1]      # the statement of objective A.6.1, not a control
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import load_catalog
from aims_lint.catalog.references import control_references
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS602", "unknown-control", Severity.ERROR, "Control ids must exist in ISO/IEC 42001 Annex A."
)


def check(ctx: Context) -> Iterator[Finding]:
    catalog = load_catalog()
    for source in ctx.corpus.sources:
        for pointer, control_id in control_references(source):
            if catalog.control(control_id) is not None:
                continue
            why = catalog.explain(control_id)
            close = catalog.suggest(control_id)
            message = f"control '{control_id}' is not an Annex A control"
            message += f" ({why})" if why else ""
            message += f"; did you mean '{close}'?" if close else ""
            yield RULE.at(source, pointer, message)
