"""Every case of the hostile-input corpus (corpus.yaml) through the real command line.

Each case is checked with `aims-lint check --format json` in process; the
cases marked `subprocess` run once more as a separate process, which must
print no traceback and report the same findings. The assertions, per case:

- the hostile file gets exactly the findings listed, at their lines and columns;
- the planted finding in procedures/planted.md is still reported, and the
  findings on every other file are those of the same repository without the
  hostile file: one bad file never stops or changes the rest of the run;
- no internal error (AIMS000) and the findings come out sorted;
- `bounded` cases take under 2 s of CPU time and peak under 64 MB of Python memory.
  CPU time, not wall-clock time: on a loaded machine the wall clock also counts the
  time spent waiting for a core (a 2 s wall-clock budget failed at load 16-19), while
  the blow-ups this guards against (quadratic placing, alias bombs) cost CPU.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.engine import lint
from tests.conftest import PROJECT, TODAY
from tests.hardening.corpus import PLANTED, PLANTED_FINDING, Case, build_repo, load_corpus

DAY = TODAY.isoformat()
SECONDS = 2.0
MEGABYTES = 64
Row = tuple[str, int, int, str]
Capture = pytest.CaptureFixture[str]


def check_json(root: Path, capsys: Capture) -> tuple[int, list[dict[str, Any]], str]:
    code = main(["check", "--root", str(root), "--today", DAY, "--format", "json"])
    out, err = capsys.readouterr()
    return code, json.loads(out)["findings"], err


def cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "aims_lint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def rows(findings: list[dict[str, Any]]) -> list[Row]:
    """(path, line, column, rule): the order findings are sorted in."""
    return [(f["path"], f["line"], f["column"], f["rule"]) for f in findings]


@cache
def baseline(settings: str, tmp: Path) -> frozenset[Row]:
    """Findings of the repository without any hostile file (same settings)."""
    case = Case("baseline", "none", {"text": "", "settings": json.loads(settings)})
    root = build_repo(case, tmp / f"baseline-{len(settings)}")
    (root / case.path).unlink()
    result = lint(load_settings(root), TODAY)
    return frozenset((f.path, f.line, f.column, f.rule) for f in result.findings)


@pytest.fixture(scope="module")
def baseline_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("baseline")


CASES = load_corpus()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_gives_clean_findings(
    case: Case, tmp_path: Path, baseline_dir: Path, capsys: Capture
) -> None:
    root = build_repo(case, tmp_path / "repo")
    code, findings, err = check_json(root, capsys)
    assert code == 1 and "Traceback" not in err, err  # the planted finding is an error
    assert "AIMS000" not in {f["rule"] for f in findings}, "a rule crashed on this input"
    assert rows(findings) == sorted(rows(findings)), "findings are not sorted"
    for where, expected in case.expect.items():
        got = [f for f in findings if f["path"] == where and f["rule"] not in case.ignore]
        if case.count:
            assert {r: sum(f["rule"] == r for f in got) for r in case.count} == case.count
            continue
        assert [(f["rule"], f["line"], f["column"]) for f in got] == expected, got
        for finding, fragment in zip(got, case.messages[where], strict=True):
            assert fragment in finding["message"], finding
    planted = [(f["rule"], f["line"], f["column"]) for f in findings if f["path"] == PLANTED]
    assert planted == [PLANTED_FINDING]
    others = {r for r in rows(findings) if r[0] not in case.expect and r[3] not in case.ignore}
    before = baseline(json.dumps(case.spec.get("settings", {})), baseline_dir)
    assert others == {r for r in before if r[3] not in case.ignore}
    assert not (root / "pwned-by-yaml").exists() and not Path("pwned-by-yaml").exists()


BOUNDED = [c for c in CASES if c.bounded]


@pytest.mark.parametrize("case", BOUNDED, ids=[c.name for c in BOUNDED])
def test_hostile_input_costs_bounded_time_and_memory(case: Case, tmp_path: Path) -> None:
    root = build_repo(case, tmp_path / "repo")
    settings = load_settings(root)
    lint(settings, TODAY)  # imports, schemas and caches are not what is measured
    started = time.process_time()
    lint(settings, TODAY)
    elapsed = time.process_time() - started
    tracemalloc.start()
    try:
        lint(settings, TODAY)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < SECONDS, f"{elapsed:.2f} s of CPU"
    assert peak < MEGABYTES * 1_000_000, f"{peak / 1e6:.1f} MB"


SEPARATE = [c for c in CASES if c.subprocess]


@pytest.mark.parametrize("case", SEPARATE, ids=[c.name for c in SEPARATE])
def test_hostile_input_in_a_separate_process(case: Case, tmp_path: Path, capsys: Capture) -> None:
    root = build_repo(case, tmp_path / "repo")
    _, in_process, _ = check_json(root, capsys)
    for fmt in ("json", "text"):
        done = cli(["check", "--today", DAY, "--format", fmt], root)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr and "Error" not in done.stderr, done.stderr
        if fmt == "json":
            assert json.loads(done.stdout)["findings"] == in_process
    assert not (root / "pwned-by-yaml").exists()
