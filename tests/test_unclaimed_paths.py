"""`check PATH` on a path no schema claims is a finding (AIMS020), not "0 documents checked".

The rule's own cases (tests/rules/cases/AIMS020.yaml) cover the reasons; these
tests run the command as a user (or the pre-commit hook) does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aims_lint.cli import main
from tests.conftest import new_repo

SUPPLIER = "---\nid: SUP-001\ntitle: Acme\n---\n\nAcme sells us a model.\n"


def check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[tuple[str, str]]]:
    capsys.readouterr()
    code = main(["check", "--root", str(root), "--today", "2026-06-01", "--format", "json",
                 "--ignore", "AIMS8", "--ignore", "AIMS708", "--ignore", "AIMS9", *args])
    out = capsys.readouterr().out
    return code, [(f["rule"], f["path"]) for f in json.loads(out)["findings"]]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return new_repo(tmp_path / "repo", {"suppliers/acme.md": SUPPLIER, "README.md": "# About\n"})


def test_a_file_no_schema_claims_fails_the_check(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    code, found = check(root, capsys, "suppliers/acme.md")
    assert (code, found) == (1, [("AIMS020", "suppliers/acme.md")])
    capsys.readouterr()
    assert main(["check", "--root", str(root), "--today", "2026-06-01", "suppliers/acme.md"]) == 1
    text = capsys.readouterr().out
    assert "suppliers/acme.md:1:1" in text and "AIMS020 unclaimed-path" in text
    assert "no schema claims it" in text and "policies/, procedures/, records/" in text


def test_the_root_folder_stands_for_its_documents(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    code, found = check(root, capsys, ".")
    assert (code, found) == (0, [])


def test_the_hook_skips_what_no_schema_claims_and_checks_the_rest(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    given = ("--skip-unclaimed", "README.md", "suppliers/acme.md", "policies/ai-policy.md")
    assert check(root, capsys, *given) == (0, [])
    policy = root / "policies" / "ai-policy.md"
    policy.write_text(policy.read_text(encoding="utf-8").replace("owner: aims-manager", "owner: nobody"),
                      encoding="utf-8")
    assert check(root, capsys, *given) == (1, [("AIMS301", "policies/ai-policy.md")])
