"""One audience for the site and the evidence bundle: nothing above it reaches either.

A real repository (the starter system in git, fixed dates) gets a confidential
record and an internal one, each with a marker word found nowhere else, and a
public record that names both in every way a document can: related ids and
paths, body links (inline, labelled with the path, by reference definition,
relative), finding messages, commit subjects and trailers, the SoA, the AI
system inventory and the dashboard's nonconformities. For each audience the
real `aims-lint build` and `aims-lint evidence` run, and every file of the
site (search index and sitemap included, gzip opened) and of the zip is
searched for every id, title, path and text of every document above it. The
`all` build finds each marker, so each search can fail.
"""

from __future__ import annotations

import ast
import gzip
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aims_lint.audience import WITHHELD_SUBJECT, WITHHELD_VALUE, Gate, Redaction, admits, stricter
from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.engine import lint
from aims_lint.history.model import Change, Commit, FileChange, FileHistory, Person, Signature
from tests.browser.site_repo import PROJECT, TODAY, commit_all, git
from tests.conftest import BASE

STARTER = ("policies", "procedures", "records", "mkdocs.yml")  # no guides: see _withheld_starter
# The frameworks the starter system answers to, as its own configuration says: its documents cite them.
CONFIG = """[tool.aims_lint]
due_soon_days = 30
frameworks = ["iso42001", "iso27001-2022", "nist-ai-rmf-1.0", "eu-ai-act"]
{audience}
# The public record names withheld documents by path, and the confidential one has an
# unknown field: findings that must show (or not) without stopping the build. The three records'
# bodies are a line or two each, so the body rules (AIMS1001-AIMS1005) are left out.
ignore = ["AIMS100"]
severity = {{ "unknown-reference" = "warning", "pattern-mismatch" = "warning", "unknown-field" = "warning" }}

[tool.aims_lint.site]
{site}
"""


def _front(lines: list[str], body: str) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def _record(doc_id: str, title: str, kind: str, classification: str, extra: list[str]) -> list[str]:
    return [
        f"id: {doc_id}", f"title: {title}", "type: record", f"record_kind: {kind}", "status: approved",
        "owner: aims-manager", "approver: top-management", "approved_on: 2026-11-21",
        "event_date: 2026-10-15", "retention_years: 7", f"classification: {classification}", *extra,
    ]


SECRET = "Vantorell"  # marker of the confidential record
SECRET_ID, SECRET_PATH = "REC-981", "records/vantorell-review.md"
MEMO = "Obrinsk"  # marker of the internal record
MEMO_ID, MEMO_PATH = "REC-982", "records/obrinsk-memo.md"
PUBLIC_ID, PUBLIC_PATH = "REC-983", "records/public-citing.md"
SOA_PATH = "policies/statement-of-applicability.md"  # internal in the starter system

CONFIDENTIAL = _front(
    _record(SECRET_ID, f"{SECRET} supplier review", "ai-system", "confidential", [
        f"summary: {SECRET} summary", 'clauses: ["8.1"]', "controls: [A.6.2.4]",
        "lifecycle_stage: operation", "risk_level: high", "sourcing: in-house", f"supplier: {SECRET} Ltd",
        "in_scope: false", f"owner_note: {SECRET} unknown field, so the record has a finding",
    ]),
    f"# {SECRET} supplier review\n\nThe {SECRET} body text.\n",
)
INTERNAL = _front(
    _record(MEMO_ID, f"{MEMO} nonconformity memo", "nonconformity", "internal", [
        f"summary: {MEMO} summary", 'clauses: ["10.2"]', "nc_status: open", "grade: minor",
        "corrective_actions:",
        f"  - {{action: {MEMO} contract clause, owner: aims-manager, due: 2027-01-10}}",
    ]),
    f"# {MEMO} nonconformity memo\n\nThe {MEMO} body text.\n",
)
PUBLIC = _front(
    _record(PUBLIC_ID, "Public follow-up note", "other", "public", [
        'clauses: ["10.2"]', f"related: [{SECRET_ID}, {SECRET_PATH}, {MEMO_ID}, {MEMO_PATH}]",
    ]),
    "# Public follow-up note\n\n"
    "See [the review](vantorell-review.md), [records/vantorell-review.md](../records/vantorell-review.md)\n"
    "and [the memo][memo] for the details.\n\n"
    # Every other way Markdown or HTML can name a file (the path must not survive any of them):
    "Also [angled](<vantorell-review.md>), [spaced]( obrinsk-memo.md ), [asked](vantorell-review.md?x=1),\n"
    "[encoded](vantorell%2Dreview.md) and <a href=\"obrinsk-memo.md\">raw</a>.\n\n"
    "[memo]: obrinsk-memo.md\n"
    "[other]: <vantorell-review.md>\n",
)


def audience_repo(root: Path, audience: str = "", site: str = "", *, small: bool = False) -> Path:
    """The starter system (or, `small`, the two base documents of the rule tests, with no
    mkdocs.yml, so a bundle skips its site) plus the three records, in three commits."""
    root.mkdir(parents=True)
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    if small:
        shutil.copytree(BASE, root, dirs_exist_ok=True)
    else:
        for name in STARTER:
            source = PROJECT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    (root / "pyproject.toml").write_text(CONFIG.format(audience=audience, site=site), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Add the management system", "2026-10-01T09:00:00+00:00")
    (root / "records").mkdir(exist_ok=True)
    for path, text in ((SECRET_PATH, CONFIDENTIAL), (MEMO_PATH, INTERNAL), (PUBLIC_PATH, PUBLIC)):
        (root / path).write_text(text, encoding="utf-8")
    soa = root / SOA_PATH
    if soa.is_file():
        soa.write_text(soa.read_text(encoding="utf-8").replace(
            "implemented_by: [", f"implemented_by: [{SECRET_ID}, {MEMO_ID}, ", 1), encoding="utf-8")
    commit_all(root, f"Add {SECRET_PATH} and {MEMO_ID} with their public note", "2026-11-19T09:00:00+00:00")
    for path in (SECRET_PATH, PUBLIC_PATH):
        with (root / path).open("a", encoding="utf-8") as handle:
            handle.write("\nReworded.\n")
    # Reviewed-by is one of the trailers a site's history table shows.
    commit_all(root, f"Reword the {SECRET} supplier review\n\nRefs: {SECRET_PATH}\n"
               f"Reviewed-by: the {SECRET} supplier review panel\n", "2026-11-20T09:00:00+00:00")
    return root


# -- what must not appear ----------------------------------------------------


def _planted(audience: str) -> list[str]:
    """Id, title, path (as file and as page), file name and marker word of each planted
    record above `audience`: searched for in every file."""
    above = {"public": ("secret", "memo"), "internal": ("secret",), "all": ()}[audience]
    words = {
        "secret": [SECRET, SECRET_ID, SECRET_PATH, "records/vantorell-review.html", "vantorell-review",
                   f"{SECRET} supplier review"],
        "memo": [MEMO, MEMO_ID, MEMO_PATH, "records/obrinsk-memo.html", "obrinsk-memo",
                 f"{MEMO} nonconformity memo"],
    }
    return [w for name in above for w in words[name]]


# A line of plain prose, which shows in the page and the search index as written.
_PROSE = re.compile(r"[A-Z][A-Za-z0-9 ,.;()-]{40,}")


def _withheld_starter(root: Path, audience: str) -> list[tuple[str, str, str]]:
    """(page, title, its longest line of prose) of every other document above `audience`.

    Their ids and paths are not searched for everywhere: the starter's published documents
    name them in their own prose, which no gate rewrites (docs/site.md says so).
    """
    result = lint(load_settings(root), TODAY)
    found = []
    for source in Gate.of(result.corpus, audience).withheld:  # type: ignore[arg-type]
        if source.model is None or source.path in (SECRET_PATH, MEMO_PATH):
            continue
        plain = [line for line in source.parsed.body.splitlines() if _PROSE.fullmatch(line)]
        line = max(plain, key=len, default=source.model.title)  # a record may hold only a table
        found.append((source.path.removesuffix(".md") + ".html", source.model.title, line))
    return found
def _texts(files: Iterator[tuple[str, bytes]]) -> Iterator[tuple[str, str]]:
    """(name, text) with gzip opened and JSON's \\u escapes decoded."""
    for name, data in files:
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace")
        if name.endswith(".json"):
            text += json.dumps(json.loads(text), ensure_ascii=False)
        yield name, text


def _site_files(site: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield path.relative_to(site).as_posix(), path.read_bytes()


def _zip_files(bundle: Path) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(bundle) as archive:
        for name in sorted(archive.namelist()):
            yield name, archive.read(name)


def _leaks(texts: Iterator[tuple[str, str]], words: list[str]) -> list[tuple[str, str]]:
    """(file, word) for every word found in a file's name or text, ignoring case; ids as
    whole words (REC-98 is not REC-981)."""
    ids = {w: re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])", re.IGNORECASE)
           for w in words if re.fullmatch(r"[A-Z]+-[0-9]+", w)}
    found = []
    for name, text in texts:
        haystack = f"{name}\n{text}".lower()
        for word in words:
            pattern = ids.get(word)
            if word.lower() in haystack and (pattern is None or pattern.search(haystack)):
                found.append((name, word))
    return found


# -- the builds, once per test module ---------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Path]]:
    """For each audience: (repository, its built site, its evidence bundle).

    The public site is the one `aims-lint build --audience public` makes; the others are the
    sites inside the bundles (the same render and MkDocs build), which saves two builds.
    """
    base = tmp_path_factory.mktemp("audience")
    root = audience_repo(base / "repo")
    today = ["--today", TODAY.isoformat()]
    assert main(["build", "--root", str(root), *today, "--audience", "public"]) == 0
    shutil.move(root / "site", base / "site-public")
    out: dict[str, tuple[Path, Path, Path]] = {}
    for audience in ("public", "internal", "all"):
        bundle = base / f"{audience}.zip"
        assert main(["evidence", "--root", str(root), "--out", str(bundle), *today,
                     "--audience", audience]) == 0, audience
        site = base / f"site-{audience}"
        if audience != "public":
            with zipfile.ZipFile(bundle) as archive:
                archive.extractall(base / f"unzipped-{audience}")
            site = base / f"unzipped-{audience}" / "site"
        out[audience] = (root, site, bundle)
    return out


def _check_site(root: Path, site: Path, audience: str) -> None:
    files = dict(_texts(_site_files(site)))
    assert {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "soa.html"} <= set(files)
    assert _leaks(iter(files.items()), _planted(audience)) == []
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    withheld = _withheld_starter(root, audience)
    assert withheld  # the starter has documents above both audiences
    for page, _, line in withheld:  # titles are not searched: "Statement of Applicability" is generic
        assert page not in files and page not in files["sitemap.xml"], page
        assert not any(entry["location"].startswith(page) for entry in index), page
        assert not [name for name, text in files.items() if line in text], line


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_document_above_the_audience_appears_in_any_file_of_the_site(
    built: dict[str, tuple[Path, Path, Path]], audience: str
) -> None:
    root, site, _ = built[audience]
    _check_site(root, site, audience)
    # The public record is there, its links to withheld documents turned into text.
    page = (site / "records" / "public-citing.html").read_text(encoding="utf-8")
    assert "the review" in page and "the memo" in page and "not published for this audience" in page


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_document_above_the_audience_appears_in_the_evidence_bundle(
    built: dict[str, tuple[Path, Path, Path]], audience: str
) -> None:
    root, _, bundle = built[audience]
    files = dict(_zip_files(bundle))
    assert "site/index.html" in files and "site/search/search_index.json" in files  # the site was built
    assert f"documents/{PUBLIC_PATH}" in files and f"history/{PUBLIC_PATH}.json" in files
    # A published document is in the bundle exactly as committed (its SHA-256 must match git),
    # so what it says of others is its own text: the public note and the (internal) SoA cite them.
    own = {f"documents/{path}" for path in (PUBLIC_PATH, SOA_PATH)} & set(files)
    assert {name for name, _ in _leaks(_texts(iter(files.items())), _planted(audience))} == own
    texts = dict(_texts((n, d) for n, d in files.items() if n not in own))
    for page, _, line in _withheld_starter(root, audience):
        source = page.removesuffix(".html") + ".md"
        assert f"documents/{source}" not in files and f"history/{source}.json" not in files, source
        assert not [name for name, text in texts.items() if line in text], line
    manifest = json.loads(files["manifest.json"])
    assert manifest["audience"] == audience
    findings = json.loads(files["findings.json"])
    assert {f["path"] for f in findings["findings"]} <= {p[len("documents/"):] for p in files}
    assert any(f["path"] == PUBLIC_PATH and f["rule"] == "AIMS501" for f in findings["findings"])
    assert findings["summary"]["documents"] == len([p for p in files if p.startswith("documents/")])


def test_the_all_audience_shows_every_marker_so_the_searches_can_fail(
    built: dict[str, tuple[Path, Path, Path]],
) -> None:
    root, site, bundle = built["all"]
    planted = set(_planted("public"))
    assert {w for _, w in _leaks(_texts(_site_files(site)), sorted(planted))} == planted
    assert {w for _, w in _leaks(_texts(_zip_files(bundle)), sorted(planted))} == planted
    files = dict(_texts(_site_files(site)))
    for page, _, line in _withheld_starter(root, "public"):
        assert page in files and line in files[page], page
    page = files["records/public-citing.html"]
    assert "vantorell-review.html" in page and SECRET_ID in page  # linked, by id and by path
    bundled = dict(_zip_files(bundle))
    assert json.loads(bundled["manifest.json"])["audience"] == "all"
    history = json.loads(bundled[f"history/{PUBLIC_PATH}.json"])
    assert history["commits"][0]["subject"] == f"Reword the {SECRET} supplier review"


def test_a_subject_naming_a_withheld_document_is_replaced_in_histories(
    built: dict[str, tuple[Path, Path, Path]],
) -> None:
    _, site, bundle = built["internal"]
    history = json.loads(dict(_zip_files(bundle))[f"history/{PUBLIC_PATH}.json"])
    # Newest first: one names the confidential record by title, the other by path.
    assert [c["subject"][:18] for c in history["commits"]] == ["(subject not shown"] * 2
    assert history["commits"][0]["trailers"] == [
        {"key": "Refs", "value": WITHHELD_VALUE}, {"key": "Reviewed-by", "value": WITHHELD_VALUE}]
    page = (site / "records" / "public-citing.html").read_text(encoding="utf-8")
    assert "(subject not shown: it names a document not published for this audience)" in page


def test_the_internal_audience_still_shows_internal_documents(
    built: dict[str, tuple[Path, Path, Path]],
) -> None:
    _, site, bundle = built["internal"]
    assert (site / "records" / "obrinsk-memo.html").is_file()
    assert f"documents/{MEMO_PATH}" in dict(_zip_files(bundle))
    assert MEMO_ID in (site / "dashboard.html").read_text(encoding="utf-8")  # its open action


# -- configuration -----------------------------------------------------------


def _render(root: Path, *extra: str) -> dict[str, str]:
    out = root.parent / "staged"
    shutil.rmtree(out, ignore_errors=True)
    assert main(["render", "--root", str(root), "--today", TODAY.isoformat(), "--out", str(out), *extra]) == 0
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}


def test_the_command_line_beats_the_configuration(tmp_path: Path) -> None:
    root = audience_repo(tmp_path / "repo", audience='audience = "public"', small=True)
    assert "records/obrinsk-memo.md" not in _render(root)
    assert SECRET_PATH in _render(root, "--audience", "all")
    internal = _render(root, "--audience", "internal")
    assert MEMO_PATH in internal and SECRET_PATH not in internal
    bundle = tmp_path / "all.zip"
    assert main(["evidence", "--root", str(root), "--out", str(bundle), "--audience", "all"]) == 0
    files = dict(_zip_files(bundle))
    assert json.loads(files["manifest.json"])["audience"] == "all" and f"documents/{SECRET_PATH}" in files


def test_a_bundle_without_audience_takes_the_stricter_of_now_and_the_commit(tmp_path: Path) -> None:
    root = audience_repo(tmp_path / "repo", audience='audience = "public"', small=True)
    # Loosened in the work tree only: the commit still says public.
    config = root / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('"public"', '"all"'), encoding="utf-8")
    bundle = tmp_path / "b.zip"
    assert main(["evidence", "--root", str(root), "--out", str(bundle)]) == 0
    files = dict(_zip_files(bundle))
    assert json.loads(files["manifest.json"])["audience"] == "public"
    assert f"documents/{MEMO_PATH}" not in files and f"documents/{PUBLIC_PATH}" in files


def test_exclude_confidential_still_works_with_a_deprecation_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = audience_repo(tmp_path / "repo", site="exclude_confidential = true", small=True)
    staged = _render(root)
    err = capsys.readouterr().err
    assert "site.exclude_confidential is deprecated" in err and 'audience = "internal"' in err
    assert MEMO_PATH in staged and SECRET_PATH not in staged  # internal
    assert load_settings(root).audience == "internal"
    assert load_settings(root, {"audience": "all"}).audience == "all"  # the command line still wins
    assert SECRET_PATH in _render(root, "--audience", "all")


def test_exclude_confidential_false_keeps_the_default(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.aims_lint.site]\nexclude_confidential = false\n")
    settings = load_settings(root)
    assert settings.audience == "all" and settings.notices
    (root / "pyproject.toml").write_text("[tool.aims_lint]\n")
    assert load_settings(root).audience == "all" and not load_settings(root).notices


@pytest.mark.parametrize("text", ['audience = "everyone"', 'notices = ["x"]', "[tool.aims_lint.site]\n"
                                  'exclude_confidential = "yes"'])
def test_a_bad_audience_setting_is_a_configuration_error(tmp_path: Path, text: str) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "pyproject.toml").write_text(f"[tool.aims_lint]\n{text}\n")
    assert main(["render", "--root", str(root), "--today", TODAY.isoformat()]) == 2


def test_an_unknown_audience_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["build", "--root", str(tmp_path), "--audience", "customers"]) == 2


# -- the gate itself ---------------------------------------------------------


def test_what_each_audience_admits() -> None:
    assert [admits("public", c) for c in ("public", "internal", "confidential")] == [True, False, False]
    assert [admits("internal", c) for c in ("public", "internal", "confidential")] == [True, True, False]
    assert all(admits("all", c) for c in ("public", "internal", "confidential", None, "Secret"))
    # A missing or unknown label is treated as confidential.
    assert not any(admits(a, c) for a in ("public", "internal") for c in (None, "", "Public", ["public"]))
    assert stricter("all", "internal") == stricter("internal", "all") == "internal"
    assert stricter("public", "all") == "public"


def test_a_path_reference_is_withheld_like_an_id(tmp_path: Path) -> None:
    root = audience_repo(tmp_path / "repo", small=True)
    gate = Gate.of(lint(load_settings(root), TODAY).corpus, "internal")
    for reference in (SECRET_ID, SECRET_PATH, "vantorell-review.md", "../records/vantorell-review.md",
                      "./records/vantorell-review.md", "/records/vantorell-review.md"):
        assert gate.withholds(reference, PUBLIC_PATH), reference
    for reference in (MEMO_ID, MEMO_PATH, PUBLIC_ID, "records/vantorell.md", "REC-98"):
        assert not gate.withholds(reference, PUBLIC_PATH), reference


def test_no_site_page_imports_the_unfiltered_data() -> None:
    """Only the render step (and the gate it calls) handles the whole lint result or the gate;
    a page builder gets `SiteContext`, which holds neither (tests/test_page_table.py walks it)."""
    # versions.py is the gate's part for approved versions (context.py calls it), not a page builder.
    render_step = {"render.py", "bundle.py", "context.py", "versions.py"}
    offenders = []
    for module in sorted((PROJECT / "aims_lint" / "site").glob("*.py")):
        if module.name in render_step:
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or "", *(a.name for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.Attribute):
                names = [node.attr]
            bad = {"aims_lint.engine", "aims_lint.audience", "LintResult", "Gate", "lint"}
            offenders += [f"{module.name}:{node.lineno} {name}" for name in names if name in bad]
    assert offenders == []


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_readiness_json_holds_no_decision_of_a_withheld_soa(
    built: dict[str, tuple[Path, Path, Path]], audience: str
) -> None:
    """The SoA is internal in the starter system: the public bundle must not say what it decided."""
    report = json.loads(dict(_zip_files(built[audience][2]))["readiness.json"])
    whole = json.loads(dict(_zip_files(built["all"][2]))["readiness.json"])
    decisions = {c["decision"] for c in report["controls"]}
    if audience == "public":
        assert report["soa"] is None and decisions == {"withheld"}
        assert not any(c["reasons"] or c["implementation"] or c["implemented_by"] for c in report["controls"])
    else:
        assert report["soa"] == SOA_PATH and "withheld" not in decisions
        assert report["controls"] != whole["controls"]  # the confidential record is left out of them
    assert report["summary"] == whole["summary"]  # the figures are those of the whole system
    assert [c["covered"] for c in report["clauses"]] == [c["covered"] for c in whole["clauses"]]


def test_a_history_is_redacted_but_keeps_the_documents_own_path() -> None:
    when = Signature(Person("Ada", "ada@example.org"), datetime(2026, 11, 20, tzinfo=UTC))
    words = frozenset({SECRET_PATH, "vantorell-review.md", f"{SECRET} supplier review"})
    redaction = Redaction(frozenset({SECRET_ID}), frozenset({SECRET_PATH}), words)
    naming = Commit("a" * 40, (), when, when, f"Split the {SECRET} supplier review", "body",
                    (("Reviewed-by", "Ada"), ("Refs", SECRET_PATH)))
    plain = Commit("b" * 40, (), when, when, "Reword", "Reword")
    # A published document sharing the withheld one's file name, renamed from the withheld path.
    own = "policies/vantorell-review.md"
    file = FileHistory(own, (FileChange(naming, Change("R", own, SECRET_PATH)),
                             FileChange(plain, Change("M", SECRET_PATH))), (SECRET_PATH, "old/name.md"))
    commits: dict[str, Commit] = {}
    shown = redaction.file_history(file, commits)
    first, second = shown.changes
    assert first.commit.subject == WITHHELD_SUBJECT and first.commit.message == "body"
    assert first.commit.trailers == (("Reviewed-by", "Ada"), ("Refs", WITHHELD_VALUE))
    assert first.change.path == own and first.change.old_path == WITHHELD_VALUE
    assert second.commit is plain and second.change.path == WITHHELD_VALUE
    assert shown.previous_paths == ("old/name.md",)
    assert redaction.file_history(file, commits).changes[0].commit is first.commit  # once per commit
    assert Redaction().file_history(file, {}) is file  # nothing withheld: nothing copied
