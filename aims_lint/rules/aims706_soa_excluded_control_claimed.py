"""A document must not claim a control the Statement of Applicability excludes.

If the SoA says a control does not apply but a policy lists it in `controls`,
one of the two is wrong: either the control applies after all, or the policy
overstates what it does. Auditors sample exactly these contradictions. Each
framework's SoA judges the ids of its own framework: the 42001 SoA the bare
(or `ISO42001:`) ids, the 27001 SoA the `ISO27001:` ones. The finding points
at the document's list item.

Passing::

    # SoA: A.10.4 applicable: true
    controls: [A.10.4]

Failing::

    # 27001 SoA (framework: iso27001-2022): A.5.1 applicable: false
    controls: [ISO27001:A.5.1]
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.frameworks import parse
from aims_lint.catalog.references import in_force, string_items
from aims_lint.positions import join_pointer
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import Soa, control_name, current, statements

RULE = RuleInfo(
    "AIMS706", "soa-excluded-control-claimed", Severity.ERROR,
    "Documents must not claim controls the SoA excludes.",
)


def check(ctx: Context) -> Iterator[Finding]:
    judging = [current(ctx.corpus, fw) for fw in sorted({s.framework for s in statements(ctx.corpus, None)})]
    excluded = {
        soa.framework: (soa, {e.control for e in soa.entries if e.applicable is False})
        for soa in judging if soa is not None
    }
    ours = {soa.source.path for soa, _ in excluded.values()}
    for source in ctx.corpus.sources:
        if source.path in ours or not in_force(source):
            continue
        for index, value in string_items(source.data, "controls"):
            cited = parse(value)
            judged = excluded.get(cited.framework or "")
            if judged is not None and cited.local in judged[1]:
                yield RULE.at(source, join_pointer("controls", index), _message(judged[0], cited.local))


def _message(soa: Soa, control: str) -> str:
    return (
        f"{control_name(soa.framework, control)} is excluded in the SoA ({soa.source.path}); "
        "remove it here or include it in the SoA"
    )
