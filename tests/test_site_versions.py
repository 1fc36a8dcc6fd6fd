"""Every approved version on the site, the redline between two of them, and `render --as-of`.

One real repository (the starter system in git, fixed dates) gets, after the
starter's own commits: the AI policy re-approved one minor version up with a
word changed and its summary reworded; a record approved while confidential
and re-approved as public the next commit; and a public record whose body
links to a confidential document, to a published one and to a file that is
not there. Rendered for each audience through the real command line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.site.field_changes import field_changes
from aims_lint.site.redline import redline
from tests.browser.site_repo import CONFIDENTIAL, TODAY, commit_all, starter_repo

OLD_WORDS = "uses AI services bought from suppliers"
NEW_WORDS = "uses AI services bought from vetted suppliers"
SUMMARY = "What Fennwick Labs commits to whenever it builds, sells or uses AI systems."


def _record(doc_id: str, title: str, classification: str, approved_on: str, body: str) -> str:
    return f"""---
id: {doc_id}
title: {title}
type: record
record_kind: other
status: approved
owner: aims-manager
approver: top-management
approved_on: {approved_on}
event_date: 2026-11-30
retention_years: 5
classification: {classification}
summary: A record for the approved-version pages.
clauses: ["7.5"]
---

# {title}

{body}
"""


RECLASSIFIED = "records/reclassified-note.md"
LINKING = "records/linking-note.md"
HOSTILE_TITLE = '"Reclassified <script>window.pwned=1</script> note"'
SECRET_BODY = "The Quorvane marker was written while this record was confidential."
LINKS = ("See [the breach review](zetaquill-review.md), [the site test note](site-test-note.md) and "
         "[an old memo](memo-since-removed.md) before the call. " * 3)


def bump(root: Path) -> tuple[str, str]:
    """Re-approve the AI policy one minor version up; (old version, new version)."""
    path = root / "policies/ai-policy.md"
    text = path.read_text(encoding="utf-8")
    found = re.search(r'^version: "(\d+)\.(\d+)"$', text, re.MULTILINE)
    assert found and OLD_WORDS in text
    old, new = f"{found[1]}.{found[2]}", f"{found[1]}.{int(found[2]) + 1}"
    text = text.replace(found[0], f'version: "{new}"').replace(OLD_WORDS, NEW_WORDS)
    text = re.sub(r"^approved_on: .*$", f"approved_on: {TODAY.isoformat()}", text, flags=re.MULTILINE)
    text = re.sub(r"^summary: .*$", f"summary: {SUMMARY}", text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    return old, new


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    root = starter_repo(tmp_path_factory.mktemp("versions") / "repo",
                        extra={"records/zetaquill-review.md": CONFIDENTIAL})
    (root / RECLASSIFIED).write_text(_record("REC-981", HOSTILE_TITLE, "confidential", "2026-12-01",
                                             SECRET_BODY), encoding="utf-8")
    (root / LINKING).write_text(_record("REC-982", "Linking note", "public", "2026-12-01", LINKS),
                                encoding="utf-8")
    commit_all(root, "Add two notes", "2026-12-01T09:00:00+00:00")
    old, new = bump(root)
    reclassified = _record("REC-981", "Reclassified note", "public", TODAY.isoformat(),
                           "Nothing in this record is confidential any more.")
    (root / RECLASSIFIED).write_text(reclassified, encoding="utf-8")
    linking = (root / LINKING).read_text(encoding="utf-8").replace("2026-12-01", TODAY.isoformat())
    (root / LINKING).write_text(linking.replace("before the call", "before the next call"), encoding="utf-8")
    commit_all(root, f"Approve AI policy {new}\n\nApproved-by: Dana Reyes <dana@fennwick.example>\n",
               "2026-12-02T10:00:00+00:00")
    return root, old, new


def render(root: Path, audience: str, *extra: str) -> dict[str, str]:
    out = root.parent / f"staged-{audience}{'-'.join(extra)}"
    assert main(["render", "--root", str(root), "--today", TODAY.isoformat(), "--out", str(out),
                 "--audience", audience, *extra]) == 0
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}


def test_each_approved_version_has_a_page_as_its_commit_held_it(repo: tuple[Path, str, str]) -> None:
    root, old, new = repo
    staged = render(root, "all")
    folder = "versions/policies/ai-policy"
    earlier, later = staged[f"{folder}/v{old}.md"], staged[f"{folder}/v{new}.md"]
    assert OLD_WORDS in earlier and NEW_WORDS not in earlier
    assert NEW_WORDS in later
    assert f"Version</td><td>{old}</td>" in earlier and f"Version</td><td>{new}</td>" in later
    assert "search:\n  exclude: true" in earlier  # a search finds the version in force
    assert f'href="v{new}-changes.html">what changed since' in later
    assert f"{folder}/v{old}-changes.md" not in staged  # nothing before the first to compare with
    # The document's own page lists both, newest first, with the page of each.
    listing = staged["policies/ai-policy.md"].split("## Approved versions", 1)[1]
    assert listing.index(f"v{new}.html") < listing.index(f"v{old}.html")
    assert f'<a href="../{folder}/v{new}-changes.html">what changed</a>' in listing


def test_the_changes_page_is_a_redline_and_a_table_of_fields(repo: tuple[Path, str, str]) -> None:
    root, old, new = repo
    page = render(root, "all")[f"versions/policies/ai-policy/v{new}-changes.md"]
    assert "bought from <ins>vetted </ins>suppliers" in page
    fields = page.split("## Front matter", 1)[1].split("## Body", 1)[0]
    assert f"<td><code>version</code></td><td>{old}</td><td>{new}</td>" in fields
    assert "<td><code>summary</code></td>" in fields and SUMMARY in fields
    assert "<code>title</code>" not in fields  # unchanged fields are not listed
    assert "word(s) added" in page and "--- a/" not in page and "@@" not in page  # not a patch


def test_a_document_once_above_the_audience_has_no_version_pages(repo: tuple[Path, str, str]) -> None:
    root, _, _ = repo
    public = render(root, "public")
    assert "records/reclassified-note.md" in public  # it is public now: its page is there
    assert not [p for p in public if p.startswith("versions/records/reclassified-note/")]
    assert "## Approved versions" not in public["records/reclassified-note.md"]
    assert not [p for p, text in public.items() if "Quorvane" in text]
    everyone = render(root, "all")
    shown = sorted(p for p in everyone if p.startswith("versions/records/reclassified-note/"))
    assert len(shown) == 3 and "Quorvane" in everyone[shown[0]]  # two versions and the changes page
    # Its first title held markup: escaped in the heading, the page title and the table of fields.
    assert not [p for p in shown if "<script>" in everyone[p]]
    assert "&#60;script&#62;" in everyone[shown[0]].split("\n# ", 1)[1].split("\n", 1)[0]
    changes = next(everyone[p] for p in shown if p.endswith("-changes.md"))
    assert "<td>Reclassified &lt;script&gt;window.pwned=1&lt;/script&gt; note</td>" in changes
    # A document never above the audience keeps its versions on the public site.
    assert [p for p in public if p.startswith("versions/policies/ai-policy/")]


def test_links_of_an_old_body_point_at_todays_pages_or_keep_only_their_label(
    repo: tuple[Path, str, str]
) -> None:
    root, _, _ = repo
    public = render(root, "public")
    names = sorted(p for p in public if p.startswith("versions/records/linking-note/"))
    page = public[names[0]]
    assert "before the call" in page
    assert "See the breach review, [the site test note](../../../records/site-test-note.md) and " \
           "an old memo before the call." in page
    assert "zetaquill" not in page.lower()
    everyone = render(root, "all")[names[0]]
    assert "[the breach review](../../../records/zetaquill-review.md)" in everyone


def test_render_as_of_stages_the_system_as_it_stood_that_day(repo: tuple[Path, str, str]) -> None:
    root, old, new = repo
    staged = render(root, "all", "--as-of", "2026-12-01")
    policy = staged["policies/ai-policy.md"]
    assert f"Version</td><td>{old}</td>" in policy and OLD_WORDS in policy
    assert not [p for p in staged if p.endswith(f"v{new}.md")]  # not approved yet that day
    assert "records/linking-note.md" in staged  # added on the day itself
    before = render(root, "all", "--as-of", "2026-11-30")
    assert "records/linking-note.md" not in before


def test_render_as_of_a_day_before_the_first_commit_says_so(
    repo: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _, _ = repo
    out = root.parent / "staged-too-early"
    code = main(["render", "--root", str(root), "--out", str(out), "--as-of", "2020-01-01"])
    assert code == 1 and "no commit of HEAD is dated on or before 2020-01-01" in capsys.readouterr().err
    assert not out.exists()
    refused = main(["render", "--root", str(root), "--out", str(root / "policies"), "--as-of", "2026-12-01"])
    assert refused == 2  # the live repository's folders are protected as for any render


def test_redline_marks_words_and_escapes_them() -> None:
    marked = redline("One two three.\nSame line.\nGone line.\n", "One 2 three <b>.\nSame line.\n")
    assert marked.html == ('<div class="aims-redline">One <del>two</del><ins>2</ins> <del>three.</del>'
                           "<ins>three &lt;b&gt;.</ins><br>Same line.<br><del>Gone line.<br></del></div>")
    assert (marked.added, marked.removed) == (3, 4)
    assert "\n" not in redline("a\n\nb\n", "a\n\nc\n").html  # a blank line would end the HTML block
    unchanged = redline("Same.\n", "Same.\n")
    assert (unchanged.added, unchanged.removed) == (0, 0)


def test_field_changes_list_what_differs_in_order() -> None:
    before = {"version": "1.0", "related": ["A", "B"], "gone": 1, "same": "x"}
    after = {"version": "1.1", "same": "x", "related": ["A", "C"], "new": {"k": "v"}}
    found = [(f.name, f.before, f.after) for f in field_changes(before, after)]
    # A removed field comes after the one it followed; a new mapping is shown by its keys.
    assert found == [("version", "1.0", "1.1"), ("related", "A, B", "A, C"), ("gone", "1", ""),
                     ("new.k", "", "v")]


def test_a_rewritten_run_of_lines_is_shown_whole_not_matched_word_by_word() -> None:
    before = " ".join(f"old{n}" for n in range(2100)) + "\n"
    after = " ".join(f"new{n}" if n % 2 else f"old{n}" for n in range(2100)) + "\n"
    marked = redline(before, after)
    assert marked.html.count("<del>") == marked.html.count("<ins>") == 1  # beyond WORD_LIMIT
    small = redline(" ".join(before.split()[:50]) + "\n", " ".join(after.split()[:50]) + "\n")
    assert small.html.count("<ins>") == 25  # within it, word by word


def test_a_render_reads_every_version_with_one_log_and_one_more_batch(
    repo: tuple[Path, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_history_readonly import _logging_git

    root, _, _ = repo
    shim, log = _logging_git(tmp_path)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    staged = render(root, "all")
    assert len([p for p in staged if p.startswith("versions/")]) > 50  # every approved document has one
    # Open, refuse a shallow clone, resolve HEAD, the one log the check and the site share, and one
    # batch for the past revisions of every document (the rules read none here): no process per
    # document or version. Revisions equal to the work tree are not asked for at all. Then what
    # backs the approvals, a fixed number of processes however many documents: one verifying log
    # of the approval commits' signatures, one raw log of those git called unsigned, one listing
    # of tags on them, one listing of the forge's notes (none here, so no batch for them); and the
    # footer's one `git status`.
    assert log.read_text(encoding="utf-8").splitlines() == [
        "rev-parse --show-toplevel", "rev-parse --is-shallow-repository", "rev-parse --verify",
        "log -z", "cat-file --batch",
        "-c gpg.format=ssh", "log --no-walk=unsorted", "for-each-ref --sort=refname",
        "notes --ref=refs/notes/aims-approvals", "status --porcelain=v1",
    ]


def test_an_approval_replayed_with_the_same_version_gets_its_own_page(tmp_path: Path) -> None:
    """Approved, set back to draft and reworded, approved again with the same version, date and
    approver: two approved versions, each with its page; the later one's name is told apart."""
    root = starter_repo(tmp_path / "repo")
    path = root / "policies/ai-policy.md"
    text = path.read_text(encoding="utf-8")
    found = re.search(r'^version: "([\d.]+)"$', text, re.MULTILINE)
    assert found and OLD_WORDS in text and "\nstatus: approved\n" in text
    path.write_text(text.replace("\nstatus: approved\n", "\nstatus: draft\n").replace(OLD_WORDS, NEW_WORDS),
                    encoding="utf-8")
    commit_all(root, "Back to draft and reword", "2026-12-01T10:00:00+00:00")
    path.write_text(path.read_text(encoding="utf-8").replace("\nstatus: draft\n", "\nstatus: approved\n"),
                    encoding="utf-8")
    commit_all(root, "Approved again", "2026-12-01T11:00:00+00:00")
    staged = render(root, "all")
    folder, label = "versions/policies/ai-policy", f"v{found[1]}"
    first, again = staged[f"{folder}/{label}.md"], staged[f"{folder}/{label}-2.md"]
    assert OLD_WORDS in first and NEW_WORDS not in first
    assert NEW_WORDS in again and OLD_WORDS not in again
    assert "bought from <ins>vetted </ins>suppliers" in staged[f"{folder}/{label}-2-changes.md"]
    listing = staged["policies/ai-policy.md"].split("## Approved versions", 1)[1]
    assert listing.index(f"{label}-2.html") < listing.index(f"{label}.html")  # newest first
