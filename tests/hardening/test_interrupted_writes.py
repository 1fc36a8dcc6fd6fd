"""`aims-lint review` interrupted while it writes: the original file is always intact.

The review runs as a real process and is stopped by the operating system,
not by a fault point in our code:

- the kernel kills it mid-write: a file-size limit (RLIMIT_FSIZE) smaller than
  the new file, with SIGXFSZ left at its default action (death), so the
  process dies inside write() with half a temporary file on disk;
- strace injects SIGKILL at the fsync or the rename, so it dies with the
  temporary file complete but not yet in place;
- the size limit with SIGXFSZ ignored (Python's own default): write() fails
  with EFBIG, which must be a clear error, not a traceback, with no temp file left.

Whatever is left behind is a hidden `.NAME.XXXX.tmp` file beside the document,
which discovery never reads: a second check reports exactly what the first did.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PROJECT, TODAY, new_repo

DOC = "policies/ai-policy.md"
DAY = TODAY.isoformat()
REVIEW = ["review", "POL-001", "--by", "top-management", "--bump", "minor", "--today", DAY]
# Python ignores SIGXFSZ at start-up; this restores what any other program would do on it.
DIE_ON_SIZE_LIMIT = "import signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_DFL); " \
                    "from aims_lint.cli import run; run()"


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(PROJECT), "PYTHONDONTWRITEBYTECODE": "1"}


def size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def findings(root: Path) -> list[dict[str, object]]:
    done = subprocess.run([sys.executable, "-m", "aims_lint", "check", "--today", DAY, "--format", "json"],
                          cwd=root, env=env(), capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)["findings"]  # type: ignore[no-any-return]


def leftovers(root: Path) -> list[Path]:
    return sorted((root / "policies").glob(".ai-policy.md.*.tmp"))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return new_repo(tmp_path / "repo")


def assert_intact_and_ignored(root: Path, original: bytes, before: list[dict[str, object]]) -> None:
    assert (root / DOC).read_bytes() == original
    assert findings(root) == before  # a leftover temp file is never read as a document
    again = subprocess.run([sys.executable, "-m", "aims_lint", *REVIEW], cwd=root, env=env(),
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr  # and does not stand in the way of the next review
    assert b'version: "1.1"' in (root / DOC).read_bytes()


def test_killed_by_the_kernel_in_the_middle_of_the_write(root: Path) -> None:
    original, before = (root / DOC).read_bytes(), findings(root)
    done = subprocess.run([sys.executable, "-c", DIE_ON_SIZE_LIMIT, *REVIEW], cwd=root, env=env(),
                          preexec_fn=size_limit(len(original) // 2), capture_output=True, timeout=120)
    assert done.returncode == -signal.SIGXFSZ, done.stderr
    partial = leftovers(root)
    assert [p.stat().st_size for p in partial] == [len(original) // 2]  # it died inside write()
    assert_intact_and_ignored(root, original, before)


def _strace_works() -> bool:
    if shutil.which("strace") is None:
        return False
    probe = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "true"], capture_output=True)
    return probe.returncode == 0  # ptrace may be forbidden in a container


@pytest.mark.skipif(not _strace_works(), reason="needs strace and permission to trace")
@pytest.mark.parametrize("syscall", ["fsync", "rename"])
def test_killed_after_writing_but_before_the_rename(root: Path, syscall: str) -> None:
    original, before = (root / DOC).read_bytes(), findings(root)
    calls = {"fsync": "fsync,fdatasync", "rename": "rename,renameat,renameat2"}[syscall]
    done = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-e", f"trace={calls}",
                           "-e", f"inject={calls}:signal=SIGKILL:when=1",
                           sys.executable, "-m", "aims_lint", *REVIEW],
                          cwd=root, env=env(), capture_output=True, timeout=120)
    assert done.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL), done.stderr
    [temp] = leftovers(root)
    assert b'version: "1.1"' in temp.read_bytes()  # the new content was written, never put in place
    assert_intact_and_ignored(root, original, before)


def test_a_write_that_fails_is_an_error_and_leaves_nothing_behind(root: Path) -> None:
    original, before = (root / DOC).read_bytes(), findings(root)
    done = subprocess.run([sys.executable, "-m", "aims_lint", *REVIEW], cwd=root, env=env(),
                          preexec_fn=size_limit(len(original) // 2), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "cannot write" in done.stderr and "File too large" in done.stderr
    assert leftovers(root) == []
    assert_intact_and_ignored(root, original, before)
