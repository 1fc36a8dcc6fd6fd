"""The release artefacts, as an adopter gets them.

`python -m build` makes an sdist and a wheel (the wheel built from the sdist,
so the sdist is complete). Both pass `twine check`, hold every file of the
package, and the wheel installs into a clean virtual environment with no
index at all: its dependencies come from wheels of the locked runtime set
(requirements/site.txt), downloaded once into a cache keyed by the lock's
hash. There `aims-lint init`, `check`, `readiness` and `build` run.
"""

from __future__ import annotations

import email.parser
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from aims_lint import __version__
from tests.browser.site_repo import TODAY, commit_all, git, starter_repo
from tests.conftest import PROJECT

pytestmark = pytest.mark.slow

SITE_LOCK = PROJECT / "requirements" / "site.txt"


def run(args: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None,
        ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, timeout=900)
    assert done.returncode in ok, f"{args} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def tracked_files() -> list[str]:
    """The project's files as git sees them: committed or new, never ignored (no .venv, no site/)."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=PROJECT)
    return sorted(p for p in listed.stdout.split("\0") if p and (PROJECT / p).is_file())


@dataclass(frozen=True)
class Dists:
    wheel: Path
    sdist: Path


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    # Built from a copy of the tracked files: nothing untracked can slip in, and the build's
    # egg-info never lands in the working tree (where parallel workers would race on it).
    source = tmp_path_factory.mktemp("source")
    for rel in tracked_files():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / rel, source / rel)
    out = tmp_path_factory.mktemp("dist")
    # No isolation: the build backend is the locked one in this environment, not a fresh download.
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, source], cwd=source)
    wheels, sdists = sorted(out.glob("*.whl")), sorted(out.glob("*.tar.gz"))
    assert len(wheels) == len(sdists) == 1
    return Dists(wheels[0], sdists[0])


def package_files() -> set[str]:
    return {p for p in tracked_files() if p.startswith("aims_lint/")}


def test_twine_check_passes(dists: Dists) -> None:
    done = run([sys.executable, "-m", "twine", "check", "--strict", dists.wheel, dists.sdist], cwd=PROJECT)
    assert done.stdout.count("PASSED") == 2


def test_the_file_names_carry_the_single_sourced_version(dists: Dists) -> None:
    assert dists.wheel.name == f"aims_lint-{__version__}-py3-none-any.whl"
    assert dists.sdist.name == f"aims_lint-{__version__}.tar.gz"


def test_the_wheel_holds_the_whole_package_with_its_data(dists: Dists) -> None:
    with zipfile.ZipFile(dists.wheel) as wheel:
        names = set(wheel.namelist())
        metadata = email.parser.Parser().parsestr(
            wheel.read(f"aims_lint-{__version__}.dist-info/METADATA").decode("utf-8")
        )
        entry_points = wheel.read(f"aims_lint-{__version__}.dist-info/entry_points.txt").decode("utf-8")
    in_package = {n for n in names if n.startswith("aims_lint/")}
    assert in_package == package_files()  # every tracked file of the package, and nothing else
    for wanted in (
        "aims_lint/catalog/iso42001.yaml",
        "aims_lint/data/schemas/policy.schema.yaml",
        "aims_lint/data/templates/policy.md",
        "aims_lint/data/init/dot-github/workflows/check.yml",
        "aims_lint/data/init/dot-github/aims-lint-requirements.txt",
        "aims_lint/site/assets/aims.css",
        "aims_lint/site/assets/iframe-worker/shim.js",
        "aims_lint/py.typed",
    ):
        assert wanted in names
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert metadata["Name"] == "aims-lint" and metadata["Version"] == __version__
    assert metadata["Requires-Python"] == project["requires-python"]
    runtime = [r for r in metadata.get_all("Requires-Dist") or [] if "extra ==" not in r]
    assert len(runtime) == len(project["dependencies"])
    assert "aims-lint = aims_lint.cli:run" in entry_points


def test_the_sdist_holds_the_package_its_docs_and_no_half_test_suite(dists: Dists) -> None:
    prefix = f"aims_lint-{__version__}/"
    with tarfile.open(dists.sdist) as sdist:
        names = {m.name.removeprefix(prefix) for m in sdist.getmembers() if m.isfile()}
    assert package_files() <= names
    docs = {p for p in tracked_files() if re.fullmatch(r"docs/[^/]+\.md", p)}
    assert docs and docs <= names
    guides = {"README.md", "CHANGELOG.md", "SECURITY.md", "ARCHITECTURE.md", "CONTRIBUTING.md"}
    assert {"pyproject.toml", "MANIFEST.in", "PKG-INFO", *guides} <= names
    assert not [n for n in names if n.startswith("tests/") or "__pycache__" in n]


# The clean install.


def wheelhouse() -> Path:
    """Wheels of the locked runtime set, downloaded once per lock (hash-checked) and kept.

    The cache lives in the environment running the tests (.venv/ under `make test`), so
    `make clean` drops it; a changed lock gets a new folder. Parallel workers race safely:
    each downloads into its own folder and the first rename wins.
    """
    key = hashlib.sha256(SITE_LOCK.read_bytes()).hexdigest()[:16]
    cache = Path(sys.prefix) / "aims-lint-wheelhouse"
    house = cache / f"site-{key}"
    if house.is_dir():
        return house
    cache.mkdir(exist_ok=True)
    partial = cache / f"partial-{key}-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    run([sys.executable, "-m", "pip", "download", "--quiet", "--require-hashes", "--no-deps",
         "--only-binary=:all:", "-r", SITE_LOCK, "-d", partial], cwd=PROJECT)
    try:
        partial.rename(house)
    except OSError:  # another worker finished first: its folder holds the same hash-checked wheels
        shutil.rmtree(partial, ignore_errors=True)
    return house


def clean_env(venv: Path) -> dict[str, str]:
    """The environment of a user's shell with only the new venv on PATH: no pip configuration
    (so no index and no extra wheel folder), no PYTHONPATH leading back to this checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}/usr/bin:/bin", PIP_CONFIG_FILE=os.devnull,
               PIP_DISABLE_PIP_VERSION_CHECK="1", NO_COLOR="1", GIT_CONFIG_GLOBAL=os.devnull,
               GIT_CONFIG_NOSYSTEM="1")
    return env


def test_the_wheel_installs_offline_in_a_clean_venv_and_runs(dists: Dists, tmp_path: Path) -> None:
    house = wheelhouse()
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    env = clean_env(venv)
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-compile", "--no-index",
         "--find-links", house, dists.wheel], cwd=tmp_path, env=env)
    tool = venv / "bin" / "aims-lint"
    where = run([venv / "bin" / "python", "-c", "import aims_lint; print(aims_lint.__file__)"],
                cwd=tmp_path, env=env)
    assert Path(where.stdout.strip()).is_relative_to(venv)  # the installed copy, not this checkout
    assert run([tool, "--version"], cwd=tmp_path, env=env).stdout == f"aims-lint, version {__version__}\n"

    # init: schemas, templates, workflows and the install pin come out of the wheel.
    system = tmp_path / "aims"
    run([tool, "init", system, "--today", TODAY.isoformat(), "--name", "Wheel Test"], cwd=tmp_path, env=env)
    assert (system / "schemas" / "record.schema.yaml").is_file()
    assert (system / "templates" / "policy.md").is_file()
    assert (system / ".github" / "workflows" / "check.yml").is_file()
    pin = (system / ".github" / "aims-lint-requirements.txt").read_text(encoding="utf-8")
    assert f"\naims-lint=={__version__}\n" in pin
    git(system, "init", "-q", "-b", "main")
    commit_all(system, "Start the management system", "2026-11-22T09:00:00+00:00")

    # check: a blank system has things to fill in (exit 0 or 1), never a usage error or a crash.
    checked = run([tool, "check", "--root", system, "--today", TODAY.isoformat(), "--format", "json"],
                  cwd=tmp_path, env=env, ok=(0, 1))
    findings = json.loads(checked.stdout)["findings"]
    assert all(re.fullmatch(r"AIMS\d{3,4}", f["rule"]) for f in findings)
    # readiness reads the packaged ISO/IEC 42001 catalog: all 38 Annex A controls, undecided.
    # A fresh system is not ready for a Stage 1 audit, and the exit code says so.
    ready = run([tool, "readiness", "--root", system, "--today", TODAY.isoformat(), "--format", "json"],
                cwd=tmp_path, env=env, ok=(1,))
    assert json.loads(ready.stdout)["summary"]["controls"]["undecided"] == 38
    assert json.loads(ready.stdout)["ready"] is False

    # What the generated workflows run, `pip install -r .github/aims-lint-requirements.txt` at the
    # root of the system, resolves to this wheel: pinned (found beside the wheels of the lock),
    # and from --install-from a wheel committed to the repository.
    local = tmp_path / "from-wheel"
    spec = f"wheels/{dists.wheel.name}"
    run([tool, "init", local, "--today", TODAY.isoformat(), "--install-from", spec], cwd=tmp_path, env=env)
    (local / "wheels").mkdir()
    shutil.copy2(dists.wheel, local / "wheels")
    for root, links in ((system, [house, dists.wheel.parent]), (local, [house])):
        report = tmp_path / f"{root.name}-report.json"
        run([venv / "bin" / "python", "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
             "--no-index", *(f"--find-links={d}" for d in links), "--report", report,
             "-r", ".github/aims-lint-requirements.txt"], cwd=root, env=env)
        (ours,) = [i for i in json.loads(report.read_text(encoding="utf-8"))["install"]
                   if i["metadata"]["name"] == "aims-lint"]
        assert ours["metadata"]["version"] == __version__
        assert ours["download_info"]["url"].endswith(f"/{dists.wheel.name}")

    # build: the worked example through MkDocs and mkdocs-material, with the packaged site assets.
    example = starter_repo(tmp_path / "example")
    run([tool, "build", "--root", example, "--today", TODAY.isoformat()], cwd=tmp_path, env=env)
    assert (example / "site" / "index.html").is_file()
    assert (example / "site" / "assets" / "aims" / "aims.css").read_bytes() == (
        PROJECT / "aims_lint" / "site" / "assets" / "aims.css"
    ).read_bytes()
    assert len(list((example / "site" / "controls").glob("A.*.html"))) == 38
