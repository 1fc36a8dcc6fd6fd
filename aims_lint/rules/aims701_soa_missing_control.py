"""The Statement of Applicability must list every Annex A control.

ISO/IEC 42001 6.1.3 asks for a decision on each of the 38 Annex A controls,
whether the control applies or not. A control left out of the SoA is a
decision nobody made, which auditors treat as a gap. The finding is raised
on the SoA's `entries` list, once per missing control.

Passing::

    entries:
      - control: A.2.2
        applicable: true
        ...                  # and one entry for each of the other 37

Failing::

    entries:
      - control: A.2.2       # A.2.3 ... A.10.4 missing
        applicable: true
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import load_catalog
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import statements

RULE = RuleInfo(
    "AIMS701", "soa-missing-control", Severity.ERROR, "The SoA must list every Annex A control."
)


def check(ctx: Context) -> Iterator[Finding]:
    controls = load_catalog().controls
    for soa in statements(ctx.corpus):
        listed = {e.control for e in soa.entries}
        for control in controls:
            if control.id not in listed:
                yield RULE.at(
                    soa.source, "/entries",
                    f"control {control.id} ({control.title}) is missing; "
                    "add an entry deciding whether it applies",
                    key=True,
                )
