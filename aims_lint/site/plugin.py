"""The `aims-lint` MkDocs plugin: every page's content sanitised, a CSP on every page.

It runs wherever the site is built: `aims-lint build` and `aims-lint serve`
add it when mkdocs.yml does not list it, and the mkdocs.yml that `init`
writes lists it under `plugins:`, so a plain `mkdocs build` (or
`properdocs build`) of the staged source is sanitised too.

- `on_page_content` (run last) cleans the HTML that Markdown made of the page
  (see `sanitise`). It runs after Markdown and before the theme wraps the
  page, so the table of contents keeps its headings and the search index,
  which is read from this content, is built from the cleaned HTML.
- `on_post_page` adds the Content-Security-Policy `<meta>` (see `csp`; under
  `mkdocs serve` it allows the live-reload script the server injects), and
  `on_post_template` adds it to the theme's own pages (404.html).
- `on_post_build` cleans the `title` and `text` of every search-index entry
  once more, after the search plugin wrote the index and before the offline
  plugin inlines it into `search_index.js`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.plugins import BasePlugin, event_priority

from aims_lint.atomic import write_atomic
from aims_lint.site import csp, sanitise

NAME = "aims-lint"


class SafeSite(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # no options: no config class
    def __init__(self, serving: bool = False) -> None:
        super().__init__()
        self.serving = serving

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"  # see csp: the preview's live reload is an inline script

    @event_priority(-100)  # after every plugin that changes the content
    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        cleaned = sanitise.content(html)
        sanitise.prefix_toc(page.toc)
        return cleaned

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return csp.add_policy(output, live_reload=self.serving)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        """The theme's own pages (404.html) get the policy too; sitemap.xml is no page."""
        if template_name.endswith(".html"):
            return csp.add_policy(output_content, live_reload=self.serving)
        return output_content

    @event_priority(-50)  # search writes the index at 0, offline inlines it at -100
    def on_post_build(self, *, config: Any) -> None:
        clean_search_index(Path(config.site_dir))


def clean_search_index(site: Path) -> None:
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"] = [sanitise.search_entry(entry) for entry in data.get("docs", [])]
    cleaned = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_atomic(index, cleaned, durable=False)  # a build output, cheap to make again


def ensure(config: Any) -> None:
    """Add the plugin to a loaded configuration that does not list it."""
    if NAME not in config.plugins:
        from aims_lint.site import live

        config.plugins[NAME] = SafeSite(serving=live.OPTIONS.command == "serve")
