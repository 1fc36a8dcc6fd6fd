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

Under `mkdocs serve` (a local preview) the server injects a live-reload script
into every page as it sends it, with a new timestamp each time; the preview's
policy allows inline scripts so that reloading works. Built sites never do.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from importlib import resources

SHIM = "iframe-worker/shim.js"
# The template the shim writes into its frame: the first inline <script> in the write(`...`) call.
_SHIM_TEMPLATE = re.compile(r"document\.write\(`<html><body><script>(.*?)<\\/script>", re.DOTALL)
_PLACEHOLDER = re.compile(r"\$\{(\w+)\}")
_META = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)


def policy(script_hashes: list[str], *, live_reload: bool = False) -> str:
    """The policy text. `live_reload` (under `mkdocs serve` only) allows inline scripts: the
    server injects one into every page it serves, different each time, so no hash can name it."""
    sources = "'unsafe-inline'" if live_reload else " ".join(f"'{h}'" for h in sorted(set(script_hashes)))
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


_EXISTING = re.compile(r"<meta\s+http-equiv=[\"']?Content-Security-Policy", re.IGNORECASE)


def add_policy(page: str, *, live_reload: bool = False) -> str:
    """The page with its policy as the first element of `<head>` after the charset."""
    # Only a policy already in <head> counts: a page whose text merely mentions one (a
    # security policy document, a title in the menu) must still get its own.
    head_end = page.find("</head>")
    if head_end != -1 and _EXISTING.search(page, 0, head_end):
        return page
    hashes = [digest(text) for text in inline_scripts(page)]
    worker = _worker_address(page)
    if worker is not None:
        hashes.append(digest(_shim_script(worker)))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, live_reload=live_reload)}">'
    found = _META.search(page)
    if found:
        return page[: found.end()] + meta + page[found.end() :]
    head = page.find("<head>")
    if head < 0:
        return page  # not a page of the theme (a redirect stub): nothing here runs
    return page[: head + 6] + meta + page[head + 6 :]


def digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


# The theme's own markup around the content is regular (Jinja templates), so its scripts are
# found with a pattern; a full HTML parser would cost seconds per thousand pages.
_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_RUNNABLE = ("", "text/javascript", "application/javascript", "module")


def _outside_article(page: str) -> str:
    """The page without its content area: scripts there are never counted (see the module doc).

    The sanitiser lets no `article` element into the content, so the first `<article` and
    the last `</article>` enclose it."""
    start, end = page.find("<article"), page.rfind("</article>")
    return page if start < 0 or end < start else page[:start] + page[end:]


def _scripts(page: str) -> list[tuple[dict[str, str], str]]:
    found = []
    for match in _SCRIPT.finditer(_outside_article(page)):
        attributes = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(match[1] or "")}
        found.append((attributes, match[2]))
    return found


def inline_scripts(page: str) -> list[str]:
    """Inline scripts a browser would run: no `src`, and not a data block such as `__config`."""
    return [
        text
        for attributes, text in _scripts(page)
        if "src" not in attributes and attributes.get("type", "").strip().lower() in _RUNNABLE
    ]


def _worker_address(page: str) -> str | None:
    """The search worker's address as the theme passes it to `new Worker` (from `__config`)."""
    config = next((text for attributes, text in _scripts(page) if attributes.get("id") == "__config"), None)
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
