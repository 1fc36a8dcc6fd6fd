"""The built starter site in Chromium: each kind of page shows, in its footer, the commit it was built from.

Every page's footer is checked in the HTML by tests/test_site_stamp.py; here a
real browser shows it on one page of each kind (each top-level page, the first
page of each folder, the theme's 404 page), in one round trip per page.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser.site_repo import TODAY

pytestmark = pytest.mark.slow

READ = """() => {
  const stamp = document.querySelectorAll("footer .md-copyright .aims-stamp");
  const code = stamp.length ? stamp[0].querySelector("code") : null;
  return {count: stamp.length, text: stamp.length ? stamp[0].innerText : "",
          title: code ? code.title : null, banners: document.querySelectorAll(".aims-banner").length,
          visible: stamp.length ? stamp[0].getBoundingClientRect().height > 0 : false};
}"""


def head(root: Path) -> tuple[str, str]:
    """The repository's HEAD: its id and its committer date."""
    done = subprocess.run(["git", "log", "-1", "--format=%H %cI"], cwd=root, check=True,
                          capture_output=True, text=True)
    sha, when = done.stdout.split()
    return sha, when[:10]


def one_of_each_kind(site: Path) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    first: dict[str, str] = {}
    for rel in pages:
        first.setdefault(rel if "/" not in rel else rel.split("/", 1)[0], rel)
    return sorted(first.values())


def test_each_kind_of_page_shows_the_commit_its_date_and_the_build_date_in_its_footer(
    page: Any, starter_site: Path, starter_url: str
) -> None:
    sha, committed = head(starter_site)
    sample = one_of_each_kind(starter_site / "site")
    assert {"404.html", "dashboard.html", "index.html"} <= set(sample)
    assert any(p.startswith("policies/") for p in sample) and any(p.startswith("controls/") for p in sample)
    expected = f"Site built {TODAY.isoformat()} from commit {sha[:7]} of {committed}"
    for rel in sample:
        page.goto(f"{starter_url}/{rel}", wait_until="domcontentloaded")  # the footer is static HTML
        seen = page.evaluate(READ)
        assert seen["count"] == 1 and seen["visible"], rel
        assert " ".join(seen["text"].split()) == expected, rel
        assert seen["title"] == sha, rel
        assert seen["banners"] == 0, rel  # built from a clean work tree with no errors: no banner
    assert not page.errors
