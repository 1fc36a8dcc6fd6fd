"""`aims-lint render`: stage the site source, from the work tree or as the system stood on a day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from aims_lint.config import Settings
from aims_lint.evidence import EvidenceError
from aims_lint.evidence.as_of import render_as_of
from aims_lint.site.render import Rendered, render_site


def run_render(settings: Settings, today: date, target: Path, as_of: date | None = None, *,
               today_given: bool = False) -> int:
    if as_of is None:
        rendered = render_site(settings, today, target)
    else:
        try:
            staged = render_as_of(settings, as_of, target, today if today_given else None)
        except EvidenceError as exc:
            click.echo(f"aims-lint: cannot stage the system as of {as_of.isoformat()}: {exc}", err=True)
            return 1
        click.echo(f"as of {as_of.isoformat()}: commit {staged.commit[:12]} "
                   f"({staged.committed.date().isoformat()})")
        rendered = staged.rendered
    _report(rendered, target)
    return 0


def _report(rendered: Rendered, target: Path) -> None:
    for problem in rendered.problems:
        click.echo(f"aims-lint: warning: {problem}", err=True)
    click.echo(f"rendered {rendered.pages} page(s) into {target}")
