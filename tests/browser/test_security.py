"""Site security in Chromium: injected markup never runs, confidential documents never leak,
and no page reaches beyond the machine. Builds on test_site_browser.py (its safety test
covers the original hostile site); the sites here are in tests/hardening/hostile_site.py.

SECURITY.md counts the tests in this module (tests/hardening/test_security_doc.py).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import _local
from tests.browser.site_repo import TODAY, git, payload
from tests.hardening.hostile_site import AUTHOR, SECRET, SECRET_ID, built

pytestmark = pytest.mark.slow

# What a page must not contain once the browser has parsed it: globals set by a payload,
# event-handler attributes, script-bearing URLs, embedded frames, payload scripts.
AUDIT = """() => {
  const all = [...document.querySelectorAll('*')];
  const urls = all.flatMap(e => ['href', 'src', 'action', 'formaction', 'data', 'xlink:href']
      .map(a => e.getAttribute(a)).filter(Boolean));
  return {
    globals: Object.keys(window).filter(k => k.startsWith('__pwned')),
    handlers: all.flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name))
      .map(a => e.tagName + ' ' + a.name)),
    urls: urls.filter(u => /^\\s*(javascript|vbscript|data):/i.test(u.replace(/[\\x00-\\x20]/g, ''))),
    // The one frame allowed: the offline search shim's hidden, empty one (file:// only).
    frames: all.filter(e => /^(IFRAME|FRAME|OBJECT|EMBED)$/.test(e.tagName))
      .filter(e => !(e.tagName === 'IFRAME' && e.hidden && !e.hasAttribute('src')
                     && e.parentElement === document.body && location.protocol === 'file:'))
      .map(e => e.tagName),
    scripts: [...document.scripts].filter(s => s.text.includes('__pwned')).length,
  };
}"""
CLEAN = {"globals": [], "handlers": [], "urls": [], "frames": [], "scripts": 0}
# Where each field carrying markup is shown as text.
# Bodies are absent here: raw HTML in a body is HTML, and the sanitiser removes what runs.
SHOWN_ON = {
    "policies/hostile.html": ["title", "owner", "approver", "related", "control", "unknown_key",
                              "subject", "trailer"],
    "policies/roles.html": ["role_title", "holder", "responsibilities"],
    "soa.html": ["justification", "reason"],
    "records/late-review.html": ["action"],
    "inventory.html": ["supplier"],
}


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def visit(page: Any, url: str) -> None:
    page.goto(url)
    for x, y in ((5, 5), (200, 150), (400, 300), (700, 500), (300, 650)):
        page.mouse.move(x, y)  # hover handlers, had any survived, fire now


def test_no_injected_markup_runs_on_any_page(page: Any, markup_url: str) -> None:
    site = built("markup") / "site"
    names = pages(site)
    assert len(names) > 40
    for name in names:
        visit(page, f"{markup_url}/{name}")
        assert page.evaluate(AUDIT) == CLEAN, name
    assert not page.errors


def test_every_field_with_markup_shows_as_typed(page: Any, markup_url: str) -> None:
    for name, fields in SHOWN_ON.items():
        page.goto(f"{markup_url}/{name}")
        for field in fields:
            assert page.get_by_text(payload(field), exact=False).count() >= 1, (name, field)
    page.goto(f"{markup_url}/policies/hostile.html")
    author = git(built("markup"), "log", "-1", "--format=%an").strip()
    assert author == AUTHOR[0] and page.get_by_text(author, exact=False).count() >= 1
    assert page.evaluate(AUDIT) == CLEAN


def sample(names: list[str]) -> list[str]:
    """Every page except generated clause and control pages, of which the first three each:
    those come from one generator each (all of them are opened over http above)."""
    kept = [n for n in names if not n.startswith(("clauses/", "controls/"))]
    generated = [[n for n in names if n.startswith(kind)][:3] for kind in ("clauses/", "controls/")]
    return kept + generated[0] + generated[1]


def test_no_page_reaches_beyond_the_machine_from_file_urls(page: Any) -> None:
    site = built("leaky") / "site"  # the starter system: every kind of page, with real content
    blocked: list[str] = []

    def guard(route: Any) -> None:
        if _local(route.request.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    for name in sample(pages(site)):
        page.goto((site / name).as_uri())
    assert blocked == []  # and the page fixture re-checks every request it saw


def test_search_knows_nothing_of_a_withheld_document(page: Any, leaky_url: str) -> None:
    from playwright.sync_api import expect

    from tests.browser.test_site_browser import _search

    page.goto(f"{leaky_url}/index.html")
    _search(page, "Public follow-up")  # the index works: a published record is found
    for secret in (SECRET, SECRET_ID):
        box = page.locator("input.md-search__input")
        box.fill("")
        expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
        box.press_sequentially(secret)
        # The search has answered this query (not the one before) once the count says so.
        expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
        assert page.locator(".md-search-result__item").count() == 0, secret


def _every_file(site: Path) -> Iterator[tuple[str, str]]:
    """(relative name, text) of every file of a built site; gzip opened, JSON parsed and re-read."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace")
        if path.suffix == ".json":
            text += json.dumps(json.loads(text), ensure_ascii=False)  # \\u escapes decoded
        yield path.relative_to(site).as_posix(), text


def test_a_withheld_document_leaves_no_trace_in_any_file(tmp_path: Path) -> None:
    from aims_lint.config import load_settings
    from aims_lint.site.render import render_site

    root = built("leaky")
    markers = [SECRET.lower(), SECRET_ID.lower(), f"{SECRET.lower()}-review"]
    files = dict(_every_file(root / "site"))
    assert {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "soa.html"} <= set(files)
    for name, text in files.items():
        for marker in markers:
            assert marker not in name.lower() and marker not in text.lower(), (name, marker)
    # The same system rendered for an internal audience shows the marker in every place it was
    # planted, so the check above can fail: SoA, inventory, related list, commit subjects.
    internal = load_settings(root, {"site": {"exclude_confidential": False}})
    render_site(internal, TODAY, tmp_path / "internal")
    staged = {p.relative_to(tmp_path / "internal").as_posix(): p.read_text(encoding="utf-8")
              for p in (tmp_path / "internal").rglob("*.md")}
    for page_name in ("soa.md", "inventory.md", "dashboard.md", "records/public-follow-up.md"):
        assert SECRET_ID in staged[page_name], page_name


# Moves the pointer over an element (scrolled into view first), so a hover handler would fire.
_POINT_AT = """([selector, index]) => {
  const element = document.querySelectorAll(selector)[index];
  if (!element) return null;
  element.scrollIntoView({block: 'center', inline: 'center'});
  const r = element.getBoundingClientRect();
  return r.width && r.height ? [r.x + r.width / 2, r.y + r.height / 2] : null;
}"""
# An inline script added after load: the policy must refuse it (its hash is not listed).
_INLINE_PROBE = """() => {
  const s = document.createElement('script');
  s.textContent = 'window.__inline_ran = 1';
  document.head.appendChild(s);
  return window.__inline_ran === 1;
}"""


def hover_everything(page: Any, selector: str) -> int:
    count = int(page.locator(selector).count())
    for index in range(count):
        point = page.evaluate(_POINT_AT, [selector, index])
        if point:
            page.mouse.move(*point)
    return count


def click_every_link(page: Any, url: str, selector: str, reopen: Any = None) -> int:
    """Click each link matched on `url` (after `reopen`, e.g. a search), auditing wherever it led.

    The page is opened again only when a click left it: a `javascript:` link would have run
    where it was clicked, and the audit right after the click would see it."""

    def open_page() -> None:
        page.goto(url)
        if reopen:
            reopen()

    open_page()
    count = int(page.locator(selector).count())
    for index in range(count):
        if index and (page.url.split("#")[0] != url or reopen):
            open_page()
        page.locator(selector).nth(index).click(force=True, timeout=5_000)
        page.wait_for_load_state()
        # Where the audit ran is read in the same call: a click on a link to a missing file can
        # land on the browser's error page after page.url was read (seen under load, file://).
        where, found = page.evaluate(f"() => [location.href, ({AUDIT})()]")
        if not where.startswith("chrome-error:"):  # a missing file: the browser's page, not ours
            assert found == CLEAN, (selector, index, where)
    return count


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_payloads_in_every_markdown_construct_never_run(page: Any, payloads_url: str, scheme: str) -> None:
    """The public policy of tests/hardening/hostile_site.py (PAYLOAD_BODY) holds every body
    construct the old escaper misread, each carrying a payload; the site is built by a plain
    `mkdocs build`. Open it and a search for its words, hover everything, click every link."""
    site = built("payloads") / "site"
    base = payloads_url if scheme == "http" else site.as_uri()
    url = f"{base}/policies/payloads.html"
    page.goto(url)
    assert page.get_by_text("Zyxomarker payload words", exact=False).count() == 1
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert page.locator("article #user-content-__search").count() == 1  # the theme keeps its own id
    assert hover_everything(page, "article *") > 50
    assert page.evaluate(AUDIT) == CLEAN
    assert click_every_link(page, url, "article a") >= 16  # the body alone has 16

    def search() -> None:
        from tests.browser.test_site_browser import _search

        _search(page, "Zyxomarker")

    page.goto(url)
    search()
    hover_everything(page, ".md-search-result *")
    assert page.evaluate(AUDIT) == CLEAN
    assert click_every_link(page, url, ".md-search-result a", search) >= 1
    # The policy is live, over http and from file:// alike: an injected inline script is refused.
    page.goto(url)
    assert page.evaluate(_INLINE_PROBE) is False
    assert page.violations and all("script-src" in v for v in page.violations)
    page.violations.clear()
    assert not page.errors
