"""`aims-lint evidence`: build the evidence bundle for one revision and say what is in it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from aims_lint.config import Audience, Settings
from aims_lint.evidence import EvidenceError, build_evidence


def run_evidence(
    settings: Settings,
    rev: str,
    out: Path,
    today: date | None,
    audience: Audience | None = None,
    force: bool = False,
) -> int:
    try:
        result = build_evidence(settings, rev, out, today, audience, force=force)
    except EvidenceError as exc:
        click.echo(f"aims-lint: cannot build the evidence bundle: {exc}", err=True)
        return 1
    except OSError as exc:
        click.echo(f"aims-lint: cannot write {out}: {exc.strerror or exc}", err=True)
        return 2
    click.echo(f"wrote {out}: {result.files} file(s) for commit {result.commit[:12]} "
               f"({result.committed.date()}) for the {result.audience} audience, "
               f"findings judged as of {result.today}: "
               f"{result.errors} error(s), {result.warnings} warning(s)")
    return 0
