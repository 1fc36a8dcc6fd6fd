"""`aims-lint build`: lint, stage the site source, build it with MkDocs.

The build stops before MkDocs when the lint finds errors: a site is evidence,
and evidence of a broken system is not published by accident. With `--no-gate`
(the publish workflow) it builds anyway, so the published site shows the lapse
instead of the last green state: every page then opens with a banner and the
dashboard lists the findings. MkDocs' strict mode stays on either way, so a
real build problem (no history, a broken link) still fails. Git history is
read once and serves both the lint and the revision tables. What made the
render incomplete is logged through MkDocs while it builds, so a strict
build fails on it. Both folders written, the site source and MkDocs'
`site_dir`, must be aims-lint's own (see `aims_lint.owned_folder`). The
source folder is checked before the lint; `site_dir` once the MkDocs
configuration can be loaded (it inherits the navigation the render writes),
before MkDocs cleans it.
"""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

from aims_lint import progress
from aims_lint.config import ConfigError, Settings, find_root, load_settings
from aims_lint.engine import lint
from aims_lint.report import text as text_report
from aims_lint.site.render import claim_source, render_site
from aims_lint.site.revisions import collect
from aims_lint.site.site_dir import claim_site_dir, record_build
from aims_lint.site.stamp import keep_footer


def run_build(settings: Settings, today: date, config_file: Path, strict: bool, gate: bool = True) -> int:
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: no MkDocs configuration")
    source = settings.root / settings.site.source_dir
    claim_source(source, settings)  # refuse a folder that is not ours before the lint, not after
    history = collect(settings, [])
    with progress.step("checking the documents"):
        result = lint(settings, today, history=history)
    sys.stderr.write(text_report.render(result))
    if result.exit_code(strict=strict):
        if gate:
            sys.stderr.write("aims-lint: not building the site while the check fails\n")
            return 1
        sys.stderr.write("aims-lint: building the site despite the check (--no-gate): "
                         "every page carries a banner, the dashboard lists the findings\n")
    rendered = render_site(settings, today, source, result, history, gate=gate)
    sys.stderr.write(f"aims-lint: rendered {rendered.pages} page(s) into {source}\n")
    return mkdocs_build(config_file, rendered.problems, settings=settings, footer=rendered.footer)


def mkdocs_build(
    config_file: Path,
    problems: list[str] | None = None,
    *,
    settings: Settings | None = None,
    footer: str = "",
) -> int:
    """Build with MkDocs in strict mode; warnings from any plugin, or ours, fail the build.

    MkDocs empties `site_dir` first, so it must be a folder aims-lint built
    (WriteRefused if not), judged against `settings` (default: those of the
    repository holding `config_file`). `footer` is the render's (see `keep_footer`).
    """
    settings = settings or load_settings(find_root(config_file.parent))
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
        keep_footer(config, footer)
        owned = claim_site_dir(Path(config.site_dir), settings)
        try:
            with progress.step("building the site with MkDocs"):
                build(config)
        finally:
            # Also after a failed build: strict mode aborts after MkDocs has written its pages,
            # and an unrecorded page would make the next build refuse the folder.
            record_build(owned)
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
