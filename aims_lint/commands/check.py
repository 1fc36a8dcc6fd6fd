"""`aims-lint check`: lint, pick a reporter, write the report, return the exit code."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from aims_lint import own_output
from aims_lint.atomic import check_output
from aims_lint.commands import write_report
from aims_lint.config import Settings
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
    *,
    base: str | None = None,
    force: bool = False,
    skip_unclaimed: bool = False,
) -> int:
    if output:
        check_output(output, ours=own_output.CHECK[fmt or _default_format()], force=force, option="--output")
    only = _relative_paths(settings.root, paths) if paths else None
    result = lint(settings, today, only, base=base, skip_unclaimed=skip_unclaimed)
    fmt = fmt or _default_format()
    if fmt == "text":
        colour = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        report = text_report.render(result, colour=colour)
    else:
        report = FORMATS[fmt](result)
    if output:
        write_report(output, report, own_output.CHECK[fmt], force)
        # Whoever ran the check still sees how it went, whatever the file's format.
        sys.stderr.write(f"{text_report.summary(result)}; report written to {output}\n")
    else:
        encoding = sys.stdout.encoding or "utf-8"
        # A character the terminal cannot show (or a file name that is not UTF-8) is escaped.
        sys.stdout.write(report.encode(encoding, "backslashreplace").decode(encoding))
    return result.exit_code(strict=strict)


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _relative_paths(root: Path, paths: tuple[Path, ...]) -> list[str]:
    """Repo-relative POSIX paths of the files and folders given (the engine takes a folder
    for the documents below it: aims_lint/selection.py)."""
    selected: list[str] = []
    for path in paths:
        absolute = path.resolve() if path.is_absolute() else (Path.cwd() / path).resolve()
        if not absolute.is_relative_to(root):
            raise click.BadParameter(f"{path} is outside the repository {root}", param_hint="PATHS")
        if not absolute.exists():
            raise click.BadParameter(f"{path}: no such file or folder", param_hint="PATHS")
        selected.append(absolute.relative_to(root).as_posix())
    return selected
