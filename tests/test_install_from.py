"""What an initialised system's workflows install: `.github/aims-lint-requirements.txt`.

`init` pins this version; `init --install-from SPEC` writes a git URL or a wheel
instead, until the package is on the index. The workflows install from that
file and key setup-python's pip cache on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aims_lint import __version__
from aims_lint.cli import main
from tests.conftest import PROJECT
from tests.test_workflows import github_workflow_validator, load

TODAY = "2026-11-22"
PIN = ".github/aims-lint-requirements.txt"


def _requirement(target: Path) -> list[str]:
    text = (target / PIN).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_init_pins_this_version(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "aims"), "--today", TODAY]) == 0
    assert _requirement(tmp_path / "aims") == [f"aims-lint=={__version__}"]


@pytest.mark.parametrize(
    ("spec", "line"),
    [
        ("git+https://github.com/example/aims-lint@v0.1.0", "aims-lint @ git+https://github.com/example/aims-lint@v0.1.0"),
        ("git+ssh://git@github.com/example/aims-lint.git@3f2c1e0", "aims-lint @ git+ssh://git@github.com/example/aims-lint.git@3f2c1e0"),
        ("aims-lint @ git+https://git.example.org/aims-lint@main", "aims-lint @ git+https://git.example.org/aims-lint@main"),
        ("https://files.example.org/aims_lint-0.1.0-py3-none-any.whl", "aims-lint @ https://files.example.org/aims_lint-0.1.0-py3-none-any.whl"),
        ("wheels/aims_lint-0.1.0-py3-none-any.whl", "wheels/aims_lint-0.1.0-py3-none-any.whl"),
    ],
)
def test_install_from_writes_the_spec_as_one_requirement(tmp_path: Path, spec: str, line: str) -> None:
    assert main(["init", str(tmp_path / "aims"), "--today", TODAY, "--install-from", spec]) == 0
    assert _requirement(tmp_path / "aims") == [line]


@pytest.mark.parametrize(
    "spec",
    [
        "aims-lint>=0.1",  # a version range is what the pin replaces
        "--index-url https://evil.example/simple",  # an option, not a requirement
        "-e git+https://github.com/example/aims-lint",
        "git+https://github.com/example/aims-lint\nrequests",  # a second requirement
        "http://files.example.org/aims_lint-0.1.0-py3-none-any.whl",  # not over TLS
        "/home/me/dist/aims_lint-0.1.0-py3-none-any.whl",  # not in the repository: CI cannot see it
        "../dist/aims_lint-0.1.0-py3-none-any.whl",
        "dist/aims_lint-0.1.0.tar.gz",
        "",
    ],
)
def test_install_from_refuses_anything_else_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str
) -> None:
    target = tmp_path / "aims"
    assert main(["init", str(target), "--today", TODAY, "--install-from", spec]) == 2
    assert "--install-from takes a git URL" in capsys.readouterr().err
    assert not target.exists()


def test_every_generated_workflow_is_valid_installs_from_the_file_and_caches_on_it(tmp_path: Path) -> None:
    target = tmp_path / "aims"
    assert main(["init", str(target), "--today", TODAY]) == 0
    workflows = sorted((target / ".github" / "workflows").glob("*.yml"))
    assert [p.name for p in workflows] == ["approvals.yml", "check.yml", "publish.yml", "reviews.yml"]
    schema = github_workflow_validator()
    for path in workflows:
        workflow = load(path)
        assert list(schema.iter_errors(workflow)) == [], path.name  # actionlint: tests/test_actionlint.py
        steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
        if path.name == "approvals.yml":  # records reviews with gh and git only: installs nothing
            assert not [s for s in steps if "pip install" in s.get("run", "")]
            continue
        setup = [s for s in steps if s.get("uses", "").startswith("actions/setup-python@")]
        installs = [s["run"] for s in steps if "pip install" in s.get("run", "")]
        for step in setup:
            if step["with"].get("cache") == "pip":
                assert step["with"]["cache-dependency-path"] == PIN, path.name
        assert installs == [f"python -m pip install -r {PIN}"], path.name
        assert (target / PIN).is_file()


def test_this_repository_s_workflows_install_this_checkout() -> None:
    # The toolkit's own repository runs the same workflows on the code they are part of.
    assert _requirement(PROJECT) == ["."]
