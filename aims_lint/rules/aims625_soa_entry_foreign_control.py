"""An SoA entry must name a control of the SoA's own framework.

Each SoA decides on the controls of one framework (`framework:`, ISO/IEC
42001 when absent). An entry qualified with another framework's prefix
(`ISO42001:A.2.2` or `NIST-AI-RMF:GOVERN-1.1` in the ISO/IEC 27001:2022
SoA, `ISO27001:A.5.1` in the 42001 SoA) decides nothing that SoA is asked
about, so it used to pass silently while the control it meant stayed
undecided. Such an entry is reported once, here, and no other SoA rule
reads it (it counts as no decision). To share an implementation with a
42001 control, name this framework's control and put the 42001 one in
`same_as`.

Passing::

    # framework: iso27001-2022
    - control: A.5.1          # or ISO27001:A.5.1
      same_as: A.2.2

Failing::

    # framework: iso27001-2022
    - control: ISO42001:A.2.2 # a 42001 control in the 27001 SoA
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.frameworks import framework
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import statements

RULE = RuleInfo(
    "AIMS625", "soa-entry-foreign-control", Severity.ERROR,
    "An SoA entry must name a control of the SoA's own framework.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for soa in statements(ctx.corpus, None):
        row = framework(soa.framework)
        title = row.title if row is not None else soa.framework
        for entry in soa.foreign:
            yield RULE.at(
                soa.source, entry.pointer("control"),
                f"'{entry.foreign}' is not a control of {title}, which this SoA decides on; name one "
                "of its controls (to share another framework's implementation, use same_as)",
            )
