"""The `frameworks` setting and the commands that take framework ids: our own messages for a bad
setting, AIMS611 naming the file the settings came from, `init --force --frameworks` changing only that
key, a repeated `readiness --framework` refused by name."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from aims_lint.catalog.frameworks import ids
from aims_lint.cli import main
from aims_lint.commands.config_edit import ConfigEditError, set_list
from aims_lint.config import ConfigError, load_settings
from aims_lint.export.soa_skeleton import skeleton_path
from tests.conftest import new_repo, run_lint, write_files

TODAY = "2026-12-02"
KNOWN = f"known: {', '.join(ids())}"
CITING = """---
id: POL-002
title: Information security policy
type: policy
status: draft
version: "0.1"
owner: aims-manager
approver: top-management
classification: internal
last_reviewed: 2026-01-10
next_review: 2027-01-10
clauses: ["5.2"]
controls: ["ISO27001:A.5.1"]
---
Body.
"""


@pytest.mark.parametrize(("written", "says"), [
    ('frameworks = "iso42001"', f'frameworks: must be a list of framework ids such as ["iso42001", '
                                f'"iso27001-2022"] (the frameworks are {", ".join(ids())})'),
    ("frameworks = [1]", "frameworks: must be a list of framework ids such as"),
    ('frameworks = ["iso42001", "iso27001"]', f"frameworks: unknown framework 'iso27001'; did you mean "
                                              f"'iso27001-2022'? {KNOWN}"),
    ('frameworks = ["iso42001", "NIST"]', "did you mean 'nist-ai-rmf-1.0'?"),
    ('frameworks = ["eu-ai-act"]', 'frameworks: must include "iso42001": the AI management system itself'),
])
@pytest.mark.parametrize("home", ["pyproject.toml", "aims-lint.toml"])
def test_a_bad_frameworks_setting_reads_in_our_words(
        tmp_path: Path, written: str, says: str, home: str) -> None:
    text = f"[tool.aims_lint]\n{written}\n" if home == "pyproject.toml" else f"{written}\n"
    (tmp_path / home).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path)
    message = str(caught.value)
    where = "aims-lint.toml" if home == "aims-lint.toml" else "[tool.aims_lint] of pyproject.toml"
    assert message.startswith(f"invalid configuration in {where}: ") and says in message
    assert "Input should" not in message and "Value error" not in message


@pytest.mark.parametrize(("home", "named"), [
    ("aims-lint.toml", "aims-lint.toml"),
    ("pyproject.toml", "[tool.aims_lint] of pyproject.toml"),
])
def test_aims611_names_the_file_the_settings_came_from(tmp_path: Path, home: str, named: str) -> None:
    root = new_repo(tmp_path / "repo", {"policies/security.md": CITING})
    if home == "aims-lint.toml":
        write_files(root, {"aims-lint.toml": 'frameworks = ["iso42001"]\n'})
    messages = [f.message for f in run_lint(root).findings if f.rule == "AIMS611"]
    assert messages == ["'ISO27001:A.5.1' cites ISO/IEC 27001:2022, which is not a configured framework; "
                        f'add "iso27001-2022" to `frameworks` in {named} (now ["iso42001"])']


def test_init_force_with_frameworks_changes_only_that_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "aims"
    assert main(["init", str(target), "--today", TODAY]) == 0
    config = target / "aims-lint.toml"
    text = config.read_text(encoding="utf-8")
    # Someone's own decisions in it, which a re-run of init must keep byte for byte.
    text = text.replace("\nframeworks = ",
                        '\n# our auditors asked for this\nmax_file_bytes = 2000000\nframeworks = ')
    text += '\n[[suppress]]\nrule = "AIMS611"\nreason = "a reason long enough to count"\n'
    config.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["init", str(target), "--today", TODAY, "--force", "--frameworks", "iso27001-2022"]) == 0
    out = capsys.readouterr().out
    assert "updated `frameworks` in aims-lint.toml to iso42001, iso27001-2022" in out
    after = config.read_text(encoding="utf-8")
    assert after == text.replace('frameworks = ["iso42001"]', 'frameworks = ["iso42001", "iso27001-2022"]')
    settings = load_settings(target)
    assert settings.frameworks == ("iso42001", "iso27001-2022") and settings.max_file_bytes == 2_000_000
    assert (target / skeleton_path("iso27001-2022")).is_file()
    # Without --frameworks, --force leaves the setting as it is now.
    assert main(["init", str(target), "--today", TODAY, "--force"]) == 0
    assert config.read_text(encoding="utf-8") == after


def test_set_list_in_pyproject_over_several_lines_and_when_missing(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.aims_lint]\nframeworks = [\n  "iso42001",\n]\n'
                    'paths = ["policies"]\n\n[tool.ruff]\nignore = ["E1"]\n', encoding="utf-8")
    assert set_list(path, "tool.aims_lint", "frameworks", ["iso42001", "eu-ai-act"]) is True
    assert path.read_text(encoding="utf-8") == (
        '[project]\nname = "x"\n\n[tool.aims_lint]\nframeworks = ["iso42001", "eu-ai-act"]\n'
        'paths = ["policies"]\n\n[tool.ruff]\nignore = ["E1"]\n')
    assert set_list(path, "tool.aims_lint", "frameworks", ["iso42001", "eu-ai-act"]) is False
    missing = tmp_path / "aims-lint.toml"
    missing.write_text('schemas = "schemas"\n\n[site]\nrepo_url = "https://example.org"\n', encoding="utf-8")
    assert set_list(missing, "", "frameworks", ["iso42001"]) is True
    assert tomllib.loads(missing.read_text(encoding="utf-8")) == {
        "schemas": "schemas", "frameworks": ["iso42001"], "site": {"repo_url": "https://example.org"}}


def test_set_list_keeps_a_one_line_comment_and_refuses_comments_it_would_drop(tmp_path: Path) -> None:
    path = tmp_path / "aims-lint.toml"
    path.write_text('frameworks = ["iso42001"]  # base, see "#12"\nschemas = "schemas"\n', encoding="utf-8")
    assert set_list(path, "", "frameworks", ["iso42001", "eu-ai-act"]) is True
    assert path.read_text(encoding="utf-8") == (
        'frameworks = ["iso42001", "eu-ai-act"]  # base, see "#12"\nschemas = "schemas"\n')
    # comments inside a value over several lines have nowhere to go: refused, the file as it was
    original = 'frameworks = [  # ours\n  "iso42001",  # base\n]  # end\nschemas = "schemas"\n'
    path.write_text(original, encoding="utf-8")
    with pytest.raises(ConfigEditError, match="comments inside it"):
        set_list(path, "", "frameworks", ["iso42001", "nist-ai-rmf-1.0"])
    assert path.read_text(encoding="utf-8") == original
    # a `#` inside a string is no comment: the value over several lines is still rewritten
    path.write_text('frameworks = [\n  "iso42001",\n]\nsite_name = "a # b"\n', encoding="utf-8")
    assert set_list(path, "", "frameworks", ["iso42001", "eu-ai-act"]) is True
    assert path.read_text(encoding="utf-8").startswith('frameworks = ["iso42001", "eu-ai-act"]\n')


def test_init_refuses_comments_in_frameworks_and_an_empty_value(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "aims"
    assert main(["init", str(target), "--today", TODAY, "--frameworks", "iso42001,iso27001-2022"]) == 0
    config = target / "aims-lint.toml"
    before = config.read_text(encoding="utf-8")
    capsys.readouterr()
    # an empty value would narrow the list to iso42001 alone
    assert main(["init", str(target), "--today", TODAY, "--force", "--frameworks", ""]) == 2
    assert "--frameworks names no framework" in capsys.readouterr().err
    assert config.read_text(encoding="utf-8") == before
    commented = before.replace('frameworks = ["iso42001", "iso27001-2022"]',
                               'frameworks = [  # ours\n  "iso42001",  # base\n  "iso27001-2022",\n]  # end')
    config.write_text(commented, encoding="utf-8")
    assert main(["init", str(target), "--today", TODAY, "--force", "--frameworks", "nist-ai-rmf-1.0"]) == 2
    captured = capsys.readouterr()
    assert "comments inside it" in captured.err and "nothing else in it changed" not in captured.out
    assert config.read_text(encoding="utf-8") == commented


def test_set_list_refuses_a_key_it_cannot_change_alone(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    original = '[tool]\naims_lint = {frameworks = ["iso42001"]}\n'
    path.write_text(original, encoding="utf-8")
    with pytest.raises(ConfigEditError):
        set_list(path, "tool.aims_lint", "frameworks", ["iso42001", "eu-ai-act"])
    assert path.read_text(encoding="utf-8") == original


def test_readiness_refuses_a_repeated_framework_by_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_repo(tmp_path / "repo")
    capsys.readouterr()
    code = main(["readiness", "--root", str(root), "--today", TODAY,
                 "--framework", "iso42001", "--framework", "iso27001-2022"])
    assert code == 2
    err = capsys.readouterr().err
    assert "--framework given 2 times (iso42001, iso27001-2022): it reports one framework" in err


def test_readiness_suggests_the_framework_id_meant(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_repo(tmp_path / "repo")
    capsys.readouterr()
    assert main(["readiness", "--root", str(root), "--today", TODAY, "--framework", "iso27001"]) == 2
    one = "unknown framework 'iso27001'; did you mean 'iso27001-2022'? known: " + ", ".join(ids())
    assert f"--framework iso27001: {one}" in capsys.readouterr().err
    # the same words from soa export and crosswalk: one helper (`unknown_id`) says it everywhere
    assert main(["soa", "export", "--root", str(root), "--today", TODAY, "--format", "csv",
                 "--framework", "iso27001"]) == 2
    assert one in capsys.readouterr().err
    assert main(["crosswalk", "iso27001", "iso42001"]) == 2
    assert one in capsys.readouterr().err
    # a real framework without an SoA is refused in words of its own
    assert main(["soa", "export", "--root", str(root), "--today", TODAY, "--format", "csv",
                 "--framework", "eu-ai-act"]) == 2
    assert "eu-ai-act has no SoA (it is not certifiable)" in capsys.readouterr().err


def test_the_help_lists_the_tables_framework_ids(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("readiness", "init"):
        main([command, "--help"])
        text = "".join(capsys.readouterr().out.split())  # help wraps at hyphens
        assert all(i in text for i in ids()), command
