"""An applicable control must not share its implementation with a 42001 control the 42001 SoA excludes.

`same_as` reads an entry's implementation from the ISO/IEC 42001 SoA's entry
for that control. If the 42001 SoA excludes the control, the organisation has
said it does not do it, so it implements nothing this entry could share: an
applicable ISO/IEC 27001:2022 control resting on it has no implementation,
and an auditor reading both SoAs sees a contradiction. An excluded entry
with such a `same_as` is not reported (nothing is shared).

Passing::

    # 42001 SoA: - control: A.7.4, applicable: true
    # 27001 SoA:
    - control: A.5.34
      applicable: true
      same_as: A.7.4

Failing::

    # 42001 SoA: - control: A.10.4, applicable: false
    # 27001 SoA:
    - control: A.5.20
      applicable: true
      same_as: A.10.4
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import control_name, current, statements

RULE = RuleInfo(
    "AIMS622", "soa-same-as-excluded", Severity.ERROR,
    "An applicable control must not share the implementation of an excluded 42001 control.",
)


def check(ctx: Context) -> Iterator[Finding]:
    base = current(ctx.corpus)
    if base is None:
        return  # AIMS621 reports a same_as with no 42001 SoA to read
    for soa in statements(ctx.corpus, None):
        if soa.framework == DEFAULT_FRAMEWORK:
            continue
        for entry in soa.entries:
            if entry.applicable is not True or entry.shared is None or entry.shared.applicable is not False:
                continue
            name = control_name(soa.framework, entry.control or f"entry {entry.index + 1}")
            yield RULE.at(
                soa.source, entry.pointer("same_as"),
                f"applicable {name} shares its implementation with {entry.same_as}, which the ISO/IEC 42001 "
                f"SoA ({base.source.path}) excludes; include it there, or state this control's own "
                "implementation here instead of same_as",
            )
