"""The Statement of Applicability as one row per Annex A control, in catalog order.

Rows follow the catalog, so an export always lists all 38 controls: a control
the SoA forgot shows up as undecided instead of silently missing. An entry for
a control the catalog does not know is kept at the end, marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from aims_lint.catalog import load_catalog
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

    @property
    def decision(self) -> str:
        return {True: "yes", False: "no", None: "undecided"}[self.applicable]


def soa_rows(soa: Soa) -> list[SoaRow]:
    catalog = load_catalog()
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
        entry.implementation or "",
        entry.implemented_by,
    )
