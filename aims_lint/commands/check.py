"""`aims-lint check`: lint, pick a reporter, write the report, return the exit code."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from aims_lint.config import ConfigError, Settings
from aims_lint.engine import lint
from aims_lint.report import FORMATS
from aims_lint.report import text as text_report


def run_check(
    settings: Settings,
    today: date,
    paths: tuple[Path, ...],
    fmt: str | None,
    strict: bool,
    output: Path | None,
) -> int:
    only = _relative_paths(settings.root, paths) if paths else None
    result = lint(settings, today, only)
    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if fmt == "text":
        colour = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        report = text_report.render(result, colour=colour)
    else:
        report = FORMATS[fmt](result)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    return result.exit_code(strict=strict)


def _relative_paths(root: Path, paths: tuple[Path, ...]) -> list[str]:
    """Repo-relative POSIX paths of the files (or files below the folders) given."""
    selected: list[str] = []
    for path in paths:
        absolute = path.resolve() if path.is_absolute() else (Path.cwd() / path).resolve()
        if not absolute.is_relative_to(root):
            raise ConfigError(f"{path} is outside the repository {root}")
        if not absolute.exists():
            raise ConfigError(f"{path}: no such file or folder")
        rel = absolute.relative_to(root).as_posix()
        if absolute.is_dir():
            selected.extend(p.relative_to(root).as_posix() for p in absolute.rglob("*.md"))
        else:
            selected.append(rel)
    return selected
