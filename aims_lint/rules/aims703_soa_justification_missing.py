"""Every SoA decision, inclusion or exclusion, needs reasons and a justification.

ISO/IEC 42001 6.1.3 asks the organisation to justify why each control is
included and why each excluded one is left out. Each decided entry needs at
least one reason from the schema's vocabulary (`risk-treatment`,
`legal-requirement`, `business-need`, ...) and a `justification` in the
organisation's own words. Undecided entries are AIMS704's concern. Every
SoA is checked, whatever its framework (ISO/IEC 27001:2022 6.1.3 asks the
same), and an entry that shares its implementation (`same_as`) still
justifies its own decision.

Passing::

    - control: A.10.4
      applicable: false
      reasons: [not-relevant]
      justification: We sell no AI products or services to customers.

Failing::

    - control: A.10.4
      applicable: false
      reasons: []
      justification: null
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import control_name, statements

RULE = RuleInfo(
    "AIMS703", "soa-justification-missing", Severity.ERROR, "SoA decisions need reasons and a justification."
)


def check(ctx: Context) -> Iterator[Finding]:
    for soa in statements(ctx.corpus, None):
        for entry in soa.entries:
            if entry.applicable is None:
                continue
            decision = "included" if entry.applicable else "excluded"
            name = control_name(soa.framework, entry.control or f"entry {entry.index + 1}")
            if not entry.reasons:
                yield RULE.at(soa.source, entry.pointer("reasons"), _message(name, decision, "no reasons"))
            if not entry.justification:
                yield RULE.at(
                    soa.source, entry.pointer("justification"), _message(name, decision, "no justification")
                )


def _message(control: str, decision: str, what: str) -> str:
    return f"{decision} {control} has {what}; say why it is {decision}"

