"""Shared fixtures: real repositories in temporary folders, never mocks."""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aims_lint.config import load_settings
from aims_lint.engine import lint
from aims_lint.results import LintResult

PROJECT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).resolve().parent / "rules" / "base"
TODAY = date(2026, 6, 1)

FileSpec = str | bytes | dict[str, Any] | None
SITES_ENV = "AIMS_TEST_SITES"
_OWN_SITES = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """One folder for the sites tests build and only read (tests/browser/site_repo.py `once`).

    Made by the main process before xdist starts its workers, which inherit the variable,
    so every worker reuses a site another one built."""
    if not hasattr(config, "workerinput") and not os.environ.get(SITES_ENV):
        os.environ[SITES_ENV] = tempfile.mkdtemp(prefix="aims-sites-")
        config.stash[_OWN_SITES] = os.environ[SITES_ENV]


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_OWN_SITES, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(SITES_ENV, None)



def write_files(root: Path, files: dict[str, FileSpec]) -> None:
    """Write files into a repository; a spec may be text, bytes, or a mapping:
    {base64: ...} raw bytes, {symlink: target} a link, {mode: 0} permissions,
    {repeat: text, times: n} a large file; None deletes the file."""
    for rel, spec in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if spec is None:
            path.unlink(missing_ok=True)
        elif isinstance(spec, bytes):
            path.write_bytes(spec)
        elif isinstance(spec, str):
            path.write_bytes(spec.encode("utf-8"))
        elif "symlink" in spec:
            path.unlink(missing_ok=True)
            os.symlink(spec["symlink"], path)
        elif "base64" in spec:
            path.write_bytes(base64.b64decode(spec["base64"]))
        elif "repeat" in spec:
            path.write_text(spec["repeat"] * int(spec["times"]), encoding="utf-8")
        if isinstance(spec, dict) and "mode" in spec:
            path.chmod(int(spec["mode"]))


def new_repo(root: Path, files: dict[str, FileSpec] | None = None, *, base: bool = True) -> Path:
    """A repository with the project's schemas, the base documents and `files` on top."""
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    if base:
        shutil.copytree(BASE, root, dirs_exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.aims_lint]\n", encoding="utf-8")
    write_files(root, files or {})
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Callable[..., Path]:
    def make(files: dict[str, FileSpec] | None = None, *, base: bool = True) -> Path:
        return new_repo(tmp_path / "repo", files, base=base)

    return make


def run_lint(root: Path, today: date = TODAY, only: list[str] | None = None, **settings: Any) -> LintResult:
    return lint(load_settings(root, settings), today, only)
