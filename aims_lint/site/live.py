"""The MkDocs side of the site: report render problems, and re-render for `mkdocs serve`.

Rendering is done by `aims-lint render`/`build` before MkDocs runs. Besides
the `aims-lint` plugin, which sanitises every page (`plugin.py`), two small
things run inside MkDocs:

- `ProblemReporter`, added by `aims-lint build`, logs what made the render
  incomplete (no git history, say) through MkDocs' own logger while it builds,
  so `strict: true` fails the build on it like on any other warning;
- the hook in `mkdocs_hook.py` calls `on_startup`/`on_config`/`on_serve` here,
  and only under `mkdocs serve` re-renders the source before each rebuild and
  watches the document folders, so editing a policy reloads the browser.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin

log = logging.getLogger("mkdocs.plugins.aims_lint")


def report(problems: list[str]) -> None:
    for problem in problems:
        log.warning("aims-lint: %s", problem)


class ProblemReporter(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # no options: no config class
    """Logs the render's problems once the build (and its strict counter) has started."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems

    def on_pre_build(self, *, config: Any) -> None:
        report(self.problems)


@dataclass
class LiveOptions:
    """Set by `aims-lint serve`; a plain `mkdocs serve` finds the repository from mkdocs.yml."""

    command: str | None = None
    root: Path | None = None
    today: date | None = None


OPTIONS = LiveOptions()


def on_startup(command: str) -> None:
    OPTIONS.command = command


def on_config(config: Any) -> Any:
    """Before each `mkdocs serve` rebuild: render the source into docs_dir (changed files only)."""
    if OPTIONS.command != "serve":
        return config
    from mkdocs.exceptions import Abort

    from aims_lint.atomic import WriteRefused
    from aims_lint.site.render import render_site

    settings = _settings(config)
    try:
        rendered = render_site(settings, OPTIONS.today or date.today(), Path(config.docs_dir))
    except WriteRefused as exc:  # docs_dir is not aims-lint's folder: stop, nothing written
        raise Abort(f"aims-lint: {exc}") from None
    report(rendered.problems)
    # The configuration was read (with the navigation file it inherits) before this render.
    from aims_lint.site.stamp import keep_footer

    keep_footer(config, rendered.footer)
    return config


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Watch the documents, schemas and guides, so any edit triggers a re-render."""
    from aims_lint.discover import document_folders

    settings = _settings(config)
    for name in (*document_folders(settings), settings.schemas, "docs", "pyproject.toml", "aims-lint.toml"):
        path = settings.root / name
        if path.exists():
            server.watch(str(path))
    return server


def _settings(config: Any) -> Any:
    from aims_lint.config import find_root, load_settings

    root = OPTIONS.root or find_root(Path(config.config_file_path).parent)
    return load_settings(root)
