"""The site says what it is: the commit, its date, the build date, uncommitted changes, and a
banner when it was published despite errors (`aims-lint build --no-gate`). Real repositories."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from aims_lint.cli import main
from aims_lint.history.gitcmd import Git
from aims_lint.history.worktree import uncommitted
from aims_lint.site.stamp import with_banner
from tests.complete_aims import complete_files
from tests.conftest import PROJECT, new_repo
from tests.test_history_repo import GitRepo

COMMITTED = "2026-11-20T09:30:00+00:00"
OVERDUE_DAY = "2027-01-20"  # POL-001 was due for review on 2027-01-10; nothing else is wrong then
Capture = pytest.CaptureFixture[str]


def _complete(root: Path) -> tuple[GitRepo, str]:
    """The small complete system of tests/complete_aims.py, with mkdocs.yml, in one commit."""
    new_repo(root, complete_files())
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    repo = GitRepo(root)
    return repo, repo.commit("A complete system", COMMITTED)


def _footer(root: Path, out: Path) -> str:
    """The footer the render wrote into the navigation file mkdocs.yml inherits."""
    nav = yaml.safe_load(out.with_name(f"{out.name}.nav.yml").read_text(encoding="utf-8"))
    return str(nav["copyright"])


def _render(root: Path, out: Path, *args: str) -> int:
    return main(["render", "--root", str(root), "--out", str(out), *args])


# -- git status: what counts as uncommitted ---------------------------------------------------


def test_uncommitted_counts_tracked_changes_and_untracked_files_the_site_reads(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    files = {"policies/a.md": "a\n", "README.md": "r\n", ".gitignore": "ignored/\n"}
    repo.commit("Start", "2026-11-01", files)
    source = Git(repo.root)
    assert uncommitted(source, ("policies", "schemas")) == []
    (repo.root / "build").mkdir()
    (repo.root / "build" / "page.md").write_text("a staged page\n", encoding="utf-8")  # an output
    (repo.root / "ignored").mkdir()
    (repo.root / "ignored" / "x.md").write_text("x\n", encoding="utf-8")
    assert uncommitted(source, ("policies", "schemas")) == []
    (repo.root / "policies" / "new.md").write_text("new\n", encoding="utf-8")  # would be published
    (repo.root / "README.md").write_text("changed\n", encoding="utf-8")
    (repo.root / "policies" / "a.md").unlink()
    assert uncommitted(source, ("policies", "schemas")) == ["README.md", "policies/a.md", "policies/new.md"]
    repo.git("add", "-A")  # staged but not committed is still not the commit
    assert uncommitted(source, ("policies",)) == ["README.md", "build/page.md", "policies/a.md",
                                                   "policies/new.md"]


def test_uncommitted_below_an_aims_root_inside_the_repository(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Start", "2026-11-01", {"aims/policies/a.md": "a\n", "app/main.py": "print()\n"})
    (repo.root / "app" / "main.py").write_text("print(1)\n", encoding="utf-8")  # not the aims root's
    source = Git(repo.root, "aims/")
    assert uncommitted(source, ("policies",)) == []
    (repo.root / "aims" / "policies" / "a.md").write_text("b\n", encoding="utf-8")
    assert uncommitted(source, ("policies",)) == ["policies/a.md"]


def test_uncommitted_is_unknown_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert uncommitted(Git(tmp_path), ("policies",)) is None


# -- the footer, as `render` writes it ---------------------------------------------------------


def test_the_footer_names_the_commit_its_date_and_the_build_date(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _, sha = _complete(root)
    out = tmp_path / "src"
    assert _render(root, out, "--today", "2026-11-22") == 0
    footer = _footer(root, out)
    assert f'title="{sha}">{sha[:7]}</code>' in footer
    assert "Site built 2026-11-22 from commit" in footer and f"{sha[:7]}</code> of 2026-11-20" in footer
    assert "uncommitted" not in footer and "aims-stamp--clean" in footer


def test_a_work_tree_with_uncommitted_changes_is_marked(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _complete(root)
    out = tmp_path / "src"
    policy = root / "policies" / "ai-policy.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\nAn edit not committed yet.\n", encoding="utf-8")
    assert _render(root, out, "--today", "2026-11-22") == 0
    assert "with uncommitted changes (1 file)</strong>" in _footer(root, out)
    (root / "policies" / "draft.md").write_text("---\nid: POL-099\n---\n", encoding="utf-8")
    assert _render(root, out, "--today", "2026-11-22") == 0
    assert "with uncommitted changes (2 files)</strong>" in _footer(root, out)


def test_a_site_without_history_names_no_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = new_repo(tmp_path / "plain", complete_files())
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert _render(root, tmp_path / "src", "--today", "2026-11-22") == 0
    footer = _footer(root, tmp_path / "src")
    assert "Site built 2026-11-22; no commit named: the revision history could not be read" in footer
    assert "<code" not in footer


def test_the_build_date_comes_from_source_date_epoch_unless_today_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    root = tmp_path / "repo"
    _complete(root)
    out = tmp_path / "src"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18T...Z
    assert _render(root, out) == 0
    assert "Site built 2026-11-18 from commit" in _footer(root, out)
    assert _render(root, out, "--today", "2026-11-22") == 0
    assert "Site built 2026-11-22 from commit" in _footer(root, out)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert _render(root, out) == 2
    assert "SOURCE_DATE_EPOCH='yesterday' is not a whole number of seconds" in capsys.readouterr().err


def test_a_mkdocs_copyright_of_its_own_keeps_the_footer() -> None:
    from aims_lint.site.stamp import keep_footer

    class Config:
        copyright: str | None = "© Fennwick Labs"

    config = Config()
    keep_footer(config, '<span class="aims-stamp">x</span>')
    assert config.copyright == '© Fennwick Labs<br><span class="aims-stamp">x</span>'
    keep_footer(config, '<span class="aims-stamp">x</span>')  # a rebuild under serve adds nothing
    assert config.copyright.count("aims-stamp") == 1


# -- the banner ------------------------------------------------------------------------------


def test_the_banner_goes_after_the_title_so_mkdocs_keeps_it() -> None:
    notice = '<div class="aims-banner">n</div>'
    page = '---\ntitle: "Dashboard"\n---\n\n# Dashboard\n\nAs of today.\n'
    assert with_banner(page, notice) == '---\ntitle: "Dashboard"\n---\n\n# Dashboard\n\n' + notice + (
        "\n\nAs of today.\n")
    assert with_banner("# Rule reference\n\nText.\n", notice).startswith("# Rule reference\n\n" + notice)
    assert with_banner("No heading.\n", notice) == f"\n{notice}\n\nNo heading.\n"
    assert with_banner(page, "") == page


def test_every_staged_page_of_a_system_with_errors_opens_with_the_banner(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _complete(root)
    out = tmp_path / "src"
    assert _render(root, out, "--today", OVERDUE_DAY) == 0
    pages = sorted(out.rglob("*.md"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.count("Published with errors") == 1, page
        assert "The check found 1 error when this site was built" in text, page
    dashboard = (out / "dashboard.md").read_text(encoding="utf-8")
    row = r"\| \[POL-001 line \d+\]\(policies/ai-policy\.md\) \| AIMS401 \| error \| review was due"
    assert re.search(row, dashboard)
    assert 'href="dashboard.html#user-content-findings-of-the-check"' in dashboard
    # For readers who may not see POL-001 (internal), the banner counts the error and says no more.
    assert _render(root, out, "--today", OVERDUE_DAY, "--audience", "public") == 0
    home = (out / "index.md").read_text(encoding="utf-8")
    assert "The check found 1 error when this site was built, all in documents this site does not " \
           "publish." in home
    assert "review was due" not in (out / "dashboard.md").read_text(encoding="utf-8")
    # The same system judged before the review fell due: no banner anywhere.
    assert _render(root, out, "--today", "2026-11-22") == 0
    assert not [p for p in out.rglob("*.md") if "Published with errors" in p.read_text(encoding="utf-8")]


# -- building despite errors ---------------------------------------------------------------


@pytest.mark.slow
def test_a_build_with_an_overdue_document_still_produces_a_site_with_the_banner(
    tmp_path: Path, capsys: Capture
) -> None:
    root = tmp_path / "repo"
    _, sha = _complete(root)
    args = ["build", "--root", str(root), "--today", OVERDUE_DAY]
    assert main(args) == 1  # the gate: nothing is built
    assert "not building the site while the check fails" in capsys.readouterr().err
    assert not (root / "site").exists()
    assert main([*args, "--no-gate"]) == 0
    assert "building the site despite the check (--no-gate)" in capsys.readouterr().err
    site = root / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        footer = text[text.index("<footer"):]
        assert f'title="{sha}">{sha[:7]}</code> of 2026-11-20' in footer, page
        if page.name != "404.html":  # the theme's own page has the footer but no content of ours
            assert text.count('class="admonition failure aims-banner"') == 1, page
    policy = (site / "policies" / "ai-policy.html").read_text(encoding="utf-8")
    assert "review was due on 2027-01-10" in policy
    dashboard = (site / "dashboard.html").read_text(encoding="utf-8")
    assert 'id="user-content-findings-of-the-check"' in dashboard
    assert '<a href="policies/ai-policy.html">POL-001 line' in dashboard and "AIMS401" in dashboard


@pytest.mark.slow
def test_no_gate_keeps_mkdocs_strict_mode_for_real_build_problems(
    tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = new_repo(tmp_path / "plain", complete_files())  # no git: the history is missing
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code = main(["build", "--root", str(root), "--today", "2026-11-22", "--no-gate"])
    err = capsys.readouterr().err
    assert code == 1
    assert "aims-lint: revision history unavailable" in err and "strict mode" in err


@pytest.mark.slow
def test_every_page_of_the_built_starter_site_names_its_commit_in_the_footer() -> None:
    from tests.browser.site_repo import TODAY, shared_site
    from tests.browser.test_footer_browser import head

    root = shared_site("starter")
    sha, committed = head(root)
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        footer = text[text.index("<footer"):]
        assert f'title="{sha}">{sha[:7]}</code></a> of {committed}' in footer, page
        assert f"Site built {TODAY.isoformat()} from commit" in footer and "aims-stamp--clean" in footer, page
        assert "aims-banner" not in text, page


@pytest.mark.slow
def test_the_evidence_bundles_site_names_its_commit_and_never_the_work_tree(tmp_path: Path) -> None:
    import zipfile

    root = tmp_path / "repo"
    _, sha = _complete(root)
    policy = root / "policies" / "ai-policy.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\nNot committed.\n", encoding="utf-8")
    out = tmp_path / "bundle.zip"
    assert main(["evidence", "--root", str(root), "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        pages = {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                 if name.endswith(".html")}
    assert len(pages) > 50
    for name, text in pages.items():
        footer = text[text.index("<footer"):]
        # Built from the commit's own files, judged (and dated) as of the commit's day.
        assert "Site built 2026-11-20 from commit" in footer and f'title="{sha}"' in footer, name
        assert "aims-stamp--clean" in footer and "uncommitted" not in footer, name
