"""The ISO/IEC 42001 control an entry's `same_as` names must be decided in the 42001 SoA.

`same_as` reads an entry's implementation and implementing documents from the
current ISO/IEC 42001 SoA's entry for that control. When there is no 42001
SoA in force, or it does not list the control, the entry has no
implementation at all: an error. When the 42001 entry is still undecided
(`applicable: null`) the finding is a warning while the 42001 SoA is a draft
and an error once it is approved, as AIMS704 judges the undecided entry
itself. Unknown ids are AIMS620's.

Passing::

    # 42001 SoA: - control: A.7.2, applicable: true, implementation: implemented
    # 27001 SoA:
    - control: A.5.34
      applicable: true
      same_as: A.7.2

Failing::

    # 42001 SoA: - control: A.7.2, applicable: null
    # 27001 SoA:
    - control: A.5.34
      applicable: true
      same_as: A.7.2
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import Sharing, sharings

RULE = RuleInfo(
    "AIMS621", "soa-same-as-undecided", Severity.ERROR,
    "The 42001 control same_as names must be decided in the 42001 SoA.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for sharing in sharings(ctx.corpus):
        if not sharing.known:
            continue  # AIMS620 reports it
        finding = _finding(sharing)
        if finding is not None:
            yield finding


def _finding(sharing: Sharing) -> Finding | None:
    base, shared = sharing.base, sharing.entry.shared
    if base is None:
        return RULE.at(
            sharing.soa.source, sharing.pointer,
            f"{sharing.start}, but there is no ISO/IEC 42001 SoA in force to read it from; add the 42001 "
            "SoA or state the implementation here",
        )
    if shared is None:
        return RULE.at(
            sharing.soa.source, sharing.pointer,
            f"{sharing.start}, which the ISO/IEC 42001 SoA ({base.source.path}) does not list; add it "
            "there or state the implementation here",
        )
    if shared.applicable is not None:
        return None
    finding = RULE.at(
        sharing.soa.source, sharing.pointer,
        f"{sharing.start}, which the ISO/IEC 42001 SoA ({base.source.path}) has not decided yet; decide it "
        "there",
    )
    return finding if base.approved else finding.with_severity(Severity.WARNING)
