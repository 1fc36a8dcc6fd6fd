"""`aims-lint adopt`: front matter in front of existing Markdown, body bytes untouched.

Real repositories in temporary folders (the complete test system, whose
highest ids are POL-002, PRO-003 and REC-012); each test adopts files and
reads back the bytes, the command's output and what `check` then says.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aims_lint.adopting import Header, adopted_bytes, has_front_matter
from aims_lint.cli import main
from aims_lint.frontmatter import parse
from aims_lint.results import Severity
from tests.complete_aims import TODAY, complete_files
from tests.conftest import new_repo, run_lint, write_files

DAY = TODAY.isoformat()

BODIES = {
    "lf": b"# Acceptable use of AI\n\nStaff may use approved assistants.\n",
    "crlf": b"# Acceptable use of AI\r\n\r\nStaff may use approved assistants.\r\n",
    "no final newline": b"# Acceptable use of AI\n\nStaff may use approved assistants.",
    "bom": codecs.BOM_UTF8 + b"# Acceptable use of AI\n\nText.\n",
    "bom and crlf": codecs.BOM_UTF8 + b"# Acceptable use of AI\r\n\r\nText.",
    "unicode": "# Acceptable use of AI\n\nPolítica für KI — 人工知能 🤖\u00a0nbsp\n".encode(),
    "trailing spaces and tabs": b"# Acceptable use of AI  \n\n\tcode block\n   \n",
    "old mac line endings": b"# Acceptable use of AI\r\rText.\r",
    "blank lines first": b"\n\n# Acceptable use of AI\n",
}


@pytest.fixture
def complete(tmp_path: Path) -> Path:
    return new_repo(tmp_path / "repo", complete_files())


def adopt(root: Path, *args: str) -> int:
    return main(["adopt", *args, "--today", DAY, "--root", str(root)])


def header_of(raw: bytes) -> bytes:
    """The front matter block, fences included, of an adopted file (after any BOM)."""
    text = raw.removeprefix(codecs.BOM_UTF8)
    closing = re.search(rb"(\r\n|\r|\n)---(\r\n|\r|\n)", text)
    assert closing is not None
    return text[: closing.end()]


def findings(root: Path, path: str) -> list[tuple[str, str, str]]:
    result = run_lint(root, TODAY, ignore=("AIMS907",))  # no git repository in these tests
    return [(f.rule, f.severity.value, f.message) for f in result.findings if f.path == path]


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_the_body_keeps_every_byte(complete: Path, body: bytes) -> None:
    write_files(complete, {"policies/acceptable-use.md": body})
    assert adopt(complete, str(complete / "policies" / "acceptable-use.md")) == 0
    raw = (complete / "policies" / "acceptable-use.md").read_bytes()
    bom = codecs.BOM_UTF8 if body.startswith(codecs.BOM_UTF8) else b""
    assert raw.startswith(bom + b"---")
    assert raw == bom + header_of(raw) + body.removeprefix(bom)
    parsed = parse(raw, max_bytes=1 << 20)
    # Lone CRs are AIMS012 whatever adopt does (the parser wants LF or CRLF); nothing else is found.
    lone_cr = b"\r" in body.replace(b"\r\n", b"")
    assert [p.rule for p in parsed.problems] == (["mixed-line-endings"] if lone_cr else [])
    assert parsed.data is not None and parsed.data["title"] == "Acceptable use of AI"
    # The header speaks the file's own line ending, so no mixed endings are introduced.
    ending = re.search(rb"\r\n|\r|\n", body.removeprefix(bom))
    assert ending is not None
    endings = re.findall(rb"\r\n|\r|\n", header_of(raw))
    assert set(endings) == {ending.group()}


def test_the_adopted_policy_has_the_known_fields_and_named_placeholders(
    complete: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(complete, {"policies/acceptable-use.md": BODIES["lf"]})
    assert adopt(complete, "--owner", "ml-lead", str(complete / "policies")) == 0
    text = (complete / "policies" / "acceptable-use.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\n"
        "id: POL-003\n"
        "title: Acceptable use of AI\n"
        "type: policy\n"
        "status: draft\n"
        'version: "0.1"\n'
        "owner: ml-lead\n"
        "approver: top-management\n"
        'classification: "TODO: one of public, internal, confidential"\n'
        "last_reviewed: 2026-11-22\n"
        "next_review: 2027-11-22\n"
        'clauses: "TODO: a list; Clauses this policy addresses, e.g. \\"5.2\\" (ISO/IEC 42001)'
        ' or \\"ISO27001:6.1.3\\""\n'
        "---\n# Acceptable use of AI\n"
    )
    out = capsys.readouterr().out
    first = 'adopted policies/acceptable-use.md as policy POL-003 "Acceptable use of AI"'
    assert out.splitlines()[0] == first
    assert "  to fill in: classification: one of public, internal, confidential\n" in out
    assert ('  to fill in: clauses: a list; Clauses this policy addresses, e.g. "5.2" (ISO/IEC 42001)'
            ' or "ISO27001:6.1.3"\n') in out
    assert "adopted 1, skipped" in out


def test_check_reports_each_placeholder_as_a_to_do_and_nothing_else(complete: Path) -> None:
    write_files(complete, {"records/2025-audit.md": "# Internal audit 2025\n\nAll clauses audited.\n"})
    assert adopt(complete, str(complete / "records" / "2025-audit.md")) == 0
    got = findings(complete, "records/2025-audit.md")
    assert [(rule, severity) for rule, severity, _ in got] == [("AIMS108", "error")] * 5
    assert [message.split("'")[1] for _, _, message in got] == [
        "record_kind", "classification", "event_date", "retention_years", "clauses"
    ]


def test_filling_in_the_placeholders_clears_the_findings(complete: Path) -> None:
    path = complete / "policies" / "acceptable-use.md"
    write_files(complete, {"policies/acceptable-use.md": BODIES["lf"]})
    assert adopt(complete, str(path)) == 0
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'classification: ".*"', "classification: internal", text)
    text = re.sub(r'clauses: ".*"', 'clauses: ["5.2"]', text)
    path.write_text(text, encoding="utf-8")
    assert [f for f in findings(complete, "policies/acceptable-use.md") if f[1] == Severity.ERROR.value] == []


def test_several_files_get_distinct_ids_in_path_order(complete: Path) -> None:
    write_files(complete, {
        "policies/b.md": "# Second\n", "policies/a.md": "# First\n", "procedures/c.md": "# Third\n"
    })
    assert adopt(complete, str(complete / "policies"), str(complete / "procedures" / "c.md")) == 0
    ids = {name: parse((complete / name).read_bytes(), max_bytes=1 << 20).data["id"]  # type: ignore[index]
           for name in ("policies/a.md", "policies/b.md", "procedures/c.md")}
    assert ids == {"policies/a.md": "POL-003", "policies/b.md": "POL-004", "procedures/c.md": "PRO-004"}
    assert not any(rule == "AIMS201" for rule, _, _ in findings(complete, "policies/b.md"))


def test_a_second_run_changes_nothing_and_reports_skips(
    complete: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(complete, {"policies/a.md": "# First\n"})
    assert adopt(complete, str(complete / "policies" / "a.md")) == 0
    before = {p: p.read_bytes() for p in (complete / "policies").iterdir()}
    stamps = {p: p.stat().st_mtime_ns for p in before}
    capsys.readouterr()
    assert adopt(complete, str(complete / "policies")) == 0
    assert {p: p.read_bytes() for p in before} == before
    assert {p: p.stat().st_mtime_ns for p in before} == stamps
    out = capsys.readouterr().out
    assert "skipped policies/a.md: it already has front matter\n" in out
    assert "adopted 0, skipped" in out and "could not adopt 0" in out


def test_a_file_with_broken_front_matter_is_skipped_not_rewritten(complete: Path) -> None:
    broken = b"---\ntitle: [unclosed\n# Heading\n"
    write_files(complete, {"policies/broken.md": broken})
    assert adopt(complete, str(complete / "policies" / "broken.md")) == 0
    assert (complete / "policies" / "broken.md").read_bytes() == broken


def test_front_matter_in_lone_cr_line_endings_is_seen_as_check_sees_it(complete: Path) -> None:
    """`check` ends a line at a lone CR (old Mac files), so its header is a header to adopt too:
    adopt must leave the file alone, not write a second header in front of the first."""
    old_mac = b"---\rtitle: Kept\r---\r# Heading\r"
    assert parse(old_mac, max_bytes=1 << 20).data == {"title": "Kept"}
    assert has_front_matter(old_mac)
    write_files(complete, {"policies/old-mac.md": old_mac})
    assert adopt(complete, str(complete / "policies" / "old-mac.md")) == 0
    assert (complete / "policies" / "old-mac.md").read_bytes() == old_mac


def test_an_unreadable_file_gives_exit_2_and_the_others_are_still_adopted(
    complete: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(complete, {
        "policies/a.md": "# First\n",
        "policies/latin1.md": "# Pol\xedtica\n".encode("latin-1"),
        "policies/z.md": "# Last\n",
        "notes/outside.md": "# Not a document folder\n",
    })
    os.symlink(complete / "policies" / "a.md", complete / "policies" / "link.md")
    assert adopt(complete, str(complete / "policies"), str(complete / "notes" / "outside.md"),
                 str(complete / "policies" / "missing.md")) == 2
    captured = capsys.readouterr()
    assert "cannot adopt policies/latin1.md: is not UTF-8 (byte 0xed at offset 5)" in captured.err
    assert "cannot adopt policies/link.md: it is a symbolic link" in captured.err
    assert "cannot adopt notes/outside.md: it is not under the document folders" in captured.err
    assert "cannot adopt policies/missing.md: no such file" in captured.err
    assert "adopted 2, skipped 4, could not adopt 4\n" in captured.out  # AI policy, roles, scope, SoA
    assert (complete / "policies" / "z.md").read_bytes().startswith(b"---\nid: POL-004\n")
    assert (complete / "policies" / "link.md").is_symlink()


def test_a_file_without_read_permission_gives_exit_2(
    complete: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = complete / "policies" / "secret.md"
    path.write_bytes(b"# Secret\n")
    path.chmod(0)
    try:
        path.open("rb").close()
        pytest.skip("this user reads any file; permission cases need an ordinary user")
    except PermissionError:
        pass
    assert adopt(complete, str(path)) == 2
    assert "cannot adopt policies/secret.md: cannot read it: Permission denied" in capsys.readouterr().err


def test_title_comes_from_the_first_heading_outside_code(complete: Path) -> None:
    write_files(complete, {
        "policies/fenced.md": "Intro line.\n\n```sh\n# not a heading\n```\n\n## Real title ##\n",
        "policies/setext.md": "Data handling\n=============\n\nText.\n",
        "policies/none.md": "Just some prose, no heading.\n",
        # A four-backtick fence shows a three-backtick one: only ```` closes it.
        "policies/nested.md": "````md\n```\n# Inside the example\n```\n````\n\n# Outside title\n",
        # A fence in a list item is indented past three spaces, and is still code.
        "policies/listed.md": "1. Run:\n\n    ```\n    # a shell comment\n    ```\n\nList title\n---\n",
    })
    assert adopt(complete, str(complete / "policies")) == 0

    def data(name: str) -> dict[str, object]:
        parsed = parse((complete / "policies" / name).read_bytes(), max_bytes=1 << 20)
        assert parsed.data is not None
        return parsed.data

    assert data("fenced.md")["title"] == "Real title"
    assert data("setext.md")["title"] == "Data handling"
    assert data("none.md")["title"] == "TODO: text of at least 3 characters"
    assert data("nested.md")["title"] == "Outside title"
    assert data("listed.md")["title"] == "List title"
    to_do = "'title' is still a placeholder; fill in text of at least 3 characters"
    assert ("AIMS108", "error", to_do) in findings(complete, "policies/none.md")


def test_a_title_yaml_would_misread_is_quoted(complete: Path) -> None:
    write_files(complete, {"policies/odd.md": '# Yes: "no" # really\n'})
    assert adopt(complete, str(complete / "policies" / "odd.md")) == 0
    parsed = parse((complete / "policies" / "odd.md").read_bytes(), max_bytes=1 << 20)
    assert parsed.data is not None and parsed.data["title"] == 'Yes: "no" # really'


def test_the_type_comes_from_the_schema_folders_deepest_first(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo", complete_files())
    schema = root / "schemas" / "procedure.schema.yaml"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace("[procedures]", "[policies/how-to, procedures]"), encoding="utf-8")
    write_files(root, {"policies/how-to/onboarding.md": "# Onboarding\n", "policies/rules.md": "# Rules\n"})
    assert adopt(root, str(root / "policies")) == 0
    assert b"\ntype: procedure\n" in (root / "policies" / "how-to" / "onboarding.md").read_bytes()
    assert b"\ntype: policy\n" in (root / "policies" / "rules.md").read_bytes()


def test_type_option_overrides_the_guess_and_refuses_structured_types(complete: Path) -> None:
    write_files(complete, {"policies/steps.md": "# Steps\n"})
    assert adopt(complete, "--type", "roles", str(complete / "policies" / "steps.md")) == 2
    assert (complete / "policies" / "steps.md").read_bytes() == b"# Steps\n"
    assert adopt(complete, "--type", "procedure", str(complete / "policies" / "steps.md")) == 0
    assert b"\nid: PRO-004\n" in (complete / "policies" / "steps.md").read_bytes()


def test_an_unknown_owner_is_a_usage_error_and_nothing_is_written(complete: Path) -> None:
    write_files(complete, {"policies/a.md": "# First\n"})
    assert adopt(complete, "--owner", "nobody", str(complete / "policies" / "a.md")) == 2
    assert (complete / "policies" / "a.md").read_bytes() == b"# First\n"


def test_a_folder_outside_the_repository_is_refused(complete: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.md").write_bytes(b"# X\n")
    assert adopt(complete, str(outside / "x.md")) == 2
    assert (outside / "x.md").read_bytes() == b"# X\n"


def test_the_file_mode_is_kept(complete: Path) -> None:
    write_files(complete, {"policies/a.md": "# First\n"})
    (complete / "policies" / "a.md").chmod(0o640)
    assert adopt(complete, str(complete / "policies" / "a.md")) == 0
    assert (complete / "policies" / "a.md").stat().st_mode & 0o777 == 0o640


def test_adopted_init_documents_check_with_to_dos_only(tmp_path: Path) -> None:
    """The journey: init, drop in an old policy, adopt it; check lists its to-dos as errors."""
    root = tmp_path / "aims"
    assert main(["init", str(root), "--today", DAY]) == 0
    (root / "policies" / "old.md").write_bytes(b"# Old policy\r\n\r\nKept as Word once.\r\n")
    assert adopt(root, str(root / "policies" / "old.md")) == 0
    got = findings(root, "policies/old.md")
    assert {rule for rule, severity, _ in got if severity == "error"} <= {"AIMS108", "AIMS302"}
    assert sum(rule == "AIMS108" for rule, _, _ in got) == 2


def test_control_characters_never_reach_the_title_or_the_terminal(
    complete: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(complete, {"policies/odd\x1b[31m.md": "# Red \x1b[31malert\u2028 title\n"})
    assert adopt(complete, str(complete / "policies")) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert 'adopted policies/odd\\x1b[31m.md as policy POL-003 "Red [31malert title"' in out
    parsed = parse((complete / "policies" / "odd\x1b[31m.md").read_bytes(), max_bytes=1 << 20)
    assert parsed.problems == [] and parsed.data is not None
    assert parsed.data["title"] == "Red [31malert title"


HEADER = Header({"id": "POL-003", "title": "T: \"quoted\" # not a comment", "type": "policy",
                 "classification": "TODO: one of public, internal, confidential"},
                {"classification": "TODO: one of public, internal, confidential"})
LINE_ENDINGS = st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x85"])
ANY_TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"))
PIECES = st.one_of(ANY_TEXT, LINE_ENDINGS, st.just("---"), st.just("# Title"))
BODY_TEXT = st.lists(PIECES, max_size=12).map("".join)


@settings(max_examples=200, deadline=None)
@given(BODY_TEXT, st.booleans())
def test_any_body_is_kept_byte_for_byte_behind_a_header_that_parses(text: str, bom: bool) -> None:
    raw = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    if has_front_matter(raw):
        return  # adopt skips such a file before it gets here
    result = adopted_bytes(raw, HEADER, 1 << 20)
    prefix = codecs.BOM_UTF8 if bom else b""
    body = raw.removeprefix(prefix)
    head = result[len(prefix) : len(result) - len(body)]
    assert result == prefix + head + body
    assert head.startswith(b"---") and re.search(rb"(\r\n|\r|\n)---(\r\n|\r|\n)\Z", head)
    parsed = parse(result, max_bytes=1 << 20)
    assert parsed.data == HEADER.fields
    assert {p.rule for p in parsed.problems} <= {"mixed-line-endings"}


def test_a_folder_stands_for_the_documents_below_it(
    complete: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(complete, {
        "README.md": "# About this repository\n",
        "policies/new.md": "# New policy\n",
        "policies/drafts/excluded.md": "# Excluded\n",
        "pyproject.toml": '[tool.aims_lint]\nexclude = ["policies/drafts/*"]\n',
    })
    assert adopt(complete, str(complete)) == 0
    assert (complete / "README.md").read_bytes() == b"# About this repository\n"
    assert (complete / "policies" / "drafts" / "excluded.md").read_bytes() == b"# Excluded\n"
    assert (complete / "policies" / "new.md").read_bytes().startswith(b"---\nid: POL-003\n")
    assert "README" not in capsys.readouterr().err
    # Named on its own, a file outside the document folders is refused, not skipped in silence.
    assert adopt(complete, str(complete / "README.md")) == 2
    assert adopt(complete, str(complete / "policies" / "drafts" / "excluded.md")) == 2
    assert (complete / "policies" / "drafts" / "excluded.md").read_bytes() == b"# Excluded\n"
