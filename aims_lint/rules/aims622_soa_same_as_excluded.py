"""An applicable control must not share its implementation with a 42001 control the 42001 SoA excludes.

`same_as` reads an entry's implementation from the ISO/IEC 42001 SoA's entry
for that control. If the 42001 SoA excludes the control, the organisation has
said it does not do it, so it implements nothing this entry could share: an
applicable ISO/IEC 27001:2022 control resting on it has no implementation,
and an auditor reading both SoAs sees a contradiction. An excluded entry
with such a `same_as` is not reported (nothing is shared).

Passing::

    # 42001 SoA: - control: A.7.2, applicable: true
    # 27001 SoA:
    - control: A.5.34
      applicable: true
      same_as: A.7.2

Failing::

    # 42001 SoA: - control: A.10.2, applicable: false
    # 27001 SoA:
    - control: A.5.20
      applicable: true
      same_as: A.10.2
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import sharings

RULE = RuleInfo(
    "AIMS622", "soa-same-as-excluded", Severity.ERROR,
    "An applicable control must not share the implementation of an excluded 42001 control.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for sharing in sharings(ctx.corpus):
        entry, shared, base = sharing.entry, sharing.entry.shared, sharing.base
        # No 42001 SoA (base None, so shared None) is AIMS621's finding; an excluded entry shares nothing.
        if base is None or entry.applicable is not True or shared is None or shared.applicable is not False:
            continue
        yield RULE.at(
            sharing.soa.source, sharing.pointer,
            f"applicable {sharing.start}, which the ISO/IEC 42001 SoA ({base.source.path}) excludes; "
            "include it there, or state this control's own implementation here instead of same_as",
        )
