"""`aims-lint build`: lint, stage the site source, build it with MkDocs.

The build stops before MkDocs when the lint finds errors: a site is evidence,
and evidence of a broken system is not published by accident. Git history is
read once and serves both the lint and the revision tables. What made the
render incomplete is logged through MkDocs while it builds, so a strict
build fails on it.
"""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

from aims_lint.config import ConfigError, Settings
from aims_lint.engine import lint
from aims_lint.report import text as text_report
from aims_lint.site.render import render_site
from aims_lint.site.revisions import collect


def run_build(settings: Settings, today: date, config_file: Path, strict: bool) -> int:
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: no MkDocs configuration")
    history = collect(settings, [])
    try:
        result = lint(settings, today, history=history)
        sys.stderr.write(text_report.render(result))
        if result.exit_code(strict=strict):
            sys.stderr.write("aims-lint: not building the site while the check fails\n")
            return 1
        source = settings.root / settings.site.source_dir
        rendered = render_site(settings, today, source, result, history)
    finally:
        history.close()
    sys.stderr.write(f"aims-lint: rendered {rendered.pages} page(s) into {source}\n")
    return mkdocs_build(config_file, rendered.problems)


def mkdocs_build(config_file: Path, problems: list[str] | None = None) -> int:
    """Build with MkDocs in strict mode; warnings from any plugin, or ours, fail the build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from aims_lint.site import plugin
    from aims_lint.site.live import ProblemReporter

    _log_to_stderr()
    try:
        config = load_config(str(config_file), strict=True)
        config.plugins["aims-lint-problems"] = ProblemReporter(problems or [])
        plugin.ensure(config)  # an older mkdocs.yml may not list it: the site is sanitised anyway
        build(config)
    except (Abort, ConfigurationError) as exc:
        sys.stderr.write(f"aims-lint: site build failed: {exc}\n")
        return 1
    return 0


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time (tests and callers may swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def _log_to_stderr() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
