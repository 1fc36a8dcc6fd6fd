"""Progress for long steps: shown on a real terminal, never in pipes, never with --quiet.

The commands run as real processes. "On a terminal" means stderr is a
pseudo-terminal made with the `pty` module and read as a terminal would be;
"not on a terminal" means pipes, as in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from tests.complete_aims import TODAY, complete_files
from tests.conftest import PROJECT, new_repo
from tests.test_cli import _command
from tests.test_history_repo import build_history

pty = pytest.importorskip("pty")

DAY = TODAY.isoformat()
HIDE_CURSOR = b"\x1b[?25l"  # what rich writes when a live display starts


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = new_repo(tmp_path_factory.mktemp("progress") / "repo", complete_files())
    shutil.copyfile(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    build_history(root, [
        {"date": "2026-03-02", "message": "Start"},
        {"date": "2026-04-01", "files": {"README.md": "Notes outside the documents.\n"}},
    ])
    return root


def on_a_terminal(cwd: Path, *args: str) -> tuple[int, bytes]:
    """Run aims-lint with stdout and stderr on one pseudo-terminal; everything it showed."""
    command, env = _command()
    leader, follower = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:  # read while it runs, or a full terminal buffer would block it
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # closed: the process is done
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        done = subprocess.run(
            [*command, *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
            env={**env, "TERM": "xterm-256color", "COLUMNS": "120"}, check=False, timeout=300,
        )
    finally:
        os.close(follower)
        reader.join(timeout=60)
        os.close(leader)
    return done.returncode, b"".join(chunks)


def in_pipes(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    command, env = _command()
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, env=env, check=False, timeout=300)


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["render", "--today", DAY, "--out", "progress-site"], [b"rendering document pages", b"checking"]),
        (["history", "POL-001"], [b"reading git history (commits)"]),
        (["evidence", "--out", "bundle.zip"], [b"bundling documents and their history"]),
    ],
    ids=["render", "history", "evidence"],
)
def test_long_steps_show_progress_on_a_terminal_and_nothing_elsewhere(
    repo: Path, args: list[str], shown: list[bytes]
) -> None:
    code, seen = on_a_terminal(repo, *args)
    assert code == 0, seen.decode("utf-8", "replace")
    assert HIDE_CURSOR in seen
    for text in shown:
        assert text in seen, seen.decode("utf-8", "replace")

    code, quiet = on_a_terminal(repo, "--quiet", *args)
    assert code == 0, quiet.decode("utf-8", "replace")
    assert HIDE_CURSOR not in quiet and b"\x1b[2K" not in quiet
    assert not any(text in quiet for text in shown)

    piped = in_pipes(repo, *args)
    assert piped.returncode == 0, piped.stderr
    assert not any(text in piped.stderr + piped.stdout for text in shown)
    assert b"\x1b[" not in piped.stderr
    # The command's own output is the same with and without the display.
    assert piped.stdout.splitlines()[-1] in quiet.splitlines()[-1]


def test_the_site_build_shows_its_mkdocs_step_on_a_terminal(repo: Path) -> None:
    """One run only (a MkDocs build is slow); quiet and piped runs are covered above."""
    code, seen = on_a_terminal(repo, "build", "--today", DAY)
    assert code == 0, seen.decode("utf-8", "replace")
    assert b"building the site with MkDocs" in seen
    # MkDocs' own log lines still reach the terminal, above the display.
    assert b"Documentation built in" in seen


def test_quiet_is_a_global_option_listed_in_help(repo: Path) -> None:
    run = in_pipes(repo, "--help")
    assert b"--quiet" in run.stdout
    assert in_pipes(repo, "-q", "history", "POL-001").returncode == 0
