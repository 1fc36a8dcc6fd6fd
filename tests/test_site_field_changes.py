"""The changed front-matter fields of a "what changed" page, one readable row per change.

Unit tests of the comparison on plain values; the starter system in a real
repository with its Statement of Applicability re-approved, one entry's
justification made hostile markup, rendered by the real command; and one on
this repository's own history: the example Statement of Applicability's v1.5
made A.7.3 applicable, and its changes page must say so in one row, not in
two dumps of all 38 entries. That test needs the repository's full history; a shallow
clone or an unpacked source archive has none, and then it is skipped.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aims_lint.cli import main
from aims_lint.site.field_changes import FieldChange, Item, field_changes, natural_key
from tests.browser.site_repo import commit_all, starter_repo

PROJECT = Path(__file__).resolve().parents[1]
TODAY = "2026-12-02"


def rows(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(f.name, f.before, f.after) for f in field_changes(before, after)]


def _entry(control: str, applicable: bool, why: str, **more: Any) -> dict[str, Any]:
    return {"control": control, "applicable": applicable, "justification": why, **more}


def test_a_keyed_list_is_compared_element_by_element_in_the_newer_order() -> None:
    before = {"entries": [_entry("A.7.2", True, "Same."), _entry("A.7.3", False, "We buy no data."),
                          _entry("A.7.9", True, "Dropped later."), _entry("A.8.1", True, "Kept.")]}
    after = {"entries": [_entry("A.8.1", True, "Kept."), _entry("A.7.2", True, "Same."),
                         _entry("A.7.3", True, "Clinic data.", implementation="partial"),
                         _entry("A.9.9", True, "New <b>one</b>.", implemented_by=["POL-7"])]}
    assert rows(before, after) == [
        ("entries A.7.3 · applicable", "false", "true"),
        ("entries A.7.3 · justification", "We buy no data.", "Clinic data."),
        ("entries A.7.3 · implementation", "", "partial"),
        # Removed: after the element it followed in the older version; added: where the newer has it.
        ("entries A.7.9", "applicable: true; justification: Dropped later.", ""),
        ("entries A.9.9", "", "applicable: true; justification: New <b>one</b>.; implemented_by: POL-7"),
    ]


def test_the_natural_key_is_the_first_present_and_unique_in_both_versions() -> None:
    risks = [{"id": "R-1", "name": "Drift"}, {"id": "R-2", "name": "Drift"}]  # names repeat: ids name them
    assert natural_key(risks, risks[:1]) == "id"
    renamed = [{"name": "Drift", "key": 1}, {"name": "Bias", "key": 2}]
    assert natural_key(renamed, renamed) == "name"
    assert natural_key([{"id": "R-1"}], [{"id": "R-1"}, {"title": "no id"}]) is None  # not in every element
    assert natural_key([{"id": True}], [{"id": True}]) is None  # a flag names nothing
    assert natural_key([{"control": "A.2.2"}, {"control": "A.2.2"}], []) is None  # not unique


def test_decisions_by_id_with_nested_mappings_by_dotted_path() -> None:
    before = {"decisions": [{"id": "D-1", "text": "Hire.", "owner": {"role": "ceo", "team": "board"}}],
              "meta": {"review": {"cycle": 12}, "scope": "all"}}
    after = {"decisions": [{"id": "D-1", "text": "Hire.", "owner": {"role": "cto", "team": "board"}}],
             "meta": {"review": {"cycle": 6}, "scope": "all", "extra": None}}
    assert rows(before, after) == [
        ("decisions D-1 · owner.role", "ceo", "cto"),
        ("meta.review.cycle", "12", "6"),
        ("meta.extra", "", "null"),  # an explicit null is not the same as absent
    ]


def test_a_plain_list_marks_the_items_that_went_and_came() -> None:
    [change] = field_changes({"related": ["A", "B", "B", "C"]}, {"related": ["C", "B", "D"]})
    assert (change.before, change.after) == ("A, B, B, C", "C, B, D")
    assert change.before_items == (Item("A", True), Item("B"), Item("B", True), Item("C"))
    assert change.after_items == (Item("C"), Item("B"), Item("D", True))
    # Only reordered: a change, with nothing marked.
    [moved] = field_changes({"related": ["A", "B"]}, {"related": ["B", "A"]})
    assert moved.after_items == (Item("B"), Item("A"))
    # A sub-field of an element that is a plain list is marked the same way.
    [inner] = field_changes({"e": [{"id": "X", "by": ["P"]}]}, {"e": [{"id": "X", "by": ["P", "Q"]}]})
    assert inner.name == "e X · by" and inner.after_items == (Item("P"), Item("Q", True))


def test_mappings_without_a_key_are_compared_by_position_matched_around_an_insertion() -> None:
    before = {"steps": [{"do": "plan"}, {"do": "build"}, {"do": "test", "who": "qa"}]}
    after = {"steps": [{"do": "plan"}, {"do": "review"}, {"do": "build"}, {"do": "test", "who": "ml"}]}
    assert rows(before, after) == [
        ("steps [2]", "", "do: review"),
        ("steps [4] · who", "qa", "ml"),
    ]
    assert rows({"steps": [{"do": "a"}, {"do": "b"}]}, {"steps": [{"do": "a"}]}) == [
        ("steps [old 2]", "do: b", "")]


def test_scalars_whole_fields_and_changes_of_shape_stay_one_row() -> None:
    before = {"version": "1.0", "approved_on": date(2026, 11, 30), "same": "x", "gone": 1,
              "shape": [{"id": "A"}], "mixed": ["a", {"b": 1}], "day": "2026-12-02"}
    after = {"version": "1.1", "approved_on": date(2026, 12, 2), "same": "x", "shape": "none",
             "mixed": ["a", {"b": 2}], "new": [{"id": "N", "v": 1}], "day": date(2026, 12, 2)}
    assert rows(before, after) == [
        ("version", "1.0", "1.1"),
        ("approved_on", "2026-11-30", "2026-12-02"),
        ("gone", "1", ""),  # a removed field after the one it followed
        ("shape", '[{"id": "A"}]', "none"),
        ("mixed", '["a", {"b": 1}]', '["a", {"b": 2}]'),
        ("new N", "", "v: 1"),  # a new list of keyed mappings: its elements, each one row
    ]
    assert field_changes({"a": [1]}, {"a": [1]}) == []
    assert field_changes({}, {"related": ["X"]}) == [FieldChange("related", "", "X")]


def _shallow() -> str | None:
    done = subprocess.run(["git", "-C", str(PROJECT), "rev-parse", "--is-shallow-repository"],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        return "not a git repository (an unpacked source archive)"
    return "a shallow clone" if done.stdout.strip() == "true" else None


def test_the_example_soa_changes_page_shows_a_7_3_becoming_applicable(tmp_path: Path) -> None:
    reason = _shallow()
    if reason:
        pytest.skip(f"needs this repository's full history: {reason}")
    out = tmp_path / "staged"
    assert main(["render", "--root", str(PROJECT), "--today", TODAY, "--out", str(out),
                 "--audience", "all"]) == 0
    page = (out / "versions/policies/statement-of-applicability/v1.5-changes.md").read_text(encoding="utf-8")
    fields = page.split("## Front matter", 1)[1].split("## Body", 1)[0]
    assert "<td><code>entries A.7.3 · applicable</code></td><td>false</td><td>true</td>" in fields
    assert ("<td><code>entries A.7.3 · reasons</code></td><td><del>not-relevant</del></td>"
            "<td><ins>risk-treatment</ins>, <ins>legal-requirement</ins></td>") in fields
    assert ("<td><code>entries A.7.3 · implementation</code></td><td><em>(none)</em></td>"
            "<td>partial</td>") in fields
    assert "<ins>REC-006</ins>, <ins>REC-007</ins>" in fields  # related: the two records it came to cite
    assert "<code>entries A.2.4" not in fields  # an unchanged entry has no row
    assert "&quot;control&quot;" not in fields and '"control"' not in fields  # no JSON dump of the list
    # In the newer version's order: A.7.3 before A.8.3, each entry's sub-fields as written.
    assert fields.index("entries A.7.3 · applicable") < fields.index("entries A.7.3 · justification")
    assert fields.index("entries A.7.3 ·") < fields.index("entries A.8.3 ·")


HOSTILE = "<img src=x onerror=alert(1)> & clinic data"


def test_a_re_approved_soa_shows_its_changed_entry_escaped(tmp_path: Path) -> None:
    root = starter_repo(tmp_path / "repo")
    path = root / "policies/statement-of-applicability.md"
    text = path.read_text(encoding="utf-8")
    found = re.search(r'^version: "(\d+)\.(\d+)"$', text, re.MULTILINE)
    assert found and "related: [PRO-002," in text
    old, new = f"{found[1]}.{found[2]}", f"{found[1]}.{int(found[2]) + 1}"
    entry = re.search(r"(  - control: A\.7\.3\n(?:    .*\n)*?    justification: )(\".*\")\n", text)
    assert entry
    text = text.replace(found[0], f'version: "{new}"').replace(entry[0], f'{entry[1]}"{HOSTILE}"\n')
    path.write_text(text.replace("related: [PRO-002,", "related: [POL-001, PRO-002,"), encoding="utf-8")
    commit_all(root, f"Approve the SoA {new}\n\nApproved-by: Dana Reyes <dana@fennwick.example>\n",
               "2026-12-02T11:00:00+00:00")
    out = tmp_path / "staged"
    assert main(["render", "--root", str(root), "--today", TODAY, "--out", str(out),
                 "--audience", "all"]) == 0
    folder = out / "versions/policies/statement-of-applicability"
    page = (folder / f"v{new}-changes.md").read_text(encoding="utf-8")
    fields = page.split("## Front matter", 1)[1].split("## Body", 1)[0]
    assert f"<td><code>version</code></td><td>{old}</td><td>{new}</td>" in fields
    assert ("<td><code>entries A.7.3 · justification</code></td><td>Development data comes from outside"
            in fields)
    assert "<td>&lt;img src=x onerror=alert(1)&gt; &amp; clinic data</td></tr>" in fields
    assert "<img" not in page
    assert "<td><code>related</code></td><td>PRO-002, " in fields
    assert "<td><ins>POL-001</ins>, PRO-002" in fields
    assert fields.count("<tr><td><code>entries") == 1  # the one entry that changed
