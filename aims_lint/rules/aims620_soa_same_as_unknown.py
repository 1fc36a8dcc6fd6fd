"""An SoA entry's `same_as` must name an ISO/IEC 42001 Annex A control, and only outside the 42001 SoA.

An entry of another framework's SoA (ISO/IEC 27001:2022's, `framework:
iso27001-2022`) may say in `same_as` which 42001 control it shares its
implementation with; its implementation and implementing documents are then
read from the 42001 SoA's entry for that control. An id that is no 42001
Annex A control shares nothing, so the entry would silently have no
implementation: the finding says which numbering trap the id fell into and
suggests the likely control. In the 42001 SoA itself `same_as` means
nothing (an entry there is its own implementation) and is reported too.

Passing::

    # framework: iso27001-2022
    - control: A.5.34
      same_as: A.7.2

Failing::

    # framework: iso27001-2022
    - control: A.5.34
      same_as: A.7.1         # the statement of objective A.7, not a control
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import control_name, statements

RULE = RuleInfo(
    "AIMS620", "soa-same-as-unknown", Severity.ERROR,
    "same_as must name an ISO/IEC 42001 Annex A control, in another framework's SoA.",
)


def check(ctx: Context) -> Iterator[Finding]:
    catalog = load_catalog()
    for soa in statements(ctx.corpus, None):
        for entry in soa.entries:
            if entry.same_as is None:
                continue
            if soa.framework == DEFAULT_FRAMEWORK:
                yield RULE.at(
                    soa.source, entry.pointer("same_as"),
                    "same_as in the ISO/IEC 42001 SoA: an entry here is its own implementation; remove "
                    "same_as (it belongs in the SoA of another framework)",
                )
                continue
            if catalog.control(entry.same_as) is not None:
                continue
            why = catalog.explain(entry.same_as)
            close = catalog.suggest(entry.same_as)
            name = control_name(soa.framework, entry.control or f"entry {entry.index + 1}")
            message = f"{name} shares its implementation with '{entry.same_as}', which is not an "
            message += "ISO/IEC 42001 Annex A control"
            message += f" ({why})" if why else ""
            message += f"; did you mean '{close}'?" if close else ""
            yield RULE.at(soa.source, entry.pointer("same_as"), message)
