"""What an auditor does with the site, done in Chromium: dashboard, SoA, search, history, file://, safety."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.site_repo import HOSTILE_SUBJECT, payload

pytestmark = pytest.mark.slow

PWNED = "Object.keys(window).filter(k => k.startsWith('__pwned'))"


def _document_title(root: Path, doc_id: str) -> tuple[str, str]:
    """(title, page) of a document, read the way the site reads it."""
    from aims_lint.config import load_settings
    from aims_lint.engine import lint
    from tests.browser.site_repo import TODAY

    for source, doc in lint(load_settings(root), TODAY).corpus.typed:
        if doc.id == doc_id:
            return doc.title, source.path.replace(".md", ".html")
    raise AssertionError(f"{doc_id} not in the repository")


def _h1(page: Any) -> str:
    return str(page.locator("article h1").first.inner_text()).replace("\u00b6", "").strip()


def test_dashboard_shows_the_figures(page: Any, starter_url: str) -> None:
    page.goto(f"{starter_url}/dashboard.html")
    assert _h1(page) == "Dashboard"
    for heading in (
        "Documents by status",
        "Reviews",
        "Readiness for a Stage 1 audit",
        "Statement of Applicability coverage",
        "Nonconformities and corrective actions",
        "Recent changes",
    ):
        assert page.get_by_role("heading", name=heading).count() == 1
    assert page.get_by_role("cell", name="Controls included").count() == 1
    assert page.get_by_text("READY for a Stage 1 audit.", exact=True).count() == 1  # the starter is ready
    assert not page.errors


def test_soa_has_one_row_per_control_and_filters(page: Any, starter_url: str) -> None:
    page.goto(f"{starter_url}/soa.html")
    rows = page.locator("article table tbody tr")
    assert rows.count() == 38
    # the example includes every control, so filter on the implementation status (the second filter)
    status = page.locator(".aims-filter select").nth(1)
    status.select_option("partial")
    visible = page.locator("article table tbody tr:visible")
    partial = visible.count()
    assert 0 < partial < 38
    for index in range(partial):
        assert visible.nth(index).locator("td").nth(4).inner_text() == "partial"
    status.select_option("")
    page.locator(".aims-filter input").fill("A.6.2.4")
    assert page.locator("article table tbody tr:visible").count() == 1
    assert not page.errors


def _search(page: Any, query: str) -> Any:
    """Type into Material's search box; retry while its worker is still loading the index."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item")
    for _ in range(15):
        box.fill("")
        box.press_sequentially(query)
        try:
            results.first.wait_for(timeout=2_000)
            return results
        except Exception:  # playwright's TimeoutError: the index was not ready yet
            continue
    raise AssertionError(f"no search results for {query!r}")


def test_search_finds_a_policy_by_title_and_shows_its_history(
    page: Any, starter_url: str, starter_site: Path
) -> None:
    title, path = _document_title(starter_site, "POL-001")
    page.goto(f"{starter_url}/index.html")
    results = _search(page, title)
    exact = re.compile(rf"^\s*{re.escape(title)}\s*$")
    results.locator("h1").filter(has_text=exact).first.click()
    page.wait_for_url(re.compile(re.escape(path) + r"(\?[^#]*)?(#.*)?$"))
    assert _h1(page) == title
    assert page.locator(".aims-panel").get_by_role("cell", name="POL-001").count() == 1
    heading = "h2#user-content-revision-history"  # ids in the content carry the sanitiser's prefix
    history = page.locator(f"{heading} ~ div table, {heading} ~ table").first
    assert history.locator("tbody tr").count() >= 1
    assert re.fullmatch(r"[0-9a-f]{7}", history.locator("tbody tr td code").first.inner_text())


def test_pages_and_search_work_from_file_urls(page: Any, starter_site: Path) -> None:
    site = starter_site / "site"
    page.goto((site / "policies" / "ai-policy.html").as_uri())
    assert page.locator(".aims-panel").count() == 1
    page.get_by_role("link", name="Dashboard").first.click()
    page.wait_for_url(re.compile(r"dashboard\.html$"))
    assert page.url.startswith("file://")
    title, _ = _document_title(starter_site, "POL-001")
    results = _search(page, title)  # offline search: vendored worker shim and inlined index
    assert results.locator("h1").filter(has_text=re.compile(rf"^\s*{re.escape(title)}\s*$")).count() == 1
    assert not page.errors


def test_injected_markup_shows_as_text_and_never_runs(page: Any, hostile_url: str) -> None:
    pages = [
        "policies/hostile.html",
        "policies/roles.html",
        "soa.html",
        "controls/A.2.2.html",
        "dashboard.html",
        "documents.html",
        "index.html",
    ]
    for name in pages:
        page.goto(f"{hostile_url}/{name}")
        page.mouse.move(200, 300)
        assert page.evaluate(PWNED) == [], name
    page.goto(f"{hostile_url}/policies/hostile.html")
    for field in ("title", "owner", "subject"):  # the body's raw HTML is sanitised, not shown
        assert page.get_by_text(payload(field), exact=False).count() >= 1, field
    assert page.get_by_text(HOSTILE_SUBJECT, exact=False).count() >= 1
    assert "<script>" in page.title()
    page.get_by_text("raw block", exact=False).first.hover()
    assert page.get_by_role("link", name="click me").count() == 0  # no href left: not a link
    page.get_by_text("click me", exact=True).click()
    page.get_by_text("entity", exact=True).click()
    assert page.evaluate(PWNED) == []
    page.goto(f"{hostile_url}/soa.html")
    assert page.get_by_text(payload("justification"), exact=False).count() == 1
    results = _search(page, "Hostile")  # results show the title holding the payload
    assert results.filter(has_text="window.__pwned_title=1").count() >= 1
    assert page.evaluate(PWNED) == []
    assert not page.errors
