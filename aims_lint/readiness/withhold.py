"""The report for a reader who may not see every document (an audience)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from aims_lint.catalog.frameworks import qualified
from aims_lint.readiness.blockers import sorted_blockers
from aims_lint.readiness.controls import control_reason
from aims_lint.readiness.evidence import why
from aims_lint.readiness.report import (
    WITHHELD,
    WITHHELD_BLOCKER,
    WITHHELD_SYSTEM,
    ClauseCoverage,
    ControlStatus,
    Errored,
    FrameworkItem,
    FrameworkReadiness,
    InformationStatus,
    Readiness,
)
from aims_lint.stage1 import REPOSITORY, Blocker


def withhold(
    r: Readiness, hidden: Callable[[str], bool], names_withheld: Callable[[str], bool] | None = None
) -> Readiness:
    """The report for a reader who may not see the documents `hidden` names (an audience).

    Their ids leave every list and a hidden SoA's path leaves `soa`; when the
    SoA is hidden, so is what only it says: each control's decision becomes
    `withheld`, with no reasons, implementation or implementing documents.
    A reason that named a hidden document counts it instead. Coverage
    (`covered`, `present`), the summary and the verdict (`ready`), counted
    before, stay those of the whole management system: a blocker on a hidden
    document keeps its code, but its message becomes `WITHHELD_BLOCKER` and
    its path "" (line 0); a blocker whose message `names_withheld` gets the
    same message. Every framework's entry is withheld the same way.
    """
    def keep(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(i for i in ids if not hidden(i))

    soa_hidden = r.soa is not None and hidden(r.soa)
    return replace(
        r,
        soa=None if soa_hidden else r.soa,
        clauses=tuple(_withhold_clause(c, keep, hidden) for c in r.clauses),
        controls=tuple(_withhold_control(c, keep, hidden, soa_hidden) for c in r.controls),
        documented_information=tuple(
            _withhold_information(i, keep, hidden) for i in r.documented_information
        ),
        # every blocker stays, so their number matches the verdict's even when withheld ones look alike
        blockers=sorted_blockers(
            [_withhold_blocker(b, hidden, names_withheld) for b in r.blockers], unique=False
        ),
        frameworks={fw: _withhold_framework(fw, f, keep, hidden, names_withheld)
                    for fw, f in r.frameworks.items()},
    )


def _withhold_framework(
    fw: str, f: FrameworkReadiness, keep: Callable[[tuple[str, ...]], tuple[str, ...]],
    hidden: Callable[[str], bool], names_withheld: Callable[[str], bool] | None,
) -> FrameworkReadiness:
    """A framework's entry for the same reader, by the same rules as the ISO/IEC 42001 report."""
    soa_hidden = f.soa is not None and hidden(f.soa)
    return replace(
        f,
        soa=None if soa_hidden else f.soa,
        items=tuple(_withhold_item(fw, i, keep, hidden, soa_hidden) for i in f.items),
        upcoming=tuple(_withhold_item(fw, i, keep, hidden, soa_hidden) for i in f.upcoming),
        cited=tuple(_withhold_item(fw, i, keep, hidden, soa_hidden) for i in f.cited),
        blockers=sorted_blockers(
            [_withhold_blocker(b, hidden, names_withheld) for b in f.blockers], unique=False
        ),
        note=_ID.sub(lambda m: WITHHELD if hidden(m.group(0)) else m.group(0), f.note),
    )


# A document id as the AI Act note names the systems it speaks of ("REC-020 declare(s) no ...").
_ID = re.compile(r"(?<![\w-])[A-Z]{2,5}-[0-9]{3,}(?![\w-])")


def _withhold_item(
    fw: str, i: FrameworkItem, keep: Callable[[tuple[str, ...]], tuple[str, ...]],
    hidden: Callable[[str], bool], soa_hidden: bool,
) -> FrameworkItem:
    shown = _withhold_listed(fw, i, keep, hidden, soa_hidden)
    if i.article is None or i.id == i.article or not any(hidden(s) for s in i.systems):
        return shown
    # an AI Act duty of one AI system the reader may not see: the article stays, the system goes
    reason = shown.reason
    for system in i.systems:
        reason = reason.replace(system, "the system")
    return replace(shown, id=f"{i.article}/{WITHHELD}", reason=reason,
                   title=f"{i.title.partition(':')[0]}: {WITHHELD_SYSTEM}")


def _withhold_listed(
    fw: str, i: FrameworkItem, keep: Callable[[tuple[str, ...]], tuple[str, ...]],
    hidden: Callable[[str], bool], soa_hidden: bool,
) -> FrameworkItem:
    errored, drafts, he, hd = _hidden_counts(i.errored, i.drafts, hidden)
    unsupported = tuple(u for u in i.unsupported if not hidden(u.id))
    hu = len(i.unsupported) - len(unsupported)
    shown = replace(i, documents=keep(i.documents), operating=keep(i.operating), errored=errored,
                    drafts=drafts, systems=keep(i.systems), unsupported=unsupported)
    if i.kind == "control" and soa_hidden:
        return replace(shown, decision=WITHHELD, implementation=None, counted_as=None, reason="",
                       unsupported=())
    if not (he or hd or hu) or (i.covered and i.kind != "control"):
        return shown
    if i.kind == "control":
        # the SoA is visible, so how many documents it names is no secret; which ones are hidden is
        reason = control_reason(i.decision or "", i.implementation, qualified(fw, i.id), i.covered,
                                bool(i.operating), errored, drafts, he, hd, unsupported=unsupported,
                                implementers=_implementers(i), hidden_unsupported=hu)
    else:
        reason = why(errored, drafts, i.reason, he, hd)
        if i.applies_from is not None and not i.counted and not i.recommended:
            reason = f"applies from {i.applies_from}, not counted before; {reason}"
    return replace(shown, reason=reason)


def _implementers(i: FrameworkItem) -> int:
    """How many documents the SoA names in a control item's implemented_by: those whose problems
    are listed and, when some carry it out, at least one more (the item does not keep the list)."""
    if i.counted_as == "not-implemented" or not i.unsupported:
        return len(i.unsupported)
    return len(i.unsupported) + 1


def _withhold_blocker(
    b: Blocker, hidden: Callable[[str], bool], names_withheld: Callable[[str], bool] | None
) -> Blocker:
    if b.path != REPOSITORY and hidden(b.path):
        return Blocker(b.code, WITHHELD_BLOCKER, "", 0)
    if names_withheld is not None and names_withheld(b.message):
        return replace(b, message=WITHHELD_BLOCKER)
    return b


def _hidden_counts(
    errored: tuple[Errored, ...], drafts: tuple[str, ...], hidden: Callable[[str], bool]
) -> tuple[tuple[Errored, ...], tuple[str, ...], int, int]:
    shown = tuple(e for e in errored if not hidden(e.id))
    shown_drafts = tuple(d for d in drafts if not hidden(d))
    return shown, shown_drafts, len(errored) - len(shown), len(drafts) - len(shown_drafts)


def _withhold_clause(
    c: ClauseCoverage, keep: Callable[[tuple[str, ...]], tuple[str, ...]], hidden: Callable[[str], bool]
) -> ClauseCoverage:
    errored, drafts, he, hd = _hidden_counts(c.errored, c.drafts, hidden)
    reason = c.reason if c.covered or not (he or hd) else why(errored, drafts, c.reason, he, hd)
    return replace(c, documents=keep(c.documents), records=keep(c.records), drafts=drafts, errored=errored,
                   reason=reason)


def _withhold_information(
    i: InformationStatus, keep: Callable[[tuple[str, ...]], tuple[str, ...]], hidden: Callable[[str], bool]
) -> InformationStatus:
    errored, drafts, he, hd = _hidden_counts(i.errored, i.drafts, hidden)
    reason = i.reason if i.present or not (he or hd) else why(errored, drafts, i.reason, he, hd)
    return replace(i, evidence=keep(i.evidence), drafts=drafts, errored=errored, reason=reason)


def _withhold_control(
    c: ControlStatus, keep: Callable[[tuple[str, ...]], tuple[str, ...]], hidden: Callable[[str], bool],
    soa_hidden: bool,
) -> ControlStatus:
    errored, drafts, he, hd = _hidden_counts(c.errored, c.drafts, hidden)
    unsupported = tuple(u for u in c.unsupported if not hidden(u.id))
    hu = len(c.unsupported) - len(unsupported)
    if soa_hidden:
        # the decision, the implementation and why it counts as it does are the SoA's to tell
        return replace(c, decision=WITHHELD, reasons=(), implementation=None, implemented_by=(),
                       documents=keep(c.documents), operating=keep(c.operating), counted_as=None,
                       errored=errored, drafts=drafts, reason="", unsupported=())
    reason = c.reason
    if he or hd or hu:
        reason = control_reason(c.decision, c.implementation, c.id, c.covered, bool(c.operating), errored,
                                drafts, he, hd, unsupported=unsupported,
                                implementers=len(set(c.implemented_by)), hidden_unsupported=hu)
    return replace(c, implemented_by=keep(c.implemented_by), documents=keep(c.documents),
                   operating=keep(c.operating), errored=errored, drafts=drafts, reason=reason,
                   unsupported=unsupported)

