"""An SoA entry must say whether the control applies.

`applicable: null` marks a control nobody has decided on yet; the skeleton
written by `aims-lint init` starts with all 38 undecided. While the SoA is a
draft this is a warning (a to-do list); an approved SoA with an undecided
control is an error, because top management approved an incomplete decision.
Every SoA is checked, whatever its framework.

Passing::

    - control: A.7.5
      applicable: true

Failing::

    status: approved
    entries:
      - control: A.7.5
        applicable: null
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import control_name, statements

RULE = RuleInfo(
    "AIMS704", "soa-undecided", Severity.ERROR, "SoA entries must decide whether the control applies."
)


def check(ctx: Context) -> Iterator[Finding]:
    for soa in statements(ctx.corpus, None):
        for entry in soa.entries:
            if entry.applicable is not None or entry.control is None:
                continue
            finding = RULE.at(
                soa.source, entry.pointer("applicable"),
                f"{control_name(soa.framework, entry.control)} is undecided; set applicable to true or false "
                "and justify it",
            )
            yield finding if soa.approved else finding.with_severity(Severity.WARNING)
