"""`aims-lint review`: the edited values change, and not one other byte does.

The property tests generate documents as a list of literal pieces and value
slots (varied quoting, comments, blank lines, key order, LF or CRLF, a BOM,
any body). The expected output is built from the same pieces with the new
values in the slots, so the check does not depend on how the editor finds them.
"""

from __future__ import annotations

import codecs
import json
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aims_lint.cli import main
from aims_lint.commands.review import ReviewRequest, planned_values
from aims_lint.dates import add_months
from aims_lint.discover import Candidate
from aims_lint.document import load
from aims_lint.editing import EditError, edit_bytes
from aims_lint.frontmatter import parse
from aims_lint.schemas import SchemaSet, load_schemas
from tests.conftest import PROJECT, TODAY, new_repo, run_lint

ROLES = ["top-management", "aims-manager", "ciso", "dpo", "ml-lead"]
PATH = "policies/generated.md"
# Characters a person may type in a title, comment or body; no line breaks of any kind.
TEXT = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn", "Cf"))


@dataclass(frozen=True)
class Slot:
    key: str
    style: str  # "", '"' or "'"


def literal(value: str, style: str) -> str:
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    return value


@dataclass(frozen=True)
class Generated:
    pieces: tuple[str | Slot, ...]
    values: dict[str, str]  # current value of each slot
    eol: str
    bom: bool
    cycle: int

    def render(self, new: dict[str, str] | None = None) -> bytes:
        out = []
        for piece in self.pieces:
            if isinstance(piece, Slot):
                value = (new or {}).get(piece.key, self.values[piece.key])
                out.append(literal(value, piece.style))
            else:
                out.append(piece)
        return (codecs.BOM_UTF8 if self.bom else b"") + "".join(out).encode("utf-8")


def dates() -> st.SearchStrategy[str]:
    return st.dates(date(2019, 1, 1), date(2027, 12, 31)).map(date.isoformat)


@st.composite
def documents(draw: st.DrawFn) -> Generated:
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    comment = st.text(TEXT, max_size=20).map(lambda t: "# " + t.strip())
    editable: dict[str, st.SearchStrategy[str]] = {
        "status": st.sampled_from(["draft", "in-review", "approved"]),
        "version": st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 20), st.integers(0, 30)),
        "approver": st.sampled_from(ROLES),
        "approved_on": dates(),
        "last_reviewed": dates(),
        "next_review": dates(),
    }
    optional = {"approved_on", "last_reviewed", "next_review"}
    keys = [k for k in editable if k not in optional or draw(st.booleans())]
    cycle = draw(st.integers(1, 12))
    has_cycle = draw(st.booleans())
    fixed = [
        "id: POL-777",
        "type: policy",
        f"owner: {draw(st.sampled_from(ROLES))}",
        "title: " + literal(draw(st.text(TEXT, min_size=3, max_size=30)), draw(st.sampled_from(['"', "'"]))),
        draw(st.sampled_from(["classification: internal", "classification: 'public'"])),
        draw(st.sampled_from(["clauses: [\"5.2\", '6.2']", 'clauses:\n  - "5.2"\n  - "9.3"', "clauses: []"])),
        draw(
            st.sampled_from(
                ["", "summary: >-\n  Folded text\n  over two lines", 'summary: "a: b # not a comment"']
            )
        ),
        f"review_cycle_months: {cycle}" if has_cycle else "",
    ]
    entries: list[str | tuple[str, str]] = [line for line in fixed if line]
    entries += [(key, "") for key in keys]
    order = draw(st.permutations(entries))
    pieces: list[str | Slot] = ["---" + eol]
    values: dict[str, str] = {}
    for entry in order:
        if draw(st.booleans()):
            pieces.append(draw(st.sampled_from(["", draw(comment)])) + eol)  # blank or comment line
        if isinstance(entry, str):
            pieces.append(entry.replace("\n", eol) + eol)
            continue
        key = entry[0]
        values[key] = draw(editable[key])
        styles = ['"', "'"] if key == "version" else ["", '"', "'"]
        pieces.append(f"{key}:{draw(st.sampled_from([' ', '  ', '   ']))}")
        pieces.append(Slot(key, draw(st.sampled_from(styles))))
        pieces.append(draw(st.sampled_from(["", " ", "  " + draw(comment)])) + eol)
    pieces.append(draw(st.sampled_from(["---", "---  "])) + eol)
    body_lines = draw(
        st.lists(st.text(TEXT, max_size=40) | st.sampled_from(["---", "key: value", "# h"]), max_size=6)
    )
    pieces.append(eol.join(body_lines) + draw(st.sampled_from(["", eol])))
    return Generated(tuple(pieces), values, eol, draw(st.booleans()), cycle if has_cycle else 12)


@st.composite
def requests(draw: st.DrawFn) -> ReviewRequest:
    mode = draw(st.sampled_from(["review", "approve", "minor", "major"]))
    return ReviewRequest(
        "POL-777",
        draw(st.sampled_from(ROLES)),
        draw(st.dates(date(2020, 1, 1), TODAY)),
        bump=mode if mode in ("minor", "major") else None,
        approve=mode == "approve",
    )


def expected_values(doc: Generated, request: ReviewRequest) -> dict[str, str]:
    values = {
        "last_reviewed": request.on.isoformat(),
        "next_review": add_months(request.on, doc.cycle).isoformat(),
    }
    if request.bump or request.approve:
        values |= {"status": "approved", "approver": request.by, "approved_on": request.on.isoformat()}
    if request.bump:
        major, minor = (int(p) for p in doc.values["version"].split("."))
        values["version"] = f"{major + 1}.0" if request.bump == "major" else f"{major}.{minor + 1}"
    return values


def assert_only_values_changed(doc: Generated, request: ReviewRequest, out: bytes) -> None:
    new = expected_values(doc, request)
    assert out.startswith(codecs.BOM_UTF8) == doc.bom
    text = out.decode("utf-8-sig")
    closing = text.index(doc.eol + "---", 3)
    for key in sorted(set(new) - set(doc.values)):  # keys the document did not have get one new line
        line = f"{key}: {new[key]}{doc.eol}"
        at = text.find(doc.eol + line)
        assert 0 <= at < closing, f"{key} was not inserted into the front matter"
        text = text[: at + len(doc.eol)] + text[at + len(doc.eol) + len(line) :]
        closing -= len(line)
    assert text.encode("utf-8") == doc.render(new).removeprefix(codecs.BOM_UTF8)
    data = parse(out, max_bytes=1 << 20).data
    assert data is not None and {k: data[k] for k in new} == new


@cache
def schemas() -> SchemaSet:
    return load_schemas(PROJECT, "schemas")


@settings(max_examples=300, deadline=None)
@given(documents(), requests())
def test_editing_leaves_every_other_byte_unchanged(doc: Generated, request: ReviewRequest) -> None:
    """The review pipeline (read, plan the values, edit the bytes) over many documents."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / PATH
        path.parent.mkdir()
        path.write_bytes(doc.render())
        source = load(Candidate(PATH, path), schemas(), 1 << 20)
        assert source.parsed.problems == []
        out = edit_bytes(doc.render(), planned_values(source, request))
    assert_only_values_changed(doc, request, out)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), requests())
def test_review_command_leaves_every_other_byte_unchanged(doc: Generated, request: ReviewRequest) -> None:
    """The same property through `aims-lint review` on a file in a repository."""
    with tempfile.TemporaryDirectory() as folder:
        root = new_repo(Path(folder) / "repo", {PATH: doc.render(), "policies/ai-policy.md": None})
        args = [
            "review",
            "POL-777",
            "--by",
            request.by,
            "--date",
            request.on.isoformat(),
            "--today",
            TODAY.isoformat(),
            "--root",
            str(root),
        ]
        args += ["--bump", request.bump] if request.bump else (["--approve"] if request.approve else [])
        assert main(args) == 0
        assert_only_values_changed(doc, request, (root / PATH).read_bytes())
        assert sorted(p.name for p in (root / "policies").iterdir()) == ["generated.md", "roles.md"]


# Examples, for the behaviour around the edit.


@pytest.fixture
def repo_root(tmp_path: Path) -> Path:
    return new_repo(tmp_path / "repo")


def test_review_clears_the_overdue_finding(repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    today = date(2027, 1, 20)
    assert [f.rule for f in run_lint(repo_root, today, select=("AIMS4",)).findings] == ["AIMS401"]
    assert (
        main(
            [
                "review",
                "POL-001",
                "--by",
                "aims-manager",
                "--today",
                today.isoformat(),
                "--root",
                str(repo_root),
            ]
        )
        == 0
    )
    assert (
        "policies/ai-policy.md: last_reviewed 2027-01-20, next_review 2028-01-20" in capsys.readouterr().err
    )
    assert run_lint(repo_root, today, select=("AIMS4",)).findings == []


def test_month_end_reviews_clamp(repo_root: Path) -> None:
    assert (
        main(
            [
                "review",
                "policies/ai-policy.md",
                "--by",
                "ciso",
                "--date",
                "2027-01-31",
                "--today",
                "2027-02-01",
                "--root",
                str(repo_root),
            ]
        )
        == 0
    )
    text = (repo_root / "policies" / "ai-policy.md").read_text(encoding="utf-8")
    assert "\nnext_review: 2028-01-31\n" in text
    assert (
        main(
            [
                "review",
                "POL-001",
                "--by",
                "ciso",
                "--date",
                "2028-02-29",
                "--today",
                "2028-03-01",
                "--root",
                str(repo_root),
            ]
        )
        == 0
    )
    assert "\nnext_review: 2029-02-28\n" in (repo_root / "policies" / "ai-policy.md").read_text("utf-8")


def test_message_trailers_name_the_holder_and_read_back_from_history(
    repo_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from aims_lint.history.trailers import parse_trailers

    assert (
        main(
            [
                "review",
                "POL-001",
                "--by",
                "top-management",
                "--bump",
                "minor",
                "--message",
                "--today",
                "2026-06-01",
                "--root",
                str(repo_root),
            ]
        )
        == 0
    )
    message = capsys.readouterr().out
    assert message.splitlines()[0] == "Approve POL-001 AI policy version 1.1"
    trailers = parse_trailers(message)
    person = "Mara Lindqvist <mara.lindqvist@fennwick.example>"
    assert ("Reviewed-by", person) in trailers and ("Approved-by", person) in trailers
    text = (repo_root / "policies" / "ai-policy.md").read_text(encoding="utf-8")
    for line in ('version: "1.1"', "approver: top-management", "approved_on: 2026-06-01", "status: approved"):
        assert f"\n{line}\n" in text


def test_a_plain_review_message_has_no_approval(repo_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "review",
                "POL-001",
                "--by",
                "aims-manager",
                "--message",
                "--today",
                "2026-06-01",
                "--root",
                str(repo_root),
            ]
        )
        == 0
    )
    message = capsys.readouterr().out
    assert message.startswith("Review POL-001 AI policy\n")
    assert "Reviewed-by: Tomás Ferreira <tomas.ferreira@fennwick.example>" in message
    assert "Approved-by" not in message


BROKEN = {
    "duplicate key": "---\nid: POL-001\nid: POL-002\n---\n",
    "unclosed": "---\nid: POL-001\ntitle: x\n",
    "syntax": "---\nid: POL-001\ntitle: [unclosed\n---\n",
    "mixed line endings": "---\r\nid: POL-001\ntitle: AI policy\r\n---\r\n",
}


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
def test_a_file_that_fails_to_parse_is_refused_untouched(
    repo_root: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    path = repo_root / "policies" / "ai-policy.md"
    path.write_bytes(content.encode("utf-8"))
    code = main(
        ["review", "policies/ai-policy.md", "--by", "ciso", "--today", "2026-06-01", "--root", str(repo_root)]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("policies/ai-policy.md:") and "does not parse; not editing it" in err
    assert path.read_bytes() == content.encode("utf-8")


@pytest.mark.parametrize(
    ("header", "why"),
    [
        ("next_review: >-\n  2027-01-10\n", "written over several lines"),
        ("next_review: !!str 2027-01-10\n", "tag or anchor"),
        ("next_review: [2027-01-10]\n", "holds a list or mapping"),
    ],
)
def test_values_it_cannot_edit_exactly_are_refused(
    repo_root: Path, capsys: pytest.CaptureFixture[str], header: str, why: str
) -> None:
    path = repo_root / "policies" / "ai-policy.md"
    original = path.read_text(encoding="utf-8").replace("next_review: 2027-01-10\n", header)
    path.write_text(original, encoding="utf-8")
    assert main(["review", "POL-001", "--by", "ciso", "--today", "2026-06-01", "--root", str(repo_root)]) == 1
    assert why in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == original


def test_write_is_atomic_and_keeps_the_file_mode(repo_root: Path) -> None:
    path = repo_root / "policies" / "ai-policy.md"
    path.chmod(0o640)
    assert main(["review", "POL-001", "--by", "ciso", "--today", "2026-06-01", "--root", str(repo_root)]) == 0
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["ai-policy.md", "roles.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "nobody"], "unknown role 'nobody'"),
        (["--by", "ciso", "--date", "2026-06-02"], "is after today"),
        (["--by", "ciso", "--date", "June"], "'June' is not a date"),
    ],
)
def test_usage_errors(
    repo_root: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = (repo_root / "policies" / "ai-policy.md").read_bytes()
    assert main(["review", "POL-001", *args, "--today", "2026-06-01", "--root", str(repo_root)]) == 2
    assert message in capsys.readouterr().err
    assert (repo_root / "policies" / "ai-policy.md").read_bytes() == before


def test_editor_refuses_a_flow_mapping_header() -> None:
    with pytest.raises(EditError, match="flow mapping"):
        edit_bytes(b"---\n{id: POL-001, next_review: 2026-01-01}\n---\n", {"next_review": "2027-01-01"})


def test_missing_keys_go_next_to_their_neighbours() -> None:
    header = (
        "---\r\nid: POL-009  # keep\r\ntitle: Draft\r\nstatus: draft\r\nversion: '0.1'\r\n"
        "approver: ciso\r\n# the schedule\r\nreview_cycle_months: 6\r\nclauses: []\r\n---\r\nBody\r\n"
    )
    values = {
        "status": "approved",
        "version": "1.0",
        "approver": "dpo",
        "approved_on": "2026-05-31",
        "last_reviewed": "2026-05-31",
        "next_review": "2026-11-30",
    }
    out = edit_bytes(header.encode("utf-8"), values).decode("utf-8")
    assert out == (
        "---\r\nid: POL-009  # keep\r\ntitle: Draft\r\nstatus: approved\r\nversion: '1.0'\r\n"
        "approver: dpo\r\napproved_on: 2026-05-31\r\nlast_reviewed: 2026-05-31\r\n# the schedule\r\n"
        "review_cycle_months: 6\r\nnext_review: 2026-11-30\r\nclauses: []\r\n---\r\nBody\r\n"
    )
