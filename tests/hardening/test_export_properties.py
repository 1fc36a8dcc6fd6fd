"""Property: ids and references survive a round trip through every export.

A generated Statement of Applicability (a decision for each of the 38
controls, any reasons, justifications in any script with quotes, commas,
newlines and formula characters, implementing documents by id) is exported
as CSV, XLSX and OSCAL and read back; the JSON Schema export must accept it.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from aims_lint.catalog import load_catalog
from aims_lint.cli import main
from aims_lint.export.spreadsheet import COLUMNS
from aims_lint.frontmatter import parse
from tests.conftest import TODAY, new_repo

CONTROLS = [c.id for c in load_catalog().controls]
REASONS = ["risk-treatment", "legal-requirement", "contractual-obligation", "business-need", "good-practice",
           "not-relevant", "risk-accepted"]
DOCUMENTS = ["POL-001", "ROL-001", "PRO-123", "REC-0042"]  # the last two are written by the test
# Printable text in any script; newlines, quotes, commas and formula starts are mixed in on purpose.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp")), max_size=60)
JUSTIFICATION = st.one_of(TEXT, st.builds("".join, st.lists(
    st.sampled_from(["=SUM(A1)", "+1", "-x", "@me", '"quoted"', "a, b", "line\nbreak", "; ", "é", "€"]),
    max_size=5)))


@dataclass(frozen=True)
class Decision:
    control: str
    applicable: bool
    reasons: tuple[str, ...]
    justification: str
    implementation: str | None
    implemented_by: tuple[str, ...]


@st.composite
def decisions(draw: st.DrawFn) -> list[Decision]:
    found = []
    for control in CONTROLS:
        applicable = draw(st.booleans())
        found.append(Decision(
            control, applicable,
            tuple(draw(st.lists(st.sampled_from(REASONS), min_size=1, max_size=3, unique=True))),
            draw(JUSTIFICATION),
            draw(st.sampled_from(["implemented", "partial", "planned"])) if applicable else None,
            tuple(draw(st.lists(st.sampled_from(DOCUMENTS), max_size=3, unique=True))) if applicable else (),
        ))
    return found


def soa_text(entries: list[Decision]) -> str:
    lines = ["---", "id: SOA-001", "title: Statement of Applicability", "type: soa", "status: draft",
             'version: "0.1"', "owner: aims-manager", "approver: top-management", "classification: internal",
             "last_reviewed: 2026-01-10", "next_review: 2027-01-10", 'clauses: ["6.1.3"]', "entries:"]
    for d in entries:  # JSON is YAML: every string written as a JSON string reads back exactly
        lines += [f"  - control: {d.control}", f"    applicable: {json.dumps(d.applicable)}",
                  f"    reasons: {json.dumps(list(d.reasons))}",
                  f"    justification: {json.dumps(d.justification, ensure_ascii=False)}"]
        if d.implementation:
            lines += [f"    implementation: {d.implementation}",
                      f"    implemented_by: {json.dumps(list(d.implemented_by))}"]
    return "\n".join([*lines, "---", "", "# Statement of Applicability", ""])


def document(doc_id: str, doc_type: str) -> str:
    return (f"---\nid: {doc_id}\ntitle: Document {doc_id}\ntype: {doc_type}\nstatus: draft\n"
            + ('version: "0.1"\n' if doc_type != "record" else "record_kind: other\n")
            + "owner: aims-manager\napprover: top-management\nclassification: internal\n---\n")


def export(root: Path, fmt: str) -> bytes:
    out = root / f"soa.{fmt}"
    code = main(["soa", "export", "--format", fmt, "--out", str(out), "--root", str(root),
                 "--today", TODAY.isoformat()])
    assert code == 0
    return out.read_bytes()


def expected_cells(d: Decision) -> list[str]:
    return [d.control, "yes" if d.applicable else "no", "; ".join(d.reasons), d.justification.strip(),
            d.implementation or "", "; ".join(d.implemented_by),
            ""]  # same_as: a 42001 SoA's entries share nothing


def uninert(cell: str) -> str:
    """Undo the CSV defence against formulas (a leading apostrophe before = + - @ tab CR)."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def check_csv(raw: bytes, entries: list[Decision]) -> None:
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0] == list(COLUMNS) and len(rows) == 1 + len(entries)
    for row, d in zip(rows[1:], entries, strict=True):
        got = [row[0], *[uninert(c) for c in row[2:]]]
        assert got == expected_cells(d)


def check_xlsx(raw: bytes, entries: list[Decision]) -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(raw)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))[1:]
    for row, d in zip(rows, entries, strict=True):
        assert [row[0], *[str(c or "") for c in row[2:]]] == expected_cells(d)


def check_oscal(raw: bytes, entries: list[Decision]) -> None:
    ssp = json.loads(raw)["system-security-plan"]
    components = ssp["system-implementation"]["components"]
    id_of = {
        c["uuid"]: p["value"] for c in components for p in c.get("props", []) if p["name"] == "document-id"
    }
    requirements = ssp["control-implementation"]["implemented-requirements"]
    assert [r["control-id"] for r in requirements] == [d.control for d in entries]
    for requirement, d in zip(requirements, entries, strict=True):
        props = requirement["props"]
        assert [p["value"] for p in props if p["name"] == "reason"] == list(d.reasons)
        assert requirement.get("remarks", "") == d.justification.strip()
        if d.applicable:
            by = [id_of[b["component-uuid"]] for b in requirement.get("by-components", [])]
            assert by == list(d.implemented_by)


@settings(max_examples=12, deadline=None)
@given(decisions())
def test_ids_and_references_survive_every_export(entries: list[Decision]) -> None:
    soa = soa_text(entries)
    with tempfile.TemporaryDirectory() as folder:
        root = new_repo(Path(folder) / "repo", {
            "policies/soa.md": soa, "procedures/p.md": document("PRO-123", "procedure"),
            "records/r.md": document("REC-0042", "record"),
        })
        check_csv(export(root, "csv"), entries)
        check_xlsx(export(root, "xlsx"), entries)
        check_oscal(export(root, "oscal"), entries)
        out = root / "schemas-out"
        assert main(["schema", "--out", str(out), "--root", str(root)]) == 0
        schema: dict[str, Any] = json.loads((out / "soa.schema.json").read_text(encoding="utf-8"))
        data = parse(soa.encode(), max_bytes=1 << 20).data
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
