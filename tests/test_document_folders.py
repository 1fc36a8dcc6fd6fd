"""The document folders come from the schemas: a schema with `folders: [standards]` is enough.

`paths` defaults to every folder a schema claims (`discover.document_folders`);
an explicit `paths` setting still wins. Every stage that asks "is this a
document?" gets the same answer: discovery, git history in pull-request
mode, adopt, and the folders no output may be written into.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.discover import discover, document_folders, is_candidate
from aims_lint.engine import lint
from aims_lint.schemas import load_schemas
from tests.conftest import BASE, PROJECT, new_repo, run_lint, write_files
from tests.test_history_repo import GitRepo

TODAY = date(2026, 6, 1)


def standard_schema() -> str:
    """A new type, `standard` (internal engineering standards, STD-001...), as a newcomer
    would write it: the policy schema with its names changed and no built-in behaviour."""
    text = (PROJECT / "schemas" / "policy.schema.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("  behaviour: controlled-document\n", ""),
        ("  site_section: Policies\n", ""),
        ("  export_as: policy\n", ""),
        ("folders: [policies]", "folders: [standards]"),
        ("title: Policy\n", "title: Engineering standard\n"),
        ("type: policy", "type: standard"),
        ("{const: policy}", "{const: standard}"),
        ("^POL-", "^STD-"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    return text


def standard(**changes: str) -> str:
    """The base policy, made a standard; `changes` replace whole header lines by key ("": drop it)."""
    text = (BASE / "policies" / "ai-policy.md").read_text(encoding="utf-8")
    text = text.replace("id: POL-001", "id: STD-001").replace("type: policy", "type: standard")
    for key, line in changes.items():
        start = text.index(f"\n{key}:") + 1
        text = text[:start] + (line + "\n" if line else "") + text[text.index("\n", start) + 1 :]
    return text.replace("title: AI policy", "title: Secure coding standard")


@pytest.fixture
def with_standards(tmp_path: Path) -> Path:
    return new_repo(
        tmp_path / "repo",
        {"schemas/standard.schema.yaml": standard_schema(), "standards/secure-coding.md": standard()},
    )


def test_the_default_folders_are_the_schemas_folders(with_standards: Path) -> None:
    settings = load_settings(with_standards)
    assert settings.paths is None
    schemas = load_schemas(with_standards, "schemas")
    assert document_folders(settings) == ("policies", "procedures", "records", "standards")
    assert document_folders(settings, schemas) == schemas.folders


def test_a_schema_with_a_new_folder_makes_its_documents_checked(with_standards: Path) -> None:
    write_files(with_standards, {"standards/no-owner.md": standard(id="id: STD-002", owner="")})
    result = run_lint(with_standards, TODAY)
    paths = {s.path for s in result.corpus.sources}
    assert {"standards/secure-coding.md", "standards/no-owner.md"} <= paths
    missing = [(f.path, f.message) for f in result.findings if f.rule == "AIMS101"]
    assert missing == [("standards/no-owner.md", "required field 'owner' is missing")]
    assert not [f for f in result.findings if f.path == "standards/secure-coding.md"]


def test_an_explicit_paths_setting_still_wins(with_standards: Path) -> None:
    result = run_lint(with_standards, TODAY, paths=("policies",))
    assert {s.path for s in result.corpus.sources} == {"policies/ai-policy.md", "policies/roles.md"}


def test_pull_request_mode_sees_a_deleted_document_in_the_new_folder(with_standards: Path) -> None:
    repo = GitRepo(with_standards)
    repo.commit("Standards", "2026-01-10")
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit("Drop the standard", "2026-01-12", {"standards/secure-coding.md": None})
    result = lint(load_settings(repo.root, {"select": ("AIMS905",)}), TODAY, base="main")
    assert [(f.rule, f.path) for f in result.findings] == [("AIMS905", "standards/secure-coding.md")]


def test_no_output_may_be_written_into_the_new_folder(
    with_standards: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = with_standards / "standards" / "CODEOWNERS"
    code = main(["codeowners", "--root", str(with_standards), "--today", "2026-06-01", "--out", str(out)])
    assert code == 2 and not out.exists()
    assert "inside the documents folder" in capsys.readouterr().err


def test_adopt_takes_a_file_in_the_new_folder(with_standards: Path) -> None:
    write_files(with_standards, {"standards/logging.md": "# Logging standard\n\nLog every decision.\n"})
    code = main(["adopt", "--root", str(with_standards), "--today", "2026-06-01",
                 str(with_standards / "standards" / "logging.md")])
    assert code == 0
    header = (with_standards / "standards" / "logging.md").read_text(encoding="utf-8")
    assert "id: STD-002\n" in header and "type: standard\n" in header


def test_is_candidate_says_what_discovery_picks_up(tmp_path: Path) -> None:
    """History asks `is_candidate` about paths that may no longer exist: it must agree with
    discovery on the ones that do."""
    names = [
        "standards/a.md", "standards/2026/a.md", "standards/a.txt", "standards/.drafts/a.md",
        "standards-old/a.md", "README.md", "docs/standards/a.md", "standards/excluded.md",
    ]
    write_files(tmp_path, dict.fromkeys(names, "x\n"))
    folders, exclude = ("policies", "standards"), ("standards/excluded*",)
    found = [c.path for c in discover(tmp_path, folders, exclude)]
    assert found == ["standards/2026/a.md", "standards/a.md"]
    assert [n for n in sorted(names) if is_candidate(n, folders, exclude)] == found
