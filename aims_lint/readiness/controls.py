"""Annex A controls: the SoA's decision and implementation, and what implements each control.

An entry of another framework's SoA that shares a 42001 control's implementation (`same_as`,
resolved by aims_lint/soa.py) takes the 42001 entry's implementation, implementing documents and
operating records; its decision stays its own.
"""

from __future__ import annotations

from aims_lint.catalog import Control
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, qualified
from aims_lint.corpus import Corpus
from aims_lint.model import Document, StatementOfApplicability
from aims_lint.readiness.evidence import ids, standing, why
from aims_lint.readiness.report import WITHHELD, ControlStatus, Errored
from aims_lint.soa import Soa, evidence, operating_records


def control_status(
    control: Control, docs: list[Document], soa: Soa | None, errors: dict[str, list[str]], corpus: Corpus,
    framework: str = DEFAULT_FRAMEWORK,
) -> ControlStatus:
    """A control of `framework` as its SoA decides it and as the documents in force implement it."""
    entry = soa.decision(control.id) if soa else None
    decision = "not-listed"
    if entry is not None:
        decision = {True: "included", False: "excluded", None: "undecided"}[entry.applicable]
    # an entry sharing a 42001 control's implementation (`same_as`) reads it from the 42001 SoA
    implemented_by = tuple(sorted(entry.effective_implemented_by)) if entry else ()
    listing = [
        d for d in docs
        if control.id in d.control_ids(framework) and not isinstance(d, StatementOfApplicability)
    ]
    listed = {d.id for d in listing}
    addressing = listing + [d for d in docs if d.id in implemented_by and d.id not in listed]
    good, errored, drafts = standing(addressing, errors)
    # the records showing it operating: for a `same_as` entry, those of the 42001 control count too
    if soa is not None and entry is not None:
        operating = evidence(corpus, soa, entry)
    else:
        operating = operating_records(corpus, control.id, framework)
    implementation = entry.effective_implementation if entry else None
    covered = decision == "included" and bool(good)
    counted_as = implementation if decision == "included" else None
    if counted_as == "implemented" and not (covered and operating):
        counted_as = "partial"
    return ControlStatus(
        control.id, control.title, control.parent or "", decision,
        reasons=tuple(sorted(entry.reasons)) if entry else (),
        implementation=implementation,
        implemented_by=implemented_by,
        documents=ids(listing),
        operating=operating,
        counted_as=counted_as,
        covered=covered,
        errored=errored,
        drafts=drafts,
        reason=control_reason(
            decision, implementation, qualified(framework, control.id), covered, bool(operating), errored,
            drafts,
        ),
    )


def control_reason(
    decision: str, implementation: str | None, control: str, covered: bool, operating: bool,
    errored: tuple[Errored, ...], drafts: tuple[str, ...], hidden_errored: int = 0, hidden_drafts: int = 0,
) -> str:
    if decision != "included":
        return {
            "excluded": "excluded in the SoA",
            "undecided": "not decided in the SoA",
            WITHHELD: "",
        }.get(decision, "not in the SoA")
    parts = []
    if not covered:
        parts.append(why(errored, drafts, "no approved document implements or lists it",
                          hidden_errored, hidden_drafts))
    if implementation == "implemented" and not operating:
        parts.append(
            f"counted as partial: the SoA says implemented, but no approved record lists {control} "
            "in controls to show it operating"
        )
    return "; ".join(parts)

