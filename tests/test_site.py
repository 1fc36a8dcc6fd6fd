"""The built auditor site of a real repository: panels, history, SoA, dashboard, audience builds."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.engine import lint
from tests.browser.site_repo import REPO_URL, TODAY, shared_site
from tests.test_sanitise import csp_meta

pytestmark = pytest.mark.slow  # every test here reads a built site


class _Tables(HTMLParser):
    """Rows of every table in a page, as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(path: Path) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


@pytest.fixture(scope="module")
def starter() -> Path:
    return shared_site("starter")


def test_every_document_page_has_the_panel_and_a_history(starter: Path) -> None:
    documents = lint(load_settings(starter), TODAY).corpus.typed
    assert len(documents) > 40
    for source, doc in documents:
        html = (starter / "site" / source.path.replace(".md", ".html")).read_text(encoding="utf-8")
        assert 'class="admonition abstract aims-panel"' in html, source.path
        panel = tables(starter / "site" / source.path.replace(".md", ".html"))[0]
        assert ["Id", doc.id] in panel and ["Status", doc.status] in panel, source.path
        history = html.split('id="user-content-revision-history"', 1)[1]
        assert re.search(
            r'<a href="https://git\.example\.org/fennwick/aims/commit/[0-9a-f]{40}"><code>[0-9a-f]{7}</code>',
            history,
        ), source.path


def test_history_shows_author_subject_and_approval(starter: Path) -> None:
    page = starter / "site" / "records" / "site-test-note.html"
    rows = [
        row for table in tables(page) for row in table if "Record the supplier follow-up" in " ".join(row)
    ]
    assert len(rows) == 1
    version, date, author, _sha, subject, approval = rows[0]
    assert (version, date, author) == ("", "2026-11-18", "Tomás Ferreira")  # a record has no version
    # The commit created the note approved: it recorded the approval, and its trailer backs it.
    # One fact a line (the parser joins the lines); the build verifies the approval commits'
    # signatures (approvals/record.py `prepared`), and this one is not signed.
    assert approval == "approval recordedApproved-by: Mara Lindqvist <mara@fennwick.example>not signed"
    assert subject == "Record the supplier follow-up"
    [how] = open_how(page)
    said = ("This version was approved by top-management (Mara Lindqvist) on 2026-11-18, recorded in "
            f"commit {_sha} by Tomás Ferreira on 2026-11-18; Approved-by: Mara Lindqvist "
            "<mara@fennwick.example>")
    assert how == f"{said}; not signed."


def open_how(page: Path) -> list[str]:
    """The items of the "How each version was approved" list of a document page."""
    html = page.read_text(encoding="utf-8").split('id="user-content-how-each-version-was-approved"', 1)[1]
    items = html.split("</ul>", 1)[0].split("<li>")[1:]
    return [" ".join(re.sub(r"<[^>]+>", "", item).replace("&lt;", "<").replace("&gt;", ">").split())
            for item in items]


def test_panel_names_owner_holder_links_and_review_badge(starter: Path) -> None:
    html = (starter / "site" / "policies" / "ai-policy.html").read_text(encoding="utf-8")
    panel = dict(row for row in tables(starter / "site" / "policies" / "ai-policy.html")[0] if len(row) == 2)
    assert "held by" in panel["Owner"] and "held by" in panel["Approver"]
    assert 'href="../controls/A.2.2.html"' in html and 'href="../clauses/5.2.html"' in html


def test_soa_table_has_38_rows_linking_documents(starter: Path) -> None:
    soa = [t for t in tables(starter / "site" / "soa.html") if t and t[0][0] == "Control"]
    assert len(soa) == 1 and len(soa[0]) == 1 + 38
    assert {row[0] for row in soa[0][1:]} == {f"{c}" for c in _controls()}
    html = (starter / "site" / "soa.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="policies/[a-z-]+\.html">POL-\d{3}</a>', html)


def _controls() -> list[str]:
    from aims_lint.catalog import load_catalog

    return [c.id for c in load_catalog().controls]


def test_dashboard_figures_match_the_readiness_report(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["readiness", "--format", "json", "--root", str(starter), "--today", TODAY.isoformat()]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    shown = {
        row[0]: row[1]
        for table in tables(starter / "site" / "dashboard.html")
        for row in table
        if len(row) == 2
    }
    clauses, info, controls = summary["clauses"], summary["documented_information"], summary["controls"]
    assert shown["Clauses covered"] == f"{clauses['covered']} of {clauses['total']} ({clauses['percent']}%)"
    assert (
        shown["Documented information present"]
        == f"{info['present']} of {info['total']} ({info['percent']}%)"
    )
    assert shown["Controls included"] == str(controls["included"])
    assert shown["Controls excluded"] == str(controls["excluded"])
    assert shown["Controls undecided"] == str(controls["undecided"])
    assert shown["Included controls implemented"].startswith(
        f"{controls['implemented']} of {controls['included']}"
    )
    assert shown["Included controls partial"] == str(controls["partial"])


def test_generated_pages_exist(starter: Path) -> None:
    site = starter / "site"
    for name in (
        "index.html",
        "dashboard.html",
        "documents.html",
        "inventory.html",
        "readiness.html",
        "rules.html",
        "tags.html",
        "controls/index.html",
        "clauses/index.html",
        "guide/configuration.html",
    ):
        assert (site / name).is_file(), name
    assert len(list((site / "controls").glob("A.*.html"))) == 38
    control = (site / "controls" / "A.10.3.html").read_text(encoding="utf-8")
    assert "REC-990" in control  # the confidential record is published in the internal build


def _all_text(site: Path) -> str:
    parts = []
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            parts.append(path.as_posix() + "\n" + data.decode("utf-8", "replace"))
    return "\n".join(parts).lower()


@pytest.mark.parametrize("marker", ["zetaquill", "rec-990"])
def test_a_confidential_document_leaves_no_trace_in_a_public_build(starter: Path, marker: str) -> None:
    assert marker in _all_text(starter / "site")  # the internal build has it: the check can fail
    public = shared_site("public")
    assert marker not in _all_text(public / "site")
    follow_up = (public / "site" / "records" / "supplier-follow-up.html").read_text(encoding="utf-8")
    assert "the review" in follow_up  # the body link to it is now plain text


def test_injected_markup_is_escaped_everywhere() -> None:
    site = shared_site("hostile") / "site"
    html = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "window.__pwned" in html
    assert "<script>window.__pwned" not in html
    assert not re.search(r"<img[^>]*onerror", html)
    assert not re.search(r"<[a-z][^<>]*\son[a-z]+\s*=", html)  # no element carries an event handler
    assert 'href="javascript:' not in html and "java&#115;cript" not in html
    # Its mkdocs.yml does not list the aims-lint plugin; the build added it to every page.
    assert "\n  - aims-lint" not in (site.parent / "mkdocs.yml").read_text(encoding="utf-8")
    pages = list(site.rglob("*.html"))
    assert all(csp_meta(p.read_text(encoding="utf-8")) for p in pages)
    title = re.search(
        r"<title>(.*?)</title>", (site / "policies" / "hostile.html").read_text(encoding="utf-8")
    )
    assert title and title.group(1).startswith("&lt;script&gt;")


def test_repo_url_is_the_only_address_outside_the_site(starter: Path) -> None:
    html = (starter / "site" / "policies" / "ai-policy.html").read_text(encoding="utf-8")
    loaded = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    external = {u for u in loaded if not u.startswith(REPO_URL)}
    assert external <= {"https://squidfunk.github.io/mkdocs-material/"}  # the footer credit link
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="https?://', html)


def test_nonconformity_and_review_fields_are_shown(starter: Path) -> None:
    """Nonconformity and review fields reach the panel, lists become tables, open actions the dashboard."""
    closed = tables(starter / "site" / "records" / "nc-2026-01-unassessed-coding-assistant.html")
    panel = dict(row for row in closed[0] if len(row) == 2)
    assert panel["Nc status"] == "closed" and panel["Grade"] == "minor"
    assert panel["Cause"].startswith("No route existed for requesting a new AI tool")
    assert panel["Effectiveness"].startswith("checked_on: 2026-08-31; by: aims-manager; result: The July")
    actions = next(t for t in closed[1:] if t and t[0][:2] == ["id", "action"])
    assert [row[0] for row in actions[1:]] == ["CA-1", "CA-2", "CA-3", "CA-4"]
    assert {row[4] for row in actions[1:]} == {"done"}
    review = tables(starter / "site" / "records" / "management-review-2026-11.html")
    inputs = "9.3.2.a, 9.3.2.b, 9.3.2.c, 9.3.2.d, 9.3.2.e, ISO27001:9.3.2.e, ISO27001:9.3.2.f"
    assert ["Inputs", inputs] in review[0]
    decisions = next(t for t in review[1:] if t and t[0][:2] == ["id", "decision"])
    # D-1 to D-8 from the two sessions, D-9 the follow-up decision of 30 November 2026.
    assert [row[0] for row in decisions[1:]] == [f"D-{n}" for n in range(1, 10)]
    dashboard = [row for table in tables(starter / "site" / "dashboard.html") for row in table]
    open_action = [row for row in dashboard if row[0] == "REC-011"]
    assert len(open_action) == 1 and open_action[0][1].startswith("CA-3 Add a check to the TriageFlow")
    assert open_action[0][2:] == ["platform-lead", "2027-02-05"]
    extent_check = [row for row in dashboard if row[0] == "REC-062"]
    assert len(extent_check) == 1 and extent_check[0][1].startswith("CA-3 Extent check")
    assert extent_check[0][2:] == ["aims-manager", "2027-01-29"]
def test_an_audit_reports_scope_links_to_clauses_and_controls_and_its_findings_are_a_table(
    starter: Path,
) -> None:
    page = starter / "site" / "records" / "internal-audit-2026-02.html"
    html = page.read_text(encoding="utf-8")
    panel = dict(row for row in tables(page)[0] if len(row) == 2)
    assert panel["Scope clauses"].startswith("4.3, 5.2, 6.1.3")
    assert 'href="../clauses/9.3.html">9.3</a>' in html
    assert 'href="../controls/A.6.2.4.html">A.6.2.4</a>' in html
    findings = next(t for t in tables(page) if t and t[0] == ["id", "clause or control", "grade"])
    assert ["NC-2026-02", "8.1", "minor"] in findings
    assert ["NC-2026-03", "8.4", "minor"] in findings
