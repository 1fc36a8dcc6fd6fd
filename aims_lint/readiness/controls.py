"""Annex A controls: the SoA's decision and implementation, and what implements each control.

An entry of another framework's SoA that shares a 42001 control's implementation (`same_as`,
resolved by aims_lint/soa.py) takes the 42001 entry's implementation, implementing documents and
operating records; its decision stays its own.

The SoA's `implementation` is a claim; readiness counts what backs it. A control the SoA marks
`implemented` or `partial` is carried out only by the documents in its `implemented_by` that are
approved and in force (AIMS705's test, `soa.implementer_problem`) and have no error findings.
When none of them is, the control counts as `not-implemented`; when only some are, an `implemented`
one counts as `partial`; and an `implemented` one with no approved record showing it operating counts
as `partial` too. The reason names each implementing document that falls short, and why.
"""

from __future__ import annotations

from aims_lint.catalog import Control
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, qualified
from aims_lint.corpus import Corpus
from aims_lint.model import Document, StatementOfApplicability
from aims_lint.readiness.evidence import ids, standing, why
from aims_lint.readiness.report import WITHHELD, ControlStatus, Errored, Unsupported
from aims_lint.soa import IMPLEMENTED, Soa, evidence, implementer_problem, operating_records

NOT_IMPLEMENTED = "not-implemented"


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
    implementers = tuple(sorted(set(implemented_by)))
    unsupported = unsupported_by(implementers, corpus, errors) if implementation in IMPLEMENTED else ()
    counted_as = None
    if decision == "included":
        counted_as = counted(implementation, len(implementers), len(unsupported), covered, bool(operating))
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
            drafts, unsupported=unsupported, implementers=len(implementers),
        ),
        unsupported=unsupported,
    )


def unsupported_by(
    implemented_by: tuple[str, ...], corpus: Corpus, errors: dict[str, list[str]]
) -> tuple[Unsupported, ...]:
    """The implementing documents that do not carry the control out: AIMS705's test, then errors."""
    found = []
    for doc_id in implemented_by:
        problem = implementer_problem(corpus, doc_id)
        if problem is None and doc_id in errors:
            codes = sorted(set(errors[doc_id]))
            n = len(errors[doc_id])
            problem = f"has {n} error{'' if n == 1 else 's'} ({', '.join(codes)})"
        if problem is not None:
            found.append(Unsupported(doc_id, problem))
    return tuple(sorted(found, key=lambda u: u.id))


def counted(implementation: str | None, implementers: int, unsupported: int, covered: bool,
            operating: bool) -> str | None:
    """An included control's implementation as readiness counts it (see the module's docstring)."""
    if implementation not in IMPLEMENTED:
        return implementation
    if implementers == unsupported:  # none of `implemented_by` carries it out (or it names none)
        return NOT_IMPLEMENTED
    if implementation == "implemented" and (unsupported or not (covered and operating)):
        return "partial"
    return implementation


def control_reason(
    decision: str, implementation: str | None, control: str, covered: bool, operating: bool,
    errored: tuple[Errored, ...], drafts: tuple[str, ...], hidden_errored: int = 0, hidden_drafts: int = 0,
    unsupported: tuple[Unsupported, ...] = (), implementers: int = 0, hidden_unsupported: int = 0,
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
    nothing = implementers == len(unsupported) + hidden_unsupported  # no implementer carries it out
    if implementation in IMPLEMENTED:
        parts.extend(_implementers(implementation, implementers, unsupported, hidden_unsupported))
    # operating records cannot raise a control nothing carries out above not-implemented
    if implementation == "implemented" and not operating and not nothing:
        parts.append(
            f"counted as partial: the SoA says implemented, but no approved record lists {control} "
            "in controls to show it operating"
        )
    return "; ".join(parts)


def _implementers(implementation: str, implementers: int, unsupported: tuple[Unsupported, ...],
                  hidden: int) -> list[str]:
    """Why the implementing documents do not back the SoA's `implementation` ([] when they do)."""
    if not implementers:
        return [f"counted as {NOT_IMPLEMENTED}: the SoA says {implementation}, but implemented_by names "
                "no document"]
    if not (unsupported or hidden):
        return []
    named = [f"{u.id} {u.problem}" for u in unsupported]
    if hidden:
        named.append(f"{hidden} document(s) not published for this audience are not approved and free of "
                     "errors")
    whom = ", ".join(named)
    if implementers == len(unsupported) + hidden:
        return [f"counted as {NOT_IMPLEMENTED}: the SoA says {implementation}, but no document in "
                f"implemented_by is approved, in force and free of errors: {whom}"]
    if implementation == "implemented":
        return [f"counted as partial: the SoA says implemented, but not every document in implemented_by "
                f"is approved, in force and free of errors: {whom}"]
    return [f"not every document in implemented_by is approved, in force and free of errors: {whom}"]

