"""The Statement of Applicability as one row per Annex A control, in catalog order.

Rows follow the catalog of the SoA's framework (`framework:`, ISO/IEC 42001's
38 controls when absent, ISO/IEC 27001:2022's 93 for a 27001 SoA), so an
export always lists every control: a control the SoA forgot shows up as
undecided instead of silently missing. An entry for a control the catalog
does not know is kept at the end, marked as such. An entry that shares its
implementation with a 42001 control (`same_as`) shows the 42001 entry's
implementation and implementing documents, as the rules read them, and names
that control in `same_as`, qualified (`ISO42001:A.7.2`): in the 27001 SoA's
export a bare `A.7.2` would read as 27001's own control of that number.
"""

from __future__ import annotations

from dataclasses import dataclass

from aims_lint.catalog import load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, SEPARATOR, framework
from aims_lint.soa import Entry, Soa

UNKNOWN_TITLE = "(not an Annex A control)"


@dataclass(frozen=True)
class SoaRow:
    control: str
    title: str
    applicable: bool | None  # None: not decided
    reasons: tuple[str, ...]
    justification: str
    implementation: str
    implemented_by: tuple[str, ...]
    same_as: str = ""  # the ISO/IEC 42001 control whose implementation the entry shares, qualified

    @property
    def decision(self) -> str:
        return {True: "yes", False: "no", None: "undecided"}[self.applicable]


def soa_rows(soa: Soa) -> list[SoaRow]:
    catalog = load_catalog(soa.framework)
    rows = [_row(control.id, control.title, soa.decision(control.id)) for control in catalog.controls]
    known = {control.id for control in catalog.controls}
    seen: set[str] = set()
    for entry in soa.entries:
        if entry.control and entry.control not in known and entry.control not in seen:
            seen.add(entry.control)
            rows.append(_row(entry.control, UNKNOWN_TITLE, entry))
    return rows


def _row(control: str, title: str, entry: Entry | None) -> SoaRow:
    if entry is None:
        return SoaRow(control, title, None, (), "", "", ())
    return SoaRow(
        control,
        title,
        entry.applicable,
        entry.reasons,
        entry.justification,
        entry.effective_implementation or "",
        entry.effective_implemented_by,
        _shared(entry.same_as),
    )


def _shared(same_as: str | None) -> str:
    """`same_as` with the ISO/IEC 42001 prefix; an id of another framework (AIMS620's) as written."""
    if same_as is None:
        return ""
    row = framework(DEFAULT_FRAMEWORK)
    return same_as if SEPARATOR in same_as or row is None else f"{row.prefix}{SEPARATOR}{same_as}"
