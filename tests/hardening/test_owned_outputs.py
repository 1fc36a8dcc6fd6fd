"""Writers write only what is theirs: each data-loss case leaves the repository byte-identical.

Every case runs on a real git repository (the starter system, fixed dates) as
a user runs it, and compares every tracked file and every byte of `.git/`
before and after: the command must exit 2 and name the folder or file it
refused, and must have changed nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.owned_folder import MARKER
from tests.browser.site_repo import TODAY, commit_all, pyproject, starter_repo
from tests.conftest import PROJECT

DAY = TODAY.isoformat()
Capture = pytest.CaptureFixture[str]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return starter_repo(tmp_path_factory.mktemp("owned") / "starter")


@pytest.fixture
def root(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(pristine, copy, symlinks=True)
    return copy


def snapshot(root: Path) -> dict[str, str]:
    """SHA-256 of every tracked file and of every file below `.git/`."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=root, check=True, capture_output=True).stdout
    names = [n.decode() for n in tracked.split(b"\0") if n]
    names += [p.relative_to(root).as_posix() for p in (root / ".git").rglob("*") if p.is_file()]
    return {n: hashlib.sha256((root / n).read_bytes()).hexdigest() for n in sorted(names)}


def run(root: Path, *args: str) -> int:
    previous = Path.cwd()
    os.chdir(root)
    try:
        return main([*args])
    finally:
        os.chdir(previous)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["render", "--out", "."], "refusing to render into .: it is the repository root"),
        (["render", "--out", "policies"], "refusing to render into policies: it holds documents"),
        (["render", "--out", "schemas"], "refusing to render into schemas: it holds schemas"),
        (["render", "--out", "records/site"], "refusing to render into records/site: it is inside records/"),
        (["render", "--out", "docs"], "refusing to render into docs: it is not empty"),
        (["render", "--out", ".."], "refusing to render into"),
        (["evidence", "--out", "policies/roles.md"], "refusing to overwrite policies/roles.md"),
        (["soa", "export", "--format", "csv", "--out", "mkdocs.yml"], "refusing to overwrite mkdocs.yml"),
        (["check", "--output", "policies/ai-policy.md"], "refusing to overwrite policies/ai-policy.md"),
        (["readiness", "--output", "pyproject.toml"], "refusing to overwrite pyproject.toml"),
        (["reviews", "--output", "docs/site.md"], "refusing to overwrite docs/site.md"),
        (["schema", "--out", "schemas"], "refusing to write schemas into schemas"),
    ],
)
def test_a_data_loss_case_changes_nothing_and_exits_2(
    root: Path, args: list[str], named: str, capsys: Capture
) -> None:
    before = snapshot(root)
    with_today = [*args, "--today", DAY] if args[0] not in ("schema",) else args
    assert run(root, *with_today) == 2
    assert named in capsys.readouterr().err
    assert snapshot(root) == before


@pytest.mark.parametrize("command", ["render", "build"])
def test_source_dir_docs_with_hand_written_pages_is_refused(
    root: Path, command: str, capsys: Capture
) -> None:
    (root / "pyproject.toml").write_text(pyproject({"source_dir": "docs"}), encoding="utf-8")
    commit_all(root, "Stage the site in docs/", "2026-11-20T10:00:00+00:00")
    before = snapshot(root)
    assert run(root, command, "--today", DAY) == 2
    err = capsys.readouterr().err
    assert "refusing to render into docs: it is not empty and aims-lint did not make it" in err
    assert snapshot(root) == before


def test_a_site_dir_that_holds_documents_is_refused_before_mkdocs_cleans_it(
    root: Path, capsys: Capture
) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_dir: site", "site_dir: policies"), "utf-8")
    policies = {p.name: p.read_bytes() for p in (root / "policies").iterdir()}
    assert run(root, "build", "--today", DAY) == 2
    err = capsys.readouterr().err
    assert "refusing to build the site into policies: it holds documents (policies/)" in err
    assert {p.name: p.read_bytes() for p in (root / "policies").iterdir()} == policies


def test_render_marks_its_folder_and_deletes_only_what_the_marker_lists(root: Path) -> None:
    source = root / "build" / "site-src"
    assert run(root, "render", "--today", DAY) == 0
    assert (source / MARKER).is_file() and (root / "build" / "site-src.nav.yml").is_file()
    stamps = {p: p.stat().st_mtime_ns for p in source.rglob("*")}
    assert run(root, "render", "--today", DAY) == 0
    # Nothing changed, nothing is rewritten (marker included): `mkdocs serve` would rebuild forever.
    assert {p: p.stat().st_mtime_ns for p in source.rglob("*")} == stamps
    (source / "notes.txt").write_text("mine\n", encoding="utf-8")  # not listed: never deleted
    (root / "records" / "site-test-note.md").unlink()
    assert run(root, "render", "--today", DAY) == 0
    assert not (source / "records" / "site-test-note.md").exists()  # listed, no longer rendered: deleted
    assert (source / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_file_the_marker_does_not_list_is_not_overwritten(root: Path, capsys: Capture) -> None:
    assert run(root, "render", "--today", DAY) == 0
    marker = root / "build" / "site-src" / MARKER
    marker.write_text(marker.read_text(encoding="utf-8").replace('  "index.md",\n', ""), "utf-8")
    assert run(root, "render", "--today", DAY) == 2
    err = capsys.readouterr().err
    assert "refusing to overwrite build/site-src/index.md: aims-lint did not write it" in err


def test_an_earlier_unmarked_render_is_adopted_once_and_anything_else_refused(
    root: Path, capsys: Capture
) -> None:
    source = root / "build" / "site-src"
    assert run(root, "render", "--today", DAY) == 0
    (source / MARKER).unlink()  # as an earlier version left it
    stale = source / "policies" / "retired.md"
    stale.write_text('---\ntitle: "Retired"\n---\n# Retired\n', encoding="utf-8")
    assert run(root, "render", "--today", DAY) == 0  # adopted: the stale page was the earlier render's
    assert (source / MARKER).is_file() and not stale.exists()
    (source / MARKER).unlink()
    (source / "handwritten.md").write_text("# My own page\n", encoding="utf-8")
    assert run(root, "render", "--today", DAY) == 2
    assert "refusing to render into build/site-src: it is not empty" in capsys.readouterr().err
    assert (source / "handwritten.md").read_text(encoding="utf-8") == "# My own page\n"


def test_a_foreign_navigation_file_beside_the_folder_is_refused(root: Path, capsys: Capture) -> None:
    nav = root / "build" / "site-src.nav.yml"
    nav.parent.mkdir()
    nav.write_text("site_name: mine\n", encoding="utf-8")
    assert run(root, "render", "--today", DAY) == 2
    assert "site-src.nav.yml, was not written by aims-lint" in capsys.readouterr().err
    assert nav.read_text(encoding="utf-8") == "site_name: mine\n"


def test_a_link_inside_the_folder_is_refused(root: Path, capsys: Capture) -> None:
    assert run(root, "render", "--today", DAY) == 0
    inner = root / "build" / "site-src" / "policies"
    shutil.rmtree(inner)
    inner.symlink_to(root / "policies")
    before = snapshot(root)
    assert run(root, "render", "--today", DAY) == 2
    assert "it holds a symbolic link (policies)" in capsys.readouterr().err
    assert snapshot(root) == before


def test_a_rerun_replaces_its_own_outputs_and_force_replaces_any(root: Path, capsys: Capture) -> None:
    for args in (["soa", "export", "--format", "xlsx", "--out", "out/soa.xlsx"],
                 ["soa", "export", "--format", "oscal", "--out", "out/soa.json"],
                 ["check", "--format", "sarif", "--output", "out/check.sarif"],
                 ["readiness", "--format", "markdown", "--output", "out/readiness.md"]):
        assert run(root, *args, "--today", DAY) == 0
        assert run(root, *args, "--today", DAY) == 0, args  # its own earlier output
    stranger = root / "out" / "mine.csv"
    stranger.write_text("my,own\n", encoding="utf-8")
    args = ["soa", "export", "--format", "csv", "--out", "out/mine.csv", "--today", DAY]
    assert run(root, *args) == 2
    assert stranger.read_text(encoding="utf-8") == "my,own\n"
    assert run(root, *args, "--force") == 0
    assert stranger.read_text(encoding="utf-8").startswith("control,title,")


def test_an_evidence_bundle_replaces_only_a_bundle(root: Path, capsys: Capture) -> None:
    bundle = root.parent / "bundle.zip"
    other = root.parent / "other.zip"
    shutil.make_archive(str(other.with_suffix("")), "zip", root / "schemas")  # a zip, but not a bundle
    original = other.read_bytes()
    assert run(root, "evidence", "--out", str(other)) == 2
    assert other.read_bytes() == original
    assert run(root, "evidence", "--out", str(bundle)) == 0
    assert run(root, "evidence", "--out", str(bundle)) == 0  # an earlier bundle: replaced
    assert "refusing to overwrite" in capsys.readouterr().err


def test_new_refuses_a_folder_linked_outside_the_repository(
    root: Path, tmp_path: Path, capsys: Capture
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(root / "procedures")
    (root / "procedures").symlink_to(outside, target_is_directory=True)
    assert run(root, "new", "procedure", "Escaping procedure", "--today", DAY) == 2
    assert "a symbolic link on its path leads outside the repository" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_init_refuses_a_folder_linked_outside_the_target(tmp_path: Path, capsys: Capture) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "new-system"
    target.mkdir()
    (target / "policies").symlink_to(outside, target_is_directory=True)
    assert main(["init", str(target), "--force", "--today", DAY]) == 2
    assert "a symbolic link on its path leads outside" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
    assert [p.name for p in target.iterdir()] == ["policies"]  # nothing written at all


@pytest.mark.parametrize("link", ["folder", "file"])
def test_schemas_outside_the_repository_are_a_configuration_error(
    root: Path, tmp_path: Path, link: str, capsys: Capture
) -> None:
    outside = tmp_path / "elsewhere"
    shutil.move(root / "schemas", outside)
    if link == "folder":
        (root / "schemas").symlink_to(outside, target_is_directory=True)
        named = "schemas/ resolves to"
    else:
        (root / "schemas").mkdir()
        for schema in outside.iterdir():
            (root / "schemas" / schema.name).symlink_to(schema)
        named = "schemas/policy.schema.yaml resolves to"
    assert run(root, "check", "--today", DAY) == 2
    err = capsys.readouterr().err
    assert "configuration error" in err and named in err and "outside the repository" in err


def test_the_project_site_builds_with_make_site_settings(tmp_path: Path) -> None:
    """mkdocs.yml and the init template still inherit the navigation file render writes."""
    for config in (PROJECT / "mkdocs.yml", PROJECT / "aims_lint/data/init/mkdocs.yml"):
        text = config.read_text(encoding="utf-8")
        assert "INHERIT: build/site-src.nav.yml" in text and "docs_dir: build/site-src" in text
    assert run(PROJECT, "render", "--out", str(tmp_path / "s"), "--today", DAY) == 0
    assert (tmp_path / "s.nav.yml").is_file() and (tmp_path / "s" / MARKER).is_file()


@pytest.mark.slow
def test_a_build_that_fails_in_strict_mode_leaves_a_folder_the_next_build_accepts(
    root: Path, capsys: Capture
) -> None:
    # Strict MkDocs aborts after it has written its pages; the marker must list them, or the
    # next build would refuse site/ for holding pages "not written by an aims-lint build".
    assert run(root, "build", "--today", DAY) == 0
    policy = root / "policies" / "ai-policy.md"
    good = policy.read_text(encoding="utf-8")
    extra = root / "policies" / "extra.md"
    extra.write_text(good.replace("POL-001", "POL-901") + "\nSee [nothing](no-such-page.md).\n",
                     encoding="utf-8")
    capsys.readouterr()
    assert run(root, "build", "--today", DAY) == 1
    assert "site build failed" in capsys.readouterr().err
    extra.write_text(good.replace("POL-001", "POL-901"), encoding="utf-8")
    assert run(root, "build", "--today", DAY) == 0, capsys.readouterr().err
