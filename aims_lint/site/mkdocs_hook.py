"""MkDocs hook for live reload: `aims-lint serve` adds it; nothing else needs it.

Under `mkdocs serve` it re-renders the site source from the documents before
every rebuild and watches the document folders. Under `mkdocs build` it does
nothing more: the source was rendered by `aims-lint render` or `aims-lint build`.
Under both it adds the `aims-lint` plugin (sanitiser and CSP, `plugin.py`)
when mkdocs.yml does not list it.
To use it with a plain `mkdocs serve`, list this file under `hooks:` in
mkdocs.yml (aims_lint must be importable). Imports are deferred so that
loading the hook costs nothing when it has nothing to do.
"""

from __future__ import annotations

from typing import Any


def on_startup(*, command: str, dirty: bool) -> None:
    from aims_lint.site import live

    live.on_startup(command)


def on_config(config: Any) -> Any:
    from aims_lint.site import live, plugin

    plugin.ensure(config)  # sanitised content and a CSP, even if mkdocs.yml does not list it
    return live.on_config(config)


def on_serve(server: Any, *, config: Any, builder: Any) -> Any:
    from aims_lint.site import live

    return live.on_serve(server, config, builder)
