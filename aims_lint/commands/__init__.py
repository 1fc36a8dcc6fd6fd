"""One module per CLI command: turns settings into a library call and output; and what they share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from aims_lint.atomic import write_output


def write_report(output: Path, report: str, ours: Callable[[bytes], bool], force: bool) -> None:
    """Write a report to `--output` (`ours` tells an earlier report of the format: own_output); an
    unwritable place is a usage error (exit 2), not a traceback."""
    data = report.encode("utf-8", errors="backslashreplace")
    try:
        write_output(output, data, ours=ours, force=force, option="--output")
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write the report to {output}: {exc.strerror or exc}", param_hint="'--output'"
        ) from None
