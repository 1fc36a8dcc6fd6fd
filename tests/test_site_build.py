"""Render, then build: other builders, missing history, live reload, and the escaping rules."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html import unescape
from pathlib import Path

import markdown
import pytest

from aims_lint import escape
from aims_lint.cli import main
from tests.browser.site_repo import PROJECT, TODAY, pyproject, shared_site

EXTENSIONS = ["tables", "attr_list", "admonition", "toc"]


@pytest.mark.slow
def test_properdocs_builds_the_rendered_source(tmp_path: Path) -> None:
    pytest.importorskip("properdocs")
    starter = shared_site("starter")
    out = tmp_path / "properdocs-site"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "-f",
            str(starter / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        cwd=starter,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(list((out / "controls").glob("A.*.html"))) == 38
    page = (out / "policies" / "ai-policy.html").read_text(encoding="utf-8")
    assert "aims-panel" in page
    # mkdocs.yml lists the aims-lint plugin, so a plain build is sanitised and carries the policy too.
    assert '<meta http-equiv="Content-Security-Policy"' in page and 'id="user-content-commitments"' in page


def _plain_copy(root: Path) -> Path:
    """The starter documents without git: history cannot be read."""
    root.mkdir()
    for name in ("schemas", "policies", "procedures", "records", "mkdocs.yml"):
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    (root / "pyproject.toml").write_text(pyproject(), encoding="utf-8")
    return root


@pytest.mark.slow
def test_missing_history_is_shown_and_fails_a_strict_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _plain_copy(tmp_path / "repo")
    env_ceiling = os.environ.get("GIT_CEILING_DIRECTORIES")
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp_path)  # never find a repository above the copy
    try:
        code = main(["build", "--root", str(root), "--today", TODAY.isoformat()])
    finally:
        if env_ceiling is None:
            del os.environ["GIT_CEILING_DIRECTORIES"]
        else:
            os.environ["GIT_CEILING_DIRECTORIES"] = env_ceiling
    err = capsys.readouterr().err
    assert code == 1
    assert "aims-lint: revision history unavailable" in err and "strict mode" in err
    page = (root / "build" / "site-src" / "policies" / "ai-policy.md").read_text(encoding="utf-8")
    assert '<p class="admonition-title">History unavailable</p>' in page
    assert "not inside a git repository" in page


@pytest.mark.slow
def test_render_command_stages_markdown_and_navigation(tmp_path: Path) -> None:
    starter = shared_site("starter")
    out = tmp_path / "src"
    assert main(["render", "--root", str(starter), "--today", TODAY.isoformat(), "--out", str(out)]) == 0
    nav = (tmp_path / "src.nav.yml").read_text(encoding="utf-8")
    assert "policies/ai-policy.md" in nav and "soa.md" in nav
    page = (out / "policies" / "ai-policy.md").read_text(encoding="utf-8")
    assert page.startswith('---\ntitle: "AI policy"\n') and "## Revision history" in page


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # localhost only
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = _fetch(url)
        if text is not None and needle in text:
            return True
        time.sleep(0.5)
    return False


@pytest.mark.slow
def test_serve_re_renders_when_a_document_changes(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(shared_site("starter"), root, ignore=shutil.ignore_patterns("site", "build"))
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - aims-lint ", "  # - aims-lint "),
                      encoding="utf-8")
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "aims_lint",
        "serve",
        "--root",
        str(root),
        "--today",
        TODAY.isoformat(),
        "--dev-addr",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/policies/ai-policy.html"
        assert _wait_for(url, "aims-panel", 60), "aims-lint serve did not come up"
        # mkdocs.yml no longer lists the plugin: the hook that serve adds brings it in.
        assert _wait_for(url, '<meta http-equiv="Content-Security-Policy"', 5)
        assert _wait_for(url, 'id="user-content-commitments"', 5)
        assert _wait_for(url, "script-src 'self' 'unsafe-inline'", 5)  # its live-reload script runs
        policy = root / "policies" / "ai-policy.md"
        policy.write_text(
            policy.read_text(encoding="utf-8") + "\nLive reload marker paragraph.\n", encoding="utf-8"
        )
        assert _wait_for(url, "Live reload marker paragraph.", 60)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_metadata_text_and_titles_are_inert() -> None:
    value = '<b>x</b> [l](javascript:1) {: onclick="y"} | & "q"'
    html = markdown.markdown(escape.text(value), extensions=EXTENSIONS)
    assert html.startswith("<p>") and html.endswith("</p>") and "<" not in html[3:-4]
    assert unescape(html[3:-4]) == value  # shown exactly as typed
    assert escape.meta_title("</title><script>") == '"&lt;/title&gt;&lt;script&gt;"'
    assert (
        escape.href("javascript:alert(1)") is None
        and escape.href("https://x.example/a b") == "https://x.example/a%20b"
    )


@pytest.mark.slow
def test_site_files_for_the_evidence_bundle_are_reproducible(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from aims_lint.config import load_settings
    from aims_lint.engine import lint
    from aims_lint.site.bundle import site_files
    from aims_lint.site.revisions import collect

    root = tmp_path / "repo"
    shutil.copytree(shared_site("starter"), root, ignore=shutil.ignore_patterns("site", "build"))
    settings = load_settings(root)
    when = datetime(2026, 11, 18, 14, 30, tzinfo=UTC)
    builds = []
    for _ in range(2):
        history = collect(settings, [])
        result = lint(settings, TODAY, history=history)
        builds.append(site_files(settings, TODAY, result, history, when))
    assert builds[0] == builds[1]
    assert "site/soa.html" in builds[0] and "site/search/search_index.json" in builds[0]
    assert "site/sitemap.xml.gz" in builds[0]  # gzip stamps its header with SOURCE_DATE_EPOCH
    assert b"Content-Security-Policy" in builds[0]["site/soa.html"]  # sanitised like any build
