"""The SoA as a spreadsheet an auditor opens: CSV (RFC 4180) or an XLSX workbook.

Cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return are
formulas to a spreadsheet program. Document text is data, so in CSV such a
cell gets a leading apostrophe (the usual defence against formula injection),
and in XLSX every cell is written as a string, never as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from aims_lint.export.soa_rows import SoaRow

SHEET_TITLE = "Statement of Applicability"
COLUMNS = (
    "control", "title", "applicable", "reasons", "justification", "implementation", "implemented_by",
    "same_as",  # the ISO/IEC 42001 control whose implementation the entry shares, qualified
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WIDTHS = (10, 40, 11, 28, 60, 16, 28, 16)


def cells(row: SoaRow) -> list[str]:
    return [
        row.control,
        row.title,
        row.decision,
        "; ".join(row.reasons),
        row.justification,
        row.implementation,
        "; ".join(row.implemented_by),
        row.same_as,
    ]


def to_csv(rows: Sequence[SoaRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_inert(value) for value in cells(row)] for row in rows)
    return out.getvalue()


def to_xlsx(rows: Sequence[SoaRow]) -> bytes:
    from openpyxl import Workbook  # deferred: only this export needs it
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = SHEET_TITLE
    sheet.append(list(COLUMNS))
    for row in rows:
        # Control characters cannot be stored in XLSX at all; drop them rather than fail.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) for value in cells(row)])
    for line in sheet.iter_rows():
        for item in line:
            item.data_type = "s"  # text, never a formula (openpyxl reads "=..." as one)
            item.alignment = Alignment(wrap_text=True, vertical="top")
    for item in sheet[1]:
        item.font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", _WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _inert(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
