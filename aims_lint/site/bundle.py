"""The built site as bytes, reproducibly, for the evidence bundle.

MkDocs stamps the sitemap with the build day and gzips it with a timestamp;
both come from SOURCE_DATE_EPOCH when it is set, so pinning it to the commit's
time makes two builds of the same revision byte-identical. Every page's
footer names the commit and gives `today` as the build date, never the clock;
the files are the commit's own (exported from git), so nothing is uncommitted.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from aims_lint.atomic import WriteRefused
from aims_lint.config import Settings
from aims_lint.history import History
from aims_lint.results import LintResult
from aims_lint.site import stamp
from aims_lint.site.render import render_site


class SiteBuildError(Exception):
    """The site could not be built; the message says why."""


def site_files(settings: Settings, today: date, result: LintResult, history: History,
               when: datetime, prefix: str = "site/") -> dict[str, bytes]:
    """Render and build the site of `settings.root`; every built file by `prefix` + its path."""
    config_file = settings.root / "mkdocs.yml"
    if not config_file.is_file():
        raise SiteBuildError(f"{config_file}: no MkDocs configuration")
    try:
        rendered = render_site(settings, today, settings.root / settings.site.source_dir, result, history,
                               snapshot=stamp.of_commit(history, today))
    except WriteRefused as exc:  # the commit's source_dir is a folder of its own files
        raise SiteBuildError(str(exc)) from None
    with tempfile.TemporaryDirectory(prefix="aims-site-") as out, _source_date(when):
        _build(config_file, Path(out), rendered.problems, rendered.footer)
        files = sorted(p for p in Path(out).rglob("*") if p.is_file())
        return {prefix + p.relative_to(out).as_posix(): p.read_bytes() for p in files}


def _build(config_file: Path, site_dir: Path, problems: list[str], footer: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from aims_lint.site import plugin
    from aims_lint.site.live import ProblemReporter

    try:
        config = load_config(str(config_file), strict=True, site_dir=str(site_dir))
        config.plugins["aims-lint-problems"] = ProblemReporter(problems)
        plugin.ensure(config)  # the bundled site is sanitised like any other build
        stamp.keep_footer(config, footer)
        build(config)
    except (Abort, ConfigurationError) as exc:
        raise SiteBuildError(f"site build failed: {exc}") from None


@contextmanager
def _source_date(when: datetime) -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
