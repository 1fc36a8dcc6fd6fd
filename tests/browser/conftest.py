"""A real browser (Debian's Chromium, driven by Playwright) on real built sites.

Locally, a machine without Chromium or Playwright skips these tests; with CI
set, that is a failure: the browser tests are part of what CI must prove.
Every page records its requests, and a test fails if one leaves the machine.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.browser.site_repo import shared_site

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome-error:")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the base class names it so
        pass


def _serve(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def starter_site() -> Path:
    return shared_site("starter")


@pytest.fixture(scope="session")
def hostile_site() -> Path:
    return shared_site("hostile")


@pytest.fixture(scope="session")
def starter_url(starter_site: Path) -> Iterator[str]:
    yield from _serve(starter_site / "site")


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    yield from _serve(hostile_site / "site")


# The sites of tests/hardening/hostile_site.py: built once per run, only read, each served
# once per session (test_security.py).
@pytest.fixture(scope="session")
def markup_url() -> Iterator[str]:
    from tests.hardening.hostile_site import built

    yield from _serve(built("markup") / "site")


@pytest.fixture(scope="session")
def leaky_url() -> Iterator[str]:
    from tests.hardening.hostile_site import built

    yield from _serve(built("leaky") / "site")


@pytest.fixture(scope="session")
def payloads_url() -> Iterator[str]:
    from tests.hardening.hostile_site import built

    yield from _serve(built("payloads") / "site")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every request, script error and Content-Security-Policy
    violation: the policy must never get in the theme's way (a test that provokes one on
    purpose clears `tab.violations` after checking it)."""
    context = browser.new_context()
    tab = context.new_page()
    tab.requests = []
    tab.errors = []
    tab.violations = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda message: _violation(tab, message))
    yield tab
    context.close()
    outside = [url for url in tab.requests if not _local(url)]
    assert not outside, f"requests left the machine: {outside}"
    assert not tab.violations, f"the Content-Security-Policy blocked: {tab.violations}"


def _violation(tab: Any, message: Any) -> None:
    if message.type == "error" and "Content Security Policy" in message.text:
        tab.violations.append(message.text)


def _local(url: str) -> bool:
    return url.startswith(LOCAL_SCHEMES) or url.startswith(("http://127.0.0.1:", "http://localhost:"))
