"""A Content-Security-Policy `<meta>` for every built page.

The sanitiser is the first line; this is the second: even if markup slipped
through, the browser would run no script the build did not count. Scripts
load from the site itself, and the theme's few inline scripts are allowed by
their SHA-256 hashes, computed from the page as built, outside its `<article>`
(the content area, which the sanitiser has cleaned: nothing there is hashed). Nothing loads from
elsewhere: no frames, objects, fonts or connections outside the site.

Search runs in a web worker (`worker-src 'self'`). From `file://`, where
browsers refuse workers, the vendored iframe-worker shim runs it in a hidden
`about:blank` frame instead, which inherits this policy; the one inline script
the shim writes into that frame names the worker's address, so its hash is
computed per page as well (`_shim_script`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from importlib import resources

SHIM = "iframe-worker/shim.js"
# The template the shim writes into its frame: the first inline <script> in the write(`...`) call.
_SHIM_TEMPLATE = re.compile(r"document\.write\(`<html><body><script>(.*?)<\\/script>", re.DOTALL)
_PLACEHOLDER = re.compile(r"\$\{(\w+)\}")
_META = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)


def policy(script_hashes: list[str]) -> str:
    sources = " ".join(f"'{h}'" for h in sorted(set(script_hashes)))
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src 'self' {sources}".rstrip(),
            "worker-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",  # the theme's icons are data: SVGs in its stylesheet
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "frame-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
        ]
    )


def add_policy(page: str) -> str:
    """The page with its policy as the first element of `<head>` after the charset."""
    if "Content-Security-Policy" in page:
        return page
    hashes = [digest(text) for text in inline_scripts(page)]
    worker = _worker_address(page)
    if worker is not None:
        hashes.append(digest(_shim_script(worker)))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    found = _META.search(page)
    if found:
        return page[: found.end()] + meta + page[found.end() :]
    head = page.find("<head>")
    if head < 0:
        return page  # not a page of the theme (a redirect stub): nothing here runs
    return page[: head + 6] + meta + page[head + 6 :]


def digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


class _Scripts(HTMLParser):
    """Inline scripts a browser would run: no `src`, and not a data block such as `__config`.

    Scripts inside `<article>`, where the page's content goes, are never counted: the
    sanitiser leaves none there, and should one ever get through, no hash would allow it.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self.config: str | None = None
        self._current: list[str] | None = None
        self._is_config = False
        self._runs = False
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._in_article += 1
        if tag != "script" or self._in_article:
            return
        names = dict(attrs)
        kind = (names.get("type") or "").strip().lower()
        self._is_config = names.get("id") == "__config"
        runs = kind in ("", "text/javascript", "module", "application/javascript")
        self._current = [] if (runs and "src" not in names) or self._is_config else None
        self._runs = runs and "src" not in names

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = max(0, self._in_article - 1)
        if tag == "script" and self._current is not None:
            text = "".join(self._current)
            if self._is_config:
                self.config = text
            if self._runs:
                self.found.append(text)
            self._current = None


def _parse(page: str) -> _Scripts:
    parser = _Scripts()
    parser.feed(page)
    parser.close()
    return parser


def inline_scripts(page: str) -> list[str]:
    return _parse(page).found


def _worker_address(page: str) -> str | None:
    """The search worker's address as the theme passes it to `new Worker` (from `__config`)."""
    config = _parse(page).config
    if config is None:
        return None
    try:
        search = json.loads(config).get("search")
    except (ValueError, AttributeError):
        return None
    return search if isinstance(search, str) else None


def _shim_script(worker: str) -> str:
    """The inline script the shim writes into its frame for this worker address."""
    shim = resources.files("aims_lint.site").joinpath("assets", SHIM).read_text(encoding="utf-8")
    template = _SHIM_TEMPLATE.search(shim)
    if template is None:
        raise RuntimeError(f"{SHIM}: frame template not found; was the shim updated?")
    values = {"e": worker, **{name: _function(shim, name) for name in ("c", "d")}}
    return _PLACEHOLDER.sub(lambda m: values[m[1]], template[1])


def _function(source: str, name: str) -> str:
    """The source text of `function NAME(...){...}`: what the browser's `${NAME}` gives."""
    start = source.index(f"function {name}(")
    depth = 0
    for index in range(source.index("{", start), len(source)):
        depth += {"{": 1, "}": -1}.get(source[index], 0)
        if depth == 0:
            return source[start : index + 1]
    raise RuntimeError(f"{SHIM}: function {name} is not closed")
