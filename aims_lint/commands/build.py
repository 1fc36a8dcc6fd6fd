"""`aims-lint build`: lint, stage the site source, build it with MkDocs.

The build stops before MkDocs when the lint finds errors: a site is evidence,
and evidence of a broken system is not published by accident.
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


def run_build(settings: Settings, today: date, config_file: Path, strict: bool) -> int:
    result = lint(settings, today)
    sys.stderr.write(text_report.render(result))
    if result.exit_code(strict=strict):
        sys.stderr.write("aims-lint: not building the site while the check fails\n")
        return 1
    source = settings.root / settings.site.source_dir
    count = render_site(settings, today, source, result)
    sys.stderr.write(f"aims-lint: rendered {count} page(s) into {source}\n")
    return mkdocs_build(config_file)


def mkdocs_build(config_file: Path) -> int:
    """Build with MkDocs in strict mode; warnings from any plugin fail the build."""
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: no MkDocs configuration")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    try:
        config = load_config(str(config_file), strict=True)
        build(config)
    except (Abort, ConfigurationError) as exc:
        sys.stderr.write(f"aims-lint: site build failed: {exc}\n")
        return 1
    return 0
