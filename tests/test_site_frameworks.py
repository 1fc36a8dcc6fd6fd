"""The site's framework sections, from a real repository answering to four frameworks.

The repository is the starter system in git with `frameworks` set to all
four, a 27001 SoA deciding on its 93 controls (two "the same as" a 42001
control, three excluded) and a record citing an item of each framework
(tests/browser/site_repo.py). Pages are staged by `aims-lint render`; the
readiness entries are also read in their mapping shape, and in their absence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aims_lint.catalog import load_catalog
from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.engine import lint
from aims_lint.site import framework_pages, framework_readiness, html, page_table, panel
from aims_lint.site.context import SiteContext, audience_view
from aims_lint.site.crosswalk_section import ADVISORY_NOTE, HEADING
from aims_lint.site.page_names import item_page
from aims_lint.site.revisions import collect
from tests.browser.site_repo import EXCLUDED, MAPPED_PATH, SAME_AS, TODAY, frameworks_repo, starter_repo

FW27 = "iso27001-2022"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return frameworks_repo(tmp_path_factory.mktemp("frameworks") / "repo")


def _render(root: Path) -> dict[str, str]:
    out = root.parent / f"staged-{root.name}"
    if not out.is_dir():
        assert main(["render", "--root", str(root), "--today", TODAY.isoformat(), "--out", str(out)]) == 0
    staged = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}
    staged["nav"] = (out.parent / f"{out.name}.nav.yml").read_text(encoding="utf-8")
    return staged


@pytest.fixture(scope="module")
def staged(repo: Path) -> dict[str, str]:
    return _render(repo)


def _context(root: Path) -> SiteContext:
    settings = load_settings(root)
    result = lint(settings, TODAY)
    return audience_view(settings, TODAY, result, collect(settings, []), page_table.RESERVED)


def _under(staged: dict[str, str], folder: str) -> set[str]:
    return {p.removeprefix(folder).removesuffix(".md") for p in staged if p.startswith(folder)}


def test_each_configured_framework_has_a_page_per_item_of_its_cited_kinds_and_holders(
    staged: dict[str, str],
) -> None:
    for framework, kind in ((FW27, "control"), (FW27, "clause"), (FW27, "theme"),
                            ("nist-ai-rmf-1.0", "function"), ("nist-ai-rmf-1.0", "category"),
                            ("nist-ai-rmf-1.0", "subcategory"), ("eu-ai-act", "article"),
                            ("eu-ai-act", "chapter")):
        expected = {i.id for i in load_catalog(framework).of_kind(kind)}
        folder = item_page(framework, kind, "x").removesuffix("x.md")
        assert _under(staged, folder) == expected and expected, (framework, kind)
    assert len(_under(staged, "frameworks/iso27001-2022/controls/")) == 93
    assert len(_under(staged, "frameworks/nist-ai-rmf-1.0/subcategories/")) == 72
    assert len(_under(staged, "frameworks/eu-ai-act/articles/")) == 113
    assert not [p for p in staged if p.startswith("frameworks/eu-ai-act/annex")]  # cited by no document
    for framework in (FW27, "nist-ai-rmf-1.0", "eu-ai-act"):
        assert {f"frameworks/{framework}/index.md", f"frameworks/{framework}/readiness.md"} <= set(staged)
    assert "frameworks/iso27001-2022/soa.md" in staged
    assert "frameworks/nist-ai-rmf-1.0/soa.md" not in staged  # not certifiable: no SoA
    # 42001 keeps its own pages where they were, and has no section
    assert {"soa.md", "readiness.md", "controls/A.2.2.md", "clauses/4.1.md"} <= set(staged)
    assert not [p for p in staged if p.startswith("frameworks/iso42001")]


def test_a_27001_control_page_shows_its_decision_documents_and_neighbours(staged: dict[str, str]) -> None:
    page = staged["frameworks/iso27001-2022/controls/A.5.1.md"]
    assert page.startswith('---\ntitle: "ISO27001:A.5.1 Policies for information security"\n')
    assert load_catalog(FW27).control("A.5.1").description in page.replace("&#58;", ":")  # type: ignore[union-attr]
    assert "part of [A.5](../themes/A.5.md) Organizational controls" in page
    decision = page.split("## Statement of Applicability", 1)[1].split("##", 1)[0]
    # decided the same as 42001 A.2.2: that entry's implementation and documents, and a link to it
    assert "| yes | risk-treatment | Decided with the AI policy. | implemented |" in decision
    assert "[POL-001](../../../policies/ai-policy.md)" in decision
    assert f"same as ISO/IEC 42001 [{SAME_AS['A.5.1']}](../../../controls/A.2.2.md)" in decision
    records = page.split("## Records", 1)[1].split("##", 1)[0]
    assert "[REC-993 Framework mapping note](../../../records/framework-mapping-note.md)" in records
    neighbours = page.split(HEADING, 1)[1]
    assert ("| ISO/IEC 42001&#58;2023 | [A.2.2](../../../controls/A.2.2.md) | AI policy | related to |"
            in neighbours)
    excluded = staged[f"frameworks/iso27001-2022/controls/{EXCLUDED[0]}.md"]
    assert "| no | not-relevant | We work remotely" in excluded


def test_holders_list_what_is_under_them_and_documents_of_their_items(staged: dict[str, str]) -> None:
    category = staged["frameworks/nist-ai-rmf-1.0/categories/GOVERN-1.md"]
    # counts of documents and records: the example system may map its own documents too
    assert "| [GOVERN-1.1](../subcategories/GOVERN-1.1.md) | Legal and regulatory requirements | " in category
    assert "REC-993 Framework mapping note" in category  # it cites GOVERN-1.1, which is under GOVERN-1
    assert "part of [GOVERN](../functions/GOVERN.md) Govern" in category
    subcategory = staged["frameworks/nist-ai-rmf-1.0/subcategories/GOVERN-1.2.md"]
    assert "| ISO/IEC 42001&#58;2023 | [A.2.2](../../../controls/A.2.2.md) |" in subcategory
    article = staged["frameworks/eu-ai-act/articles/Art-27.md"]
    assert "An article of [EU AI Act" in article and "**Applies from** 2026-08-02." in article
    assert "REC-993" in article
    clause = staged["frameworks/iso27001-2022/clauses/7.5.md"]
    assert "REC-993" in clause  # cites ISO27001:7.5.3, a sub-clause of 7.5


def test_an_article_not_applying_yet_says_so(repo: Path) -> None:
    ctx = replace(_context(repo), today=date(2026, 7, 1))
    catalog = ctx.catalogs["eu-ai-act"]
    article = catalog.get("Art-27")
    assert article is not None
    page = framework_pages.item_text(ctx, "eu-ai-act", catalog, article, {})
    assert "**Applies from** 2026-08-02 (not yet)." in page


def test_the_indexes_group_items_under_their_holders(staged: dict[str, str]) -> None:
    index = staged["frameworks/iso27001-2022/index.md"]
    headings = re.findall(r"^## (.*)$", index, re.M)
    assert headings == ["Clauses", "A.5 Organizational controls", "A.6 People controls",
                        "A.7 Physical controls", "A.8 Technological controls"]
    assert "| [A.5.1](controls/A.5.1.md) | Policies for information security | yes | implemented | " in index
    assert f"| [{EXCLUDED[0]}](controls/{EXCLUDED[0]}.md) | Physical security perimeters | no |  | " in index
    assert "[Statement of Applicability](soa.md)" in index and "[Readiness](readiness.md)" in index
    eu = staged["frameworks/eu-ai-act/index.md"]
    assert len(re.findall(r"^## Chapter-", eu, re.M)) == 13
    assert "| [Art-27](articles/Art-27.md) | Fundamental rights impact assessment for high-risk AI systems " \
           "| 2026-08-02 | " in eu
    nist = staged["frameworks/nist-ai-rmf-1.0/index.md"]
    assert re.findall(r"^## (.*)$", nist, re.M) == [
        "GOVERN Govern", "MAP Map", "MEASURE Measure", "MANAGE Manage"]
    assert "| &nbsp;&nbsp;&nbsp;&nbsp;[GOVERN-1.1](subcategories/GOVERN-1.1.md) |" in nist


def test_the_27001_soa_page_has_a_row_per_control_with_the_42001_columns(staged: dict[str, str]) -> None:
    page = staged["frameworks/iso27001-2022/soa.md"]
    assert page.startswith('---\ntitle: "Statement of Applicability: ISO/IEC 27001:2022"\n')
    rows = [line for line in page.splitlines() if line.startswith("| [A.")]
    ids = [r.split("]", 1)[0].removeprefix("| [") for r in rows]
    assert ids == [c.id for c in load_catalog(FW27).controls] and len(ids) == 93
    assert '<div class="aims-filter" data-columns="Applicable,Status"></div>' in page
    assert "| Control | Title | Applicable | Justification | Status | Implemented by |" in page
    assert "Decisions for all 93 Annex A controls from [ISO/IEC 27001 Statement of Applicability]" in page
    assert sum(" | no | " in r for r in rows) == len(EXCLUDED)
    assert "| planned |" in page and "same as ISO/IEC 42001 [A.3.2](../../controls/A.3.2.md)" in page
    # the 42001 page is what it was: 38 rows
    assert sum(line.startswith("| [A.") for line in staged["soa.md"].splitlines()) == 38


def test_every_42001_control_page_shows_its_neighbours_with_advisory_ones_marked(
    staged: dict[str, str],
) -> None:
    page = staged["controls/A.2.2.md"]
    neighbours = page.split(HEADING, 1)[1]
    assert "| ISO/IEC 27001&#58;2022 | [A.5.1](../frameworks/iso27001-2022/controls/A.5.1.md) " \
           "| Policies for information security | related to |" in neighbours
    assert "| NIST AI RMF 1.0 | [GOVERN-1.2](../frameworks/nist-ai-rmf-1.0/subcategories/GOVERN-1.2.md) |" \
        in neighbours
    advisory = [p for p in staged if p.startswith("controls/A.") and "(*advisory*)" in staged[p]]
    assert advisory  # the AI Act crosswalk reaches some 42001 controls
    for path in advisory:
        text = staged[path].split(HEADING, 1)[1]
        assert ADVISORY_NOTE in text
        for row in (r for r in text.splitlines() if "EU AI Act" in r):
            assert "(*advisory*)" in row and "](../frameworks/eu-ai-act/articles/" in row
    assert all(HEADING in staged[f"controls/{c.id}.md"] for c in load_catalog().controls)


def test_the_panel_lists_the_ids_of_every_framework_each_linked_to_its_page(
    repo: Path, staged: dict[str, str]
) -> None:
    page = staged[MAPPED_PATH]
    assert '<td>Controls</td><td><a href="../controls/A.2.2.html">A.2.2</a></td>' in page
    assert ('<td>Controls (NIST AI RMF 1.0)</td><td><a href="../frameworks/nist-ai-rmf-1.0/subcategories/'
            'GOVERN-1.1.html">NIST-AI-RMF:GOVERN-1.1</a></td>') in page
    assert '<a href="../frameworks/eu-ai-act/articles/Art-27.html">EU-AI-ACT:Art-27</a>' in page
    assert ('<td>Clauses (ISO/IEC 27001:2022)</td><td><a href="../frameworks/iso27001-2022/clauses/'
            '7.5.3.html">ISO27001:7.5.3</a></td>') in page
    ctx = _context(repo)
    cited = ["ISO42001:A.2.3", "ISO27001:A.5.99", "XYZ:<b>1</b>", "A.9.9"]
    rows = dict(panel.cited_rows(ctx, "records/x.md", "Controls", cited, html.control))
    assert rows == {
        "Controls": '<a href="../controls/A.2.3.html">ISO42001:A.2.3</a>, A.9.9',
        "Controls (ISO/IEC 27001:2022)": "ISO27001:A.5.99",  # unknown: plain text, no link
        "Controls (unknown framework)": "XYZ:&lt;b&gt;1&lt;/b&gt;",  # escaped
    }


def test_the_menu_home_and_dashboard_name_the_sections(staged: dict[str, str]) -> None:
    nav = staged["nav"]
    section = nav.split("- Frameworks:\n", 1)[1].split("\n- ", 1)[0]
    assert section.splitlines() == [
        "  - ISO/IEC 27001:2022:",
        "    - frameworks/iso27001-2022/index.md",
        "    - frameworks/iso27001-2022/soa.md",
        "    - frameworks/iso27001-2022/readiness.md",
        "  - NIST AI RMF 1.0:",
        "    - frameworks/nist-ai-rmf-1.0/index.md",
        "    - frameworks/nist-ai-rmf-1.0/readiness.md",
        "  - EU AI Act (Regulation (EU) 2024/1689):",
        "    - frameworks/eu-ai-act/index.md",
        "    - frameworks/eu-ai-act/readiness.md",
    ]
    home = staged["index.md"]
    assert "- [NIST AI RMF 1.0](frameworks/nist-ai-rmf-1.0/index.md): " \
           "[readiness](frameworks/nist-ai-rmf-1.0/readiness.md)" in home
    assert "[Statement of Applicability](frameworks/iso27001-2022/soa.md)" in home
    dashboard = staged["dashboard.md"]
    table = dashboard.split("## Coverage per framework", 1)[1].split("\n## ", 1)[0]
    assert "| [ISO/IEC 27001&#58;2022](frameworks/iso27001-2022/readiness.md) |" in table
    assert len([r for r in table.splitlines() if r.startswith("| [")]) == 4


def test_with_42001_alone_the_site_has_no_section_and_neighbours_stay_plain(tmp_path: Path) -> None:
    staged = _render(starter_repo(tmp_path / "plain"))
    assert not [p for p in staged if p.startswith("frameworks/")]
    assert "Frameworks" not in staged["nav"] and "## Frameworks" not in staged["index.md"]
    assert "Coverage per framework" not in staged["dashboard.md"]
    neighbours = staged["controls/A.2.2.md"].split(HEADING, 1)[1]
    assert "| ISO/IEC 27001&#58;2022 | A.5.1 | Policies for information security | related to |" in neighbours


# --- readiness: the entry of each framework, object or mapping, or none -----------------------------


ENTRY: dict[str, Any] = {
    "standard": "NIST AI RMF 1.0",
    "certifiable": False,
    "ready": False,
    "summary": {"items": {"total": 72, "covered": 1, "percent": 1.4}},
    "items": [
        {"id": "GOVERN-1.1", "kind": "subcategory", "title": "Legal and regulatory requirements",
         "covered": True, "reason": "",
         "documents": ["REC-993", "REC-404"]},
        {"id": "GOVERN-1.2", "title": "<b>Trust</b>", "covered": False,
         "reason": "no document cites it", "documents": []},
    ],
    "blockers": [],
}


def test_a_framework_readiness_page_reads_its_entry(repo: Path) -> None:
    ctx = _context(repo)
    ctx = replace(ctx, readiness=replace(ctx.readiness, frameworks={"nist-ai-rmf-1.0": ENTRY}))
    page = framework_readiness.readiness_page(ctx, "nist-ai-rmf-1.0")
    assert "**Not every counted item is covered.**" in page
    assert "| Items total | 72 |" in page and "| Items covered | 1 |" in page
    assert ("| yes | subcategory | [GOVERN-1.1](subcategories/GOVERN-1.1.md) "
            "| Legal and regulatory requirements "
            "| [REC-993](../../records/framework-mapping-note.md), REC-404 (not found) |  |") in page
    assert "| no |  | [GOVERN-1.2](subcategories/GOVERN-1.2.md) | &#60;b&#62;Trust&#60;/b&#62; |  " \
           "| no document cites it |" in page
    assert '<div class="aims-filter" data-columns="Covered"></div>' in page
    rows = framework_readiness.dashboard_lines(ctx, "dashboard.md")
    assert "| [NIST AI RMF 1.0](frameworks/nist-ai-rmf-1.0/readiness.md) | 72 | 1 | 1 |" in rows
    assert f"| [ISO/IEC 27001&#58;2022](frameworks/iso27001-2022/readiness.md) | " \
           f"{framework_readiness.NOT_REPORTED} | | |" in rows


def test_a_framework_the_report_has_no_entry_for_gets_a_page_saying_so(repo: Path) -> None:
    ctx = _context(repo)
    ctx = replace(ctx, readiness=replace(ctx.readiness, frameworks={}))
    page = framework_readiness.readiness_page(ctx, "eu-ai-act")
    assert "The readiness report of this build has no entry for EU AI Act" in page
    assert "## Items" not in page


def test_a_public_build_shows_no_decision_of_the_internal_27001_soa(repo: Path) -> None:
    out = repo.parent / "staged-public"
    assert main(["render", "--root", str(repo), "--today", TODAY.isoformat(), "--out", str(out),
                 "--audience", "public"]) == 0
    soa = (out / "frameworks/iso27001-2022/soa.md").read_text(encoding="utf-8")
    assert "No Statement of Applicability is published in this build" in soa
    assert {line.split(" | ")[2] for line in soa.splitlines() if line.startswith("| [A.")} == {"undecided"}
    control = (out / "frameworks/iso27001-2022/controls/A.5.1.md").read_text(encoding="utf-8")
    assert "No decision is recorded for this control." in control
    assert "REC-993" in control  # the public record still cites it
    section = "".join(p.read_text(encoding="utf-8") for p in (out / "frameworks").rglob("*.md"))
    assert "SOA-027" not in section and "Decided with the AI policy" not in section
