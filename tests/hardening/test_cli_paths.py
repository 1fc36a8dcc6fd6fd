"""Path arguments on the command line: odd names are files, never options, never outside the repository."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from aims_lint.cli import main
from tests.conftest import TODAY
from tests.hardening.corpus import HOSTILE, PLANTED, Case, build_repo
from tests.hardening.test_hostile_corpus import cli

DAY = TODAY.isoformat()
DASHED = "policies/-rf.md"
Capture = pytest.CaptureFixture[str]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    repo = build_repo(Case("dash", "file-names", {"text": ""}), tmp_path / "repo")
    (repo / HOSTILE).unlink()
    (repo / DASHED).write_bytes((repo / PLANTED).read_bytes().replace(b"PRO-001", b"POL-003"))
    (tmp_path / "outside.md").write_bytes((repo / PLANTED).read_bytes())
    return repo


def checked_paths(out: str) -> set[str]:
    return {f["path"] for f in json.loads(out)["findings"]}


@pytest.mark.parametrize("args", [["--", DASHED], [DASHED], [f"./{DASHED}"]])
def test_a_leading_dash_in_a_path_is_a_file_not_an_option(root: Path, args: list[str]) -> None:
    done = cli(["check", "--today", DAY, "--format", "json", *args], root)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert DASHED in checked_paths(done.stdout)


def test_a_bare_dashed_name_is_refused_as_an_option_and_works_after_double_dash(root: Path) -> None:
    before = (root / DASHED).read_bytes()
    refused = cli(["check", "--today", DAY, "-rf.md"], root / "policies")
    assert refused.returncode == 2 and "No such option" in refused.stderr
    done = cli(["check", "--today", DAY, "--format", "json", "--", "-rf.md"], root / "policies")
    assert done.returncode == 1 and checked_paths(done.stdout) >= {DASHED}
    assert (root / DASHED).read_bytes() == before


@pytest.mark.parametrize("target", ["../outside.md", "policies/../../outside.md", "/etc/passwd"])
def test_check_refuses_paths_outside_the_repository(
    root: Path, target: str, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    assert main(["check", "--today", DAY, target]) == 2
    assert "outside the repository" in capsys.readouterr().err


@pytest.mark.parametrize("target", ["../../etc/passwd", "/etc/passwd", "policies/../../outside.md"])
def test_review_refuses_paths_outside_the_repository(root: Path, target: str, capsys: Capture) -> None:
    args = ["review", target, "--by", "aims-manager", "--today", DAY, "--root", str(root)]
    assert main(args) == 2
    assert "no document" in capsys.readouterr().err


def test_a_file_name_that_is_not_utf8_in_every_format(root: Path) -> None:
    name = os.fsdecode(b"policies/caf\xe9-\xff.md")
    (root / name).write_bytes((root / DASHED).read_bytes().replace(b"POL-003", b"POL-004"))
    for fmt in ("json", "text", "github", "sarif", "markdown"):
        done = cli(["check", "--today", DAY, "--format", fmt], root)
        assert done.returncode == 1 and "Traceback" not in done.stderr, (fmt, done.stderr)
        if fmt == "json":
            assert name in checked_paths(done.stdout)  # \udcXX escapes: the bytes survive
