"""The page table: one entry per generated page, the names it reserves, and the audience gate.

A contributor adds a page by adding an entry to `page_table.PAGES`. The
fake page below is added that way, and does what a careless page would:
it lists every document it can reach from the `SiteContext` it is given,
through the published corpus and through every object the view holds (a
walk of the object graph, the way `gc` sees it). Rendered for each
audience from the audience test repository (a confidential, an internal
and a public record over the starter system), it must list exactly the
documents that audience may read; the `all` build lists the confidential
record, so the check can fail.
"""

from __future__ import annotations

import gc
import re
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from aims_lint import escape
from aims_lint.audience import Gate
from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.document import SourceFile
from aims_lint.engine import lint
from aims_lint.history import History
from aims_lint.history.model import FileHistory
from aims_lint.model import Document
from aims_lint.results import Finding, LintResult
from aims_lint.site import page_table
from aims_lint.site.context import SiteContext, _page_for
from aims_lint.site.page_table import PAGES, RESERVED, Folder, Page, reserved
from tests.browser.site_repo import TODAY
from tests.test_audience import MEMO_ID, PUBLIC_ID, SECRET_ID, SOA_PATH, audience_repo

# Objects a view must never hold: each would lead back to what the audience may not read.
_UNFILTERED = (LintResult, Gate, History)
# What a graph walk does not descend into: code and classes lead to modules, not to data.
_CODE = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType,
         types.CodeType, types.FrameType)


def _reachable(root: object) -> Iterator[object]:
    """Every object `root` holds, directly or not, through data (attributes, caches, containers)."""
    seen, stack = {id(root)}, [root]
    while stack:
        obj = stack.pop()
        yield obj
        for ref in gc.get_referents(obj):
            if id(ref) not in seen and not isinstance(ref, _CODE):
                seen.add(id(ref))
                stack.append(ref)


def everything_page(ctx: SiteContext) -> str:
    """A careless page: every document, finding and history it can find, by any route."""
    lines = ["---", 'title: "Everything"', "---", "", "# Everything", ""]
    documents: dict[str, str] = {}
    for source in ctx.corpus.sources:  # the front door
        documents[source.path] = f"{source.data.get('id')} {source.data.get('classification')}"
    for obj in _reachable(ctx):  # every other door
        if isinstance(obj, SourceFile):
            documents[obj.path] = f"{obj.data.get('id')} {obj.data.get('classification')}"
        elif isinstance(obj, Document):
            documents.setdefault(f"id:{obj.id}", f"{obj.id} {obj.classification}")
        elif isinstance(obj, Finding):
            lines.append(f"finding {obj.path}")
        elif isinstance(obj, FileHistory) and obj.changes:
            lines.append(f"history {obj.path}")
        elif isinstance(obj, _UNFILTERED):
            lines.append(f"unfiltered {type(obj).__name__}")
    lines += [f"document {path} {what}" for path, what in sorted(documents.items())]
    return "\n".join([*lines, ""])


FAKE = Page("everything.md", "Everything", everything_page, tab="Reference")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return audience_repo(tmp_path_factory.mktemp("table") / "repo")


def _render(root: Path, audience: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The staged site of `root` for `audience`, with the fake page registered in the table."""
    monkeypatch.setattr(page_table, "PAGES", (*PAGES, FAKE))
    out = root.parent / f"staged-{audience}"
    assert main(["render", "--root", str(root), "--today", TODAY.isoformat(), "--out", str(out),
                 "--audience", audience]) == 0
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}


@pytest.mark.parametrize("audience", ["public", "internal", "all"])
def test_a_page_added_to_the_table_sees_only_what_its_audience_may_read(
    repo: Path, audience: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    staged = _render(repo, audience, monkeypatch)
    page = staged["everything.md"].splitlines()
    gate = Gate.of(lint(load_settings(repo), TODAY).corpus, audience)  # type: ignore[arg-type]
    admitted = {s.path for s in gate.corpus.sources}
    listed = {line.split()[1] for line in page if line.startswith("document ") and ":" not in line.split()[1]}
    assert listed == admitted and admitted  # not one more, not one less, and not none
    assert not [line for line in page if line.startswith("unfiltered ")]
    assert {line.split()[1] for line in page if line.startswith(("finding ", "history "))} <= admitted
    labels = {line.rsplit(" ", 1)[1] for line in page if line.startswith("document ")}
    allowed = {"public": {"public"}, "internal": {"public", "internal"}}.get(audience)
    if allowed is not None:
        assert labels <= allowed, labels
        assert SECRET_ID not in staged["everything.md"]
    else:  # the `all` build reaches the confidential record: the checks above can fail
        assert "confidential" in labels and SECRET_ID in staged["everything.md"]
    assert (MEMO_ID in staged["everything.md"]) == (audience != "public")
    assert PUBLIC_ID in staged["everything.md"]
    assert "everything.md" in (repo.parent / f"staged-{audience}.nav.yml").read_text(encoding="utf-8")


def test_every_table_slug_is_reserved() -> None:
    slugs = [entry.slug for entry in PAGES]
    assert len(slugs) == len(set(slugs))  # one owner per name
    assert RESERVED == reserved(PAGES) == frozenset(slugs)
    assert "everything.md" in reserved((*PAGES, FAKE))  # an added page reserves its name too
    for entry in PAGES:
        assert "/" not in entry.slug and entry.slug.endswith(".md") == isinstance(entry, Page), entry.slug
        # A document whose own page would take the name moves under documents/ instead.
        path = entry.slug if isinstance(entry, Page) else f"{entry.slug}/x.md"
        assert _page_for(path, set(), RESERVED).startswith("documents/"), entry.slug
    assert _page_for("policies/x.md", set(), RESERVED) == "policies/x.md"


def test_each_entry_builds_its_pages_under_its_name_with_its_title(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staged = _render(repo, "all", monkeypatch)
    for entry in PAGES:
        if isinstance(entry, Page):
            assert entry.slug in staged, entry.slug
            first = staged[entry.slug].split("\n---\n", 1)[0]
            assert (f"title: {escape.meta_title(entry.title)}" in first
                    or staged[entry.slug].startswith(f"# {entry.title}\n")), entry.slug
        elif entry.menu_page not in (None, page_table.EVERY):
            index = staged[f"{entry.slug}/{entry.menu_page}"]
            assert index.startswith(f"---\ntitle: {escape.meta_title(entry.title)}\n"), entry.slug


def test_a_folder_entry_may_not_write_outside_its_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stray = Folder("stray", "Stray", lambda ctx: {"stray/a.md": "a", "index.md": "taken"})
    monkeypatch.setattr(page_table, "PAGES", (*PAGES, stray))
    with pytest.raises(ValueError, match=re.escape("'stray' built pages outside its folder: ['index.md']")):
        main(["render", "--root", str(repo), "--today", TODAY.isoformat(),
              "--out", str(repo.parent / "staged-stray")])


def test_the_readiness_page_shows_no_decision_of_a_withheld_soa(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SoA is internal in the starter system: a public site must not show what it decided."""
    public = _render(repo, "public", monkeypatch)["readiness.md"]
    controls = public.split("## Annex A controls", 1)[1]
    rows = [line.split(" | ") for line in controls.splitlines() if line.startswith("| [A.")]
    assert len(rows) == 38 and {row[2] for row in rows} == {"withheld"}
    assert all(row[3] == row[4] == "" for row in rows)  # no implementation, no implementing document
    assert "not published for this audience" in controls
    internal = _render(repo, "internal", monkeypatch)["readiness.md"]
    assert "| included | implemented |" in internal and "withheld" not in internal
    assert SOA_PATH.removesuffix(".md") not in public
    # The figures stay those of the whole system: the same in both.
    assert public.split("## Documented information")[0] == internal.split("## Documented information")[0]
