"""`aims-lint serve`: render the site, then `mkdocs serve` it with live reload.

The hook in `aims_lint/site/mkdocs_hook.py` is added to the configuration
(unless mkdocs.yml lists it already), so every edit to a document re-renders
the source and reloads the browser. Findings do not stop a preview: they are
shown on the pages they concern.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from aims_lint.config import ConfigError, Settings
from aims_lint.site import live
from aims_lint.site.render import render_site

HOOK = Path(__file__).resolve().parent.parent / "site" / "mkdocs_hook.py"


def run_serve(settings: Settings, today: date, config_file: Path, dev_addr: str | None) -> int:
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: no MkDocs configuration")
    # The first render makes the inherited navigation file exist before MkDocs reads it.
    render_site(settings, today, settings.root / settings.site.source_dir)
    live.OPTIONS.root, live.OPTIONS.today = settings.root, today
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    from aims_lint.commands.build import _log_to_stderr

    _log_to_stderr()
    hooks = [*_configured_hooks(config_file), str(HOOK)]
    try:
        if dev_addr:
            serve(str(config_file), hooks=hooks, dev_addr=dev_addr)
        else:
            serve(str(config_file), hooks=hooks)
    except (Abort, ConfigurationError) as exc:
        sys.stderr.write(f"aims-lint: serve failed: {exc}\n")
        return 1
    return 0


def _configured_hooks(config_file: Path) -> list[str]:
    """Hooks mkdocs.yml lists already (resolved), without ours, which is added once."""
    import yaml

    try:
        data = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    hooks = data.get("hooks") if isinstance(data, dict) else None
    paths = [(config_file.parent / h).resolve() for h in hooks or [] if isinstance(h, str)]
    return [str(p) for p in paths if p != HOOK]
