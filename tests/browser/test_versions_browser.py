"""An auditor opens an earlier approved version of a policy and what changed since, in Chromium.

The starter system in git, with the AI policy re-approved one minor version
up (a word added, the summary reworded), built by the real `aims-lint build`
and served from a local folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import _serve
from tests.browser.site_repo import build, commit_all, starter_repo
from tests.test_site_versions import NEW_WORDS, OLD_WORDS, SUMMARY, bump

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def versions_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str, str]]:
    root = starter_repo(tmp_path_factory.mktemp("versions-site") / "repo")
    old, new = bump(root)
    commit_all(root, f"Approve AI policy {new}\n\nApproved-by: Dana Reyes <dana@fennwick.example>\n",
               "2026-12-02T10:00:00+00:00")
    assert build(root) == 0
    for url in _serve(root / "site"):
        yield url, root / "site", old, new


def _table_after(heading: str) -> str:
    # Material wraps each table in a scrolling div once its script has run.
    return f"{heading} ~ div table, {heading} ~ table"


def _h1(page: Any) -> str:
    return str(page.locator("article h1").first.inner_text()).replace("\u00b6", "").strip()


def test_an_earlier_approved_version_and_its_changes_open_from_the_document(
    page: Any, versions_site: tuple[str, Path, str, str]
) -> None:
    url, _, old, new = versions_site
    page.goto(f"{url}/policies/ai-policy.html")
    heading = "h2#user-content-approved-versions"
    listing = page.locator(_table_after(heading)).first
    assert listing.locator("tbody tr").count() == 2
    assert NEW_WORDS in page.locator("article").inner_text()

    listing.get_by_role("link", name=f"v{old}", exact=True).click()
    page.wait_for_url(re.compile(rf"versions/policies/ai-policy/v{re.escape(old)}\.html$"))
    assert _h1(page) == f"AI policy, v{old}"
    article = page.locator("article")
    assert OLD_WORDS in article.inner_text() and NEW_WORDS not in article.inner_text()
    assert page.locator(".aims-version").get_by_text("read only").count() == 1
    assert page.locator(".aims-panel").get_by_role("cell", name=old, exact=True).count() == 1

    page.goto(f"{url}/policies/ai-policy.html")
    page.locator(_table_after(heading)).first.get_by_role("link", name="what changed").click()
    page.wait_for_url(re.compile(rf"v{re.escape(new)}-changes\.html$"))
    assert page.locator(".aims-redline ins").first.inner_text().strip() == "vetted"
    fields = page.locator(_table_after("h2#user-content-front-matter")).first
    version_row = fields.locator("tr", has=page.locator("code", has_text=re.compile("^version$")))
    assert version_row.locator("td").nth(1).inner_text() == old
    assert version_row.locator("td").nth(2).inner_text() == new
    assert fields.get_by_text(SUMMARY).count() == 1
    # The redline's marks are styled (struck through / underlined), not only coloured.
    style = "e => getComputedStyle(e).textDecorationLine"
    decoration = page.locator(".aims-redline ins").first.evaluate(style)
    assert decoration == "underline"
    page.get_by_role("link", name=f"v{old}", exact=True).first.click()
    page.wait_for_url(re.compile(rf"v{re.escape(old)}\.html$"))
    assert not page.errors


def test_version_pages_work_from_file_urls(page: Any, versions_site: tuple[str, Path, str, str]) -> None:
    _, site, old, _ = versions_site
    page.goto((site / "versions" / "policies" / "ai-policy" / f"v{old}.html").as_uri())
    page.get_by_role("link", name="current page").click()
    page.wait_for_url(re.compile(r"/policies/ai-policy\.html$"))
    assert _h1(page) == "AI policy" and page.url.startswith("file://")
