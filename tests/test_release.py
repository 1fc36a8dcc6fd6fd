"""Releasing: the tag workflow that publishes to PyPI, its checks, and the CHANGELOG it reads.

The publish itself (trusted publishing) needs PyPI and GitHub and cannot run
here; docs/releasing.md covers the one-time setup. What can run here does:
the step that refuses a tag whose version or CHANGELOG section is missing runs
in a scratch folder, and the workflow's shape is checked (the wheel it builds is
tested in tests/test_package.py, actionlint and the schema in
tests/test_actionlint.py and tests/test_workflows.py).
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from aims_lint import __version__
from aims_lint.cli import main
from tests.conftest import PROJECT
from tests.test_workflows import load

RELEASE = PROJECT / ".github" / "workflows" / "release.yml"
HEADING = re.compile(r"## (?:Unreleased|(\d+\.\d+\.\d+) - (\d{4}-\d{2}-\d{2}))")


def test_the_version_is_written_once_and_reported_by_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    pyproject = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "aims_lint.__version__"}
    assert importlib.metadata.version("aims-lint") == __version__  # what pip and the wheel carry
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"aims-lint, version {__version__}\n"


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def test_release_runs_on_a_version_tag_only_and_publishes_by_trusted_publishing() -> None:
    workflow = load(RELEASE)
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {"contents": "read"}
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    assert "permissions" not in build  # the build never holds the OIDC token
    scripts = [s.get("run", "") for s in steps(build)]
    assert "python -m pip install --require-hashes -r requirements/release.txt" in scripts
    assert "python -m build --no-isolation" in scripts
    assert "python -m twine check --strict dist/*" in scripts
    (smoke,) = [s for s in scripts if "smoke" in s]  # the built wheel runs before anything is kept
    assert "-m pip install --no-deps dist/*.whl" in smoke and 'aims-lint" init' in smoke
    assert scripts.index("python -m build --no-isolation") < scripts.index(smoke)
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    last = steps(publish)[-1]
    assert last["uses"].startswith("pypa/gh-action-pypi-publish@")
    assert "with" not in last  # no password, no token: PyPI trusts the workflow itself
    assert not [s for s in steps(publish) if "run" in s]  # nothing runs with the token but the action


def agreement_script() -> str:
    (step,) = [s for s in steps(load(RELEASE)["jobs"]["build"]) if "CHANGELOG" in s.get("name", "")]
    assert step["env"] == {"TAG": "${{ github.ref_name }}"}
    return str(step["run"])


def run_agreement(tmp_path: Path, tag: str, version: str, changelog: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "aims_lint").mkdir(exist_ok=True)
    (tmp_path / "aims_lint" / "__init__.py").write_text(f'__version__ = "{version}"\n', encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    path = f"{Path(sys.executable).parent}{os.pathsep}/usr/bin:/bin"  # `python` is the interpreter under test
    return subprocess.run(
        ["bash", "-e", "-c", agreement_script()], cwd=tmp_path, env={"PATH": path, "TAG": tag},
        capture_output=True, text=True, check=False,
    )


CHANGELOG = (
    "# Changelog\n\n## Unreleased\n\n## 1.2.0 - 2027-03-01\n\n### Added\n- x\n\n## 1.1.0 - 2027-01-10\n"
)


def test_a_tag_matching_the_version_with_a_changelog_section_passes(tmp_path: Path) -> None:
    done = run_agreement(tmp_path, "v1.2.0", "1.2.0", CHANGELOG)
    assert (done.returncode, done.stdout) == (0, "")


@pytest.mark.parametrize(
    ("tag", "version", "changelog", "message"),
    [
        ("v1.2.1", "1.2.0", CHANGELOG, "tag v1.2.1 does not match the package version 1.2.0"),
        ("v1.3.0", "1.3.0", CHANGELOG, "CHANGELOG.md has no section '## 1.3.0 - YYYY-MM-DD'"),
        ("v1.2.0", "1.2.0", CHANGELOG.replace("## 1.2.0 - 2027-03-01", "## 1.2.0"), "no section '## 1.2.0"),
        ("v1.1.0", "1.1.0", CHANGELOG.replace("1.1.0", "1x1x0"), "no section"),  # dots are literal
    ],
)
def test_the_release_stops_when_tag_version_or_changelog_disagree(
    tmp_path: Path, tag: str, version: str, changelog: str, message: str
) -> None:
    done = run_agreement(tmp_path, tag, version, changelog)
    assert done.returncode == 1
    assert "::error::" in done.stdout and message in done.stdout


def test_the_changelog_has_one_section_per_release_newest_first() -> None:
    headings = re.findall(r"^## .*$", (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert headings, "CHANGELOG.md has no sections"
    matches = [HEADING.fullmatch(h) for h in headings]
    assert [h for h, m in zip(headings, matches, strict=True) if m is None] == []
    releases = [(tuple(map(int, m.group(1).split("."))), m.group(2)) for m in matches if m and m.group(1)]
    assert releases == sorted(releases, reverse=True) and len({v for v, _ in releases}) == len(releases)
    if "Unreleased" in headings[0]:
        assert headings.count("## Unreleased") == 1
    # The version being developed is never older than the newest release recorded.
    if releases:
        assert tuple(map(int, __version__.split(".")[:3])) >= releases[0][0]


def test_the_release_tools_are_locked_with_hashes() -> None:
    lock = (PROJECT / "requirements" / "release.txt").read_text(encoding="utf-8")
    pinned = dict(re.findall(r"^([a-z0-9-]+)==(\S+) \\$", lock, re.MULTILINE))
    assert {"build", "twine", "setuptools", "wheel"} <= set(pinned)
    blocks = re.findall(r"^[a-z0-9-]+==\S+ \\\n(?:    .*\n)+", lock, re.MULTILINE)
    assert len(blocks) == len(pinned) and all("--hash=sha256:" in b for b in blocks)
    assert all(f"{name}=={version}" in (PROJECT / "requirements" / "lock.txt").read_text(encoding="utf-8")
               for name, version in pinned.items())  # the same versions the tests pass with
