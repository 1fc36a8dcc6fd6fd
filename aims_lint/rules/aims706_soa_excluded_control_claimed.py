"""A document must not claim a control the Statement of Applicability excludes.

If the SoA says a control does not apply but a policy lists it in `controls`,
one of the two is wrong: either the control applies after all, or the policy
overstates what it does. Auditors sample exactly these contradictions. The
finding points at the document's list item.

Passing::

    # SoA: A.10.4 applicable: true
    controls: [A.10.4]

Failing::

    # SoA: A.10.4 applicable: false
    controls: [A.10.4]
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.references import in_force, string_items
from aims_lint.positions import join_pointer
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import current

RULE = RuleInfo(
    "AIMS706", "soa-excluded-control-claimed", Severity.ERROR,
    "Documents must not claim controls the SoA excludes.",
)


def check(ctx: Context) -> Iterator[Finding]:
    soa = current(ctx.corpus)
    if soa is None:
        return
    excluded = {e.control for e in soa.entries if e.applicable is False}
    for source in ctx.corpus.sources:
        if source is soa.source or not in_force(source):
            continue
        for index, control in string_items(source.data, "controls"):
            if control in excluded:
                yield RULE.at(
                    source, join_pointer("controls", index),
                    f"control {control} is excluded in the SoA ({soa.source.path}); "
                    "remove it here or include it in the SoA",
                )
