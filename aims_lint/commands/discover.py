"""`aims-lint discover`: scan source trees for AI use, report it, return the exit code.

A plain run exits 0 whatever it finds: it is an inventory, not a gate. With `--reconcile` it
exits 1 while an error finding counts (an unregistered use, a model whose supplier has no
current assessment), as `check` does; usage errors are exit 2. `--draft` (which reconciles)
first writes draft records for the unregistered use (aims_lint/ai_usage/drafts.py), then reports
on the register with them.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from aims_lint import own_output
from aims_lint.ai_usage.drafts import write_drafts
from aims_lint.ai_usage.evidence import Discovery
from aims_lint.ai_usage.run import discover, discovery_rules, exit_code
from aims_lint.atomic import check_output
from aims_lint.commands import write_report
from aims_lint.config import Settings
from aims_lint.engine import build_context
from aims_lint.report.discover import DiscoverReport, render, summary


def run_discover(
    settings: Settings,
    today: date,
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    *,
    reconcile: bool = False,
    draft: bool = False,
    force: bool = False,
) -> int:
    if output:
        check_output(output, ours=own_output.DISCOVER[fmt], force=force, option="--output")
    roots = _roots(settings, paths)
    discovery, findings = discover(settings, roots, today, reconcile=reconcile)
    if draft and _drafted(settings, today, discovery):
        # The report says where the register stands with the drafts in it.
        discovery, findings = discover(settings, roots, today, reconcile=reconcile)
    rules = discovery_rules(settings, reconcile=reconcile)
    report = DiscoverReport(discovery, rules, tuple(findings), today)
    colour = fmt == "text" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = render(report, fmt, colour=colour)
    if output:
        write_report(output, text, own_output.DISCOVER[fmt], force)
        sys.stderr.write(f"{summary(report)}; report written to {output}\n")
    else:
        encoding = sys.stdout.encoding or "utf-8"
        sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))
    return exit_code(findings, reconcile=reconcile)


def _drafted(settings: Settings, today: date, discovery: Discovery) -> bool:
    """Write the drafts for the unregistered uses (ai_usage/drafts.py), naming each on stderr;
    whether any was written."""
    ctx = build_context(settings, today)
    drafted = write_drafts(settings, ctx.schemas, ctx.corpus, discovery, today)
    for rel in drafted.written:
        sys.stderr.write(f"aims-lint: wrote draft {rel}\n")
    for reason in drafted.skipped:
        sys.stderr.write(f"aims-lint: {reason}\n")
    return bool(drafted.written)


def _roots(settings: Settings, paths: tuple[Path, ...]) -> list[str]:
    """The paths to scan, as given; with none, the configured repositories' checkouts that exist."""
    if paths:
        missing = [p for p in paths if not os.path.lexists(p)]
        if missing:
            raise click.BadParameter(f"{missing[0]}: no such file or folder", param_hint="PATHS")
        return [p.as_posix() for p in paths]
    cwd = Path.cwd()
    found = []
    for _name, repository in sorted(settings.discover.repositories.items()):
        if repository.path is None:
            continue
        local = settings.root / repository.path
        if local.exists():
            # Shown relative to the current folder, as a PATH argument would have been written.
            found.append(Path(os.path.relpath(local, cwd)).as_posix())
    if not found:
        raise click.UsageError(
            "no PATH given, and no repository under [tool.aims_lint.discover.repositories] has a local "
            "`path` that exists; name the folders to scan"
        )
    return sorted(dict.fromkeys(found))


