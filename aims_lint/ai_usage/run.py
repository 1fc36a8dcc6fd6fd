"""One discovery run: walk the trees, build the rules' Context, run the discovery rules.

`discover()` is what `aims-lint discover` calls (aims_lint/commands/discover.py) and what the
tests and the site call. A plain run judges only what the walk found (AIMS1201-AIMS1209), so it
reads no document: it may run from any folder, over any checkout. With `reconcile`, the Context
holds the repository's whole corpus too (as `engine.build_context` builds it for `check`), and the
reconcile rules (AIMS1220-AIMS1249) compare the uses with the AI system records and the supplier
register.

Configuration applies as it does to `check`, with one exception: `ignore`, `severity` and
`suppress` reach the discovery rules, but `select` does not, because it lists the rules a `check`
runs, and a discover that ran none of its own rules would look like a clean tree.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePosixPath

from aims_lint.ai_usage import signatures
from aims_lint.ai_usage.evidence import Discovery, Unreadable, Use
from aims_lint.ai_usage.findings import is_reconcile_rule
from aims_lint.ai_usage.scanner import Scanner
from aims_lint.ai_usage.sources import locate
from aims_lint.ai_usage.walk import walk
from aims_lint.config import Settings
from aims_lint.corpus import Corpus

# The engine's own handling of one rule and of the settings, so a finding of `discover` fails,
# is suppressed and changes severity exactly as one of `check` does.
from aims_lint.engine import apply_settings, build_context, matches, run_rule
from aims_lint.results import Finding
from aims_lint.rule import Context, Rule
from aims_lint.rules import REGISTRY
from aims_lint.schemas import SchemaSet

__all__ = ["discover", "discovery_rules", "exit_code", "is_reconcile_rule"]


def discovery_rules(settings: Settings, *, reconcile: bool) -> tuple[Rule, ...]:
    """The discovery rules a run executes, in code order: `ignore` leaves some out."""
    return tuple(
        rule for rule in REGISTRY
        if rule.RULE.discovery
        and (reconcile or not is_reconcile_rule(rule.RULE.code))
        and not any(matches(rule, key) for key in settings.ignore)
    )


def discover(
    settings: Settings,
    paths: Sequence[str],
    today: date,
    *,
    reconcile: bool = False,
    scanners: Sequence[Scanner] | None = None,
    cwd: Path | None = None,
) -> tuple[Discovery, list[Finding]]:
    """Scan `paths` (as given: relative to `cwd`, default the current folder, or absolute).

    `scanners` defaults to every scanner discovery has (`scanners.SCANNERS`); tests pass their own.
    Returns what was found and the discovery rules' findings, sorted like a check's.
    """
    from aims_lint.ai_usage.scanners import SCANNERS  # filled by the scanner modules, read at call time

    folder = cwd if cwd is not None else Path.cwd()
    roots = tuple(PurePosixPath(Path(p).as_posix()).as_posix() for p in paths)
    walked = walk(
        roots,
        SCANNERS if scanners is None else scanners,
        signatures.load(settings),
        cwd=folder,
        exclude=settings.discover.exclude,
        max_file_bytes=settings.discover.max_file_bytes,
    )
    discovery = Discovery(
        roots=roots,
        uses=tuple(sorted({i for i in walked.items if isinstance(i, Use)})),
        unreadable=tuple(sorted(
            {i for i in walked.items if isinstance(i, Unreadable)}, key=lambda u: (u.path, u.line, u.message)
        )),
        files_scanned=walked.files,
        files_visited=walked.visited,
        resolved_roots=tuple(os.path.realpath(folder / root) for root in roots),
    )
    if reconcile:
        ctx = build_context(settings, today)
        # Where the records' `sources` point, found here: the rules read no file (sources.py).
        discovery = replace(discovery, sources=locate(settings, ctx.corpus))
    else:
        ctx = _bare_context(settings, today)
    ctx = replace(ctx, discovered=discovery)
    findings = [f for rule in discovery_rules(settings, reconcile=reconcile) for f in run_rule(rule, ctx)]
    return discovery, sorted(apply_settings(f, settings) for f in findings)


def _bare_context(settings: Settings, today: date) -> Context:
    """A Context without documents: a plain discover judges only what the walk found."""
    return Context(Corpus([]), settings, SchemaSet(by_type={}), today)


def exit_code(findings: Sequence[Finding], *, reconcile: bool) -> int:
    """0 for a plain run whatever it found; with `reconcile`, 1 while an error finding counts (as check)."""
    if not reconcile:
        return 0
    return 1 if any(f.counts and f.severity.value == "error" for f in findings) else 0
