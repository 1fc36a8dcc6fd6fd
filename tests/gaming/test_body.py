"""Gaming attempt 1 (issue 12): key procedures reduced to "TBD", and a template approved unchanged.

Each attempt is re-approved and committed properly, so only the body rules
(AIMS1001-AIMS1005) stand between it and a "ready" verdict.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gaming.attempts import Attempt

pytestmark = pytest.mark.slow

KEY_PROCEDURES = (
    "procedures/risk-assessment.md",
    "procedures/risk-treatment.md",
    "procedures/impact-assessment.md",
    "procedures/internal-audit.md",
    "procedures/nonconformity-corrective-action.md",
)


def _line_of(attempt: Attempt, rel: str, text: str) -> int:
    """The 1-based line of the first line of `rel` that holds `text`."""
    lines = attempt.read(rel).split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_five_key_procedures_reduced_to_tbd_are_blocked(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    for rel in KEY_PROCEDURES:
        title = attempt.read(rel).split("\ntitle: ", 1)[1].split("\n", 1)[0]
        attempt.set_body(rel, f"\n# {title}\n\nTBD\n")
        attempt.reapprove(rel)
    attempt.commit("Simplify the key procedures")
    for rel in KEY_PROCEDURES:
        line = _line_of(attempt, rel, "TBD")
        placeholder = attempt.assert_blocked("AIMS1003", rel, line=line)
        assert placeholder["column"] == 1
        rules = {f["rule"] for f in attempt.errors(rel)}
        assert {"AIMS1001", "AIMS1005"} <= rules, f"{rel}: {sorted(rules)}"


def test_sections_kept_but_emptied_to_tbd_are_blocked(tmp_path: Path) -> None:
    """The headings stay and each section says "TBD": the empty-section error is on the heading."""
    rel = "procedures/risk-assessment.md"
    attempt = Attempt.of_example(tmp_path)
    text = attempt.read(rel)
    head, _, body = text.partition("\n---\n")
    kept = [line if line.startswith("#") else "" for line in body.split("\n")]
    sections = "\n".join(f"{line}\n\nTBD" if line.startswith("## ") else line for line in kept if line)
    attempt.write(rel, f"{head}\n---\n\n{sections}\n")
    attempt.reapprove(rel)
    attempt.commit("Shorten the risk assessment procedure")
    attempt.assert_blocked("AIMS1002", rel, line=_line_of(attempt, rel, "## Steps"))


def test_a_template_approved_unchanged_is_blocked(tmp_path: Path) -> None:
    attempt = Attempt.of_example(tmp_path)
    made = attempt.run("new", "record", "Impact assessment of the scheduling assistant",
                       "--kind", "impact-assessment")
    assert made.code == 0, made.out
    rel = next(
        p.relative_to(attempt.root).as_posix()
        for p in (attempt.root / "records").glob("*scheduling-assistant*.md")
    )
    attempt.replace(rel, "status: draft", "status: approved\napproved_on: 2026-12-03")
    attempt.commit("Record the scheduling assistant's impact assessment")
    line = _line_of(attempt, rel, "*Fill this in: the system, its intended use")
    found = attempt.assert_blocked("AIMS1004", rel, line=line)
    assert "left unchanged from the template templates/record-impact-assessment.md" in found["message"]


def test_records_left_as_lower_case_tbd_are_blocked(tmp_path: Path) -> None:
    """The reviewer's attempt: a procedure's Records section says "tbd, to be written up later"."""
    rel = "procedures/risk-assessment.md"
    attempt = Attempt.of_example(tmp_path)
    text = attempt.read(rel)
    head, _, records = text.partition("\n## Records")
    rest = records.split("\n## ", 1)
    tail = f"\n## {rest[1]}" if len(rest) > 1 else ""
    attempt.write(rel, f"{head}\n## Records\n\ntbd, to be written up later\n{tail}")
    attempt.reapprove(rel)
    attempt.commit("Records to follow")
    line = attempt.line_of(rel, "tbd, to be written up later")
    attempt.assert_blocked("AIMS1003", rel, line=line)
    attempt.assert_blocked("AIMS1002", rel, line=attempt.line_of(rel, "## Records"))


def test_xxx_as_a_procedure_body_is_blocked(tmp_path: Path) -> None:
    rel = "procedures/risk-treatment.md"
    attempt = Attempt.of_example(tmp_path)
    attempt.set_body(rel, "\n# Risk treatment\n\n## Purpose\n\nXXX XXX XXX XXX XXX XXX\n")
    attempt.reapprove(rel)
    attempt.commit("Placeholder procedure")
    attempt.assert_blocked("AIMS1003", rel, line=attempt.line_of(rel, "XXX XXX"))


def test_every_section_filled_with_one_repeated_sentence_is_blocked(tmp_path: Path) -> None:
    """Each required section says the same sentence six times: it counts once, so every section and
    the body are too short."""
    rel = "procedures/internal-audit.md"
    filler = " ".join(["This section is covered by our process."] * 6)
    attempt = Attempt.of_example(tmp_path)
    attempt.set_body(
        rel, "".join(f"\n## {name}\n\n{filler}\n" for name in ("Purpose", "Steps", "Records"))
    )
    attempt.reapprove(rel)
    attempt.commit("Tighten the audit procedure")
    attempt.assert_blocked("AIMS1002", rel, line=attempt.line_of(rel, "## Steps"))
    attempt.assert_blocked("AIMS1005", rel)
