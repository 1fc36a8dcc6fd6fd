"""The framework sections in Chromium: the 27001 SoA of 93 rows, and crosswalk neighbours to follow.

The site is built by `aims-lint build --no-gate` (a real MkDocs build) from the starter
system answering to all four frameworks, with a 27001 SoA whose 93 entries
are made from the 27001 catalog (tests/browser/site_repo.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aims_lint.catalog import load_catalog
from tests.browser.conftest import _serve
from tests.browser.site_repo import EXCLUDED, build_despite_errors, frameworks_repo, once

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def frameworks_url() -> Iterator[str]:
    def make(base: Path) -> Path:
        root = frameworks_repo(base / "repo")
        assert build_despite_errors(root) == 0, "building the frameworks site failed"
        return root

    yield from _serve(once("frameworks", make) / "site")


def test_the_27001_soa_shows_93_rows_and_filters(page: Any, frameworks_url: str) -> None:
    page.goto(f"{frameworks_url}/frameworks/iso27001-2022/soa.html")
    heading = page.locator("article h1").first.inner_text()
    assert heading.startswith("Statement of Applicability: ISO/IEC 27001")
    rows = page.locator("article table tbody tr")
    assert rows.count() == 93
    first = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
    assert first == [c.id for c in load_catalog("iso27001-2022").controls]
    applicable = page.locator(".aims-filter select").first
    applicable.select_option("no")
    visible = page.locator("article table tbody tr:visible")
    assert [visible.nth(i).locator("td").first.inner_text() for i in range(visible.count())] == list(EXCLUDED)
    assert not page.errors


def test_a_control_page_shows_its_crosswalk_neighbours_and_links_them(page: Any, frameworks_url: str) -> None:
    page.goto(f"{frameworks_url}/controls/A.2.2.html")
    assert page.get_by_role("heading", name="Crosswalk neighbours").count() == 1
    link = page.locator("article a", has_text="A.5.1").first
    assert link.get_attribute("href") == "../frameworks/iso27001-2022/controls/A.5.1.html"
    link.click()
    page.wait_for_url("**/frameworks/iso27001-2022/controls/A.5.1.html")
    assert page.locator("article h1").first.inner_text().startswith("ISO27001:A.5.1 Policies for information")
    table = page.get_by_role("heading", name="Crosswalk neighbours")
    assert table.count() == 1
    back = page.locator("article a", has_text="A.2.2")
    assert back.count() >= 1 and back.first.get_attribute("href") == "../../../controls/A.2.2.html"
    assert page.get_by_role("cell", name="same as ISO/IEC 42001 A.2.2", exact=False).count() == 1
    assert not page.errors
