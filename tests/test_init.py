"""`aims-lint init DIR`: a blank management system whose findings say what to fill in."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from aims_lint.catalog import load_catalog
from aims_lint.cli import main
from aims_lint.config import load_settings
from tests.conftest import PROJECT, write_files
from tests.test_document_folders import standard, standard_schema
from tests.test_history_repo import GitRepo

TODAY = "2026-11-22"
GENERATOR = PROJECT / "tools" / "package_data.py"
EXPECTED_FILES = {
    ".github/aims-lint-requirements.txt",
    ".github/CODEOWNERS",
    ".github/workflows/approvals.yml", ".github/workflows/check.yml", ".github/workflows/publish.yml",
    ".github/workflows/reviews.yml",
    ".gitignore", "README.md", "aims-lint.toml", "mkdocs.yml",
    "policies/roles.md", "policies/statement-of-applicability.md", "procedures/.gitkeep", "records/.gitkeep",
    "schemas/policy.schema.yaml", "schemas/procedure.schema.yaml", "schemas/record.schema.yaml",
    "schemas/roles.schema.yaml", "schemas/soa.schema.yaml",
    *(f"schemas/record-{kind}.schema.yaml" for kind in (
        "ai-system", "audit-programme", "impact-assessment", "internal-audit", "management-review",
        "nonconformity", "risk-assessment", "risk-treatment-plan", "supplier", "supplier-assessment",
    )),
    *(f"templates/{p.name}" for p in (PROJECT / "aims_lint" / "data" / "templates").iterdir()),
}
# What a blank system is told to fill in, and nothing else, all as warnings (its own checks
# pass on day one): the two roles its draft documents name have no holder (in the registry,
# where they are also the roles named to accept risks, and in the SoA), all 38 controls are
# undecided (20 listed, then one summary of the other 18: the per-rule cap), there is no
# management review and no internal audit yet, which only time can bring (operating_since is
# the day of init), and the draft SoA awaits its approval (AIMS876, a warning for the first
# min_operating_months).
EXPECTED_FINDINGS = {
    ("AIMS302", "warning"): 6, ("AIMS704", "warning"): 21,
    ("AIMS803", "warning"): 1, ("AIMS804", "warning"): 1, ("AIMS876", "warning"): 1,
}


def _init(target: Path, *extra: str) -> int:
    return main(["init", str(target), "--today", TODAY, *extra])


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _check(
    root: Path, capsys: pytest.CaptureFixture[str], today: str = TODAY
) -> tuple[int, list[dict[str, Any]], str]:
    """Exit code, JSON findings and standard error of `check` on `root`."""
    capsys.readouterr()
    code = main(["check", "--root", str(root), "--today", today, "--format", "json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out)["findings"], captured.err


def test_init_writes_a_blank_management_system(tmp_path: Path) -> None:
    target = tmp_path / "aims"
    assert _init(target, "--name", "Acme Labs") == 0
    assert _files(target) == EXPECTED_FILES
    assert "# Acme Labs AI management system" in (target / "README.md").read_text(encoding="utf-8")
    mkdocs = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    assert mkdocs["site_name"] == "Acme Labs AI management system"


def test_lint_of_a_fresh_init_says_what_to_fill_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "aims"
    assert _init(target) == 0
    code, findings, err = _check(target, capsys)
    assert code == 0  # warnings only
    # The configuration init writes uses no deprecated key (it once wrote site.exclude_confidential).
    assert "warning:" not in err
    # The history rules (AIMS9xx) judge the git repository, and a fresh folder is not one yet.
    counted = Counter((f["rule"], f["severity"]) for f in findings if not f["rule"].startswith("AIMS9"))
    assert counted == EXPECTED_FINDINGS
    undecided = [f for f in findings if f["rule"] == "AIMS704"]
    assert {f["path"] for f in undecided} == {"policies/statement-of-applicability.md"}
    assert "set applicable to true or false" in undecided[0]["message"]
    assert undecided[-1]["omitted"] == 18 and "and 18 more AIMS704" in undecided[-1]["message"]


def test_readiness_of_a_fresh_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "aims"
    assert _init(target) == 0
    capsys.readouterr()
    # not ready for Stage 1 (exit 1): nothing approved yet, no audit, no review, operating since today
    assert main(["readiness", "--root", str(target), "--today", TODAY, "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    summary = report["summary"]
    assert summary["controls"]["undecided"] == 38
    assert summary["documented_information"]["present"] == 0
    assert {b["code"] for b in report["blockers"]} == {
        "stage1-scope-not-approved", "stage1-ai-policy-not-approved", "stage1-soa-not-approved",
        "stage1-documented-information-missing", "stage1-no-audit-cycle", "stage1-no-management-review",
        "stage1-operating-period-too-short",
    }
    assert report["findings"]["errors"] == 0  # a fresh system has warnings only: nothing else blocks


def test_soa_skeleton_lists_all_38_controls_undecided(tmp_path: Path) -> None:
    target = tmp_path / "aims"
    assert _init(target) == 0
    text = (target / "policies/statement-of-applicability.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["status"] == "draft"
    assert [e["control"] for e in front["entries"]] == [c.id for c in load_catalog().controls]
    assert all(e["applicable"] is None and e["reasons"] == [] for e in front["entries"])
    assert (str(front["last_reviewed"]), str(front["next_review"])) == (TODAY, "2027-11-22")


def test_roles_registry_holders_are_vacant(tmp_path: Path) -> None:
    target = tmp_path / "aims"
    assert _init(target) == 0
    front = yaml.safe_load((target / "policies/roles.md").read_text(encoding="utf-8").split("---\n")[1])
    assert {r["id"] for r in front["roles"]} >= {"top-management", "aims-manager"}
    assert all(r["holder"] is None for r in front["roles"])


def test_refuses_a_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "aims"
    target.mkdir()
    (target / "README.md").write_text("ours\n", encoding="utf-8")
    assert _init(target) == 2
    assert "not empty" in capsys.readouterr().err
    assert _files(target) == {"README.md"}


def test_force_adds_missing_files_and_overwrites_nothing(tmp_path: Path) -> None:
    target = tmp_path / "aims"
    assert _init(target) == 0
    (target / "README.md").write_text("ours\n", encoding="utf-8")
    (target / "policies/roles.md").unlink()
    assert _init(target, "--force") == 0
    assert (target / "README.md").read_text(encoding="utf-8") == "ours\n"
    assert (target / "policies/roles.md").is_file()
    assert _files(target) == EXPECTED_FILES


def test_refuses_a_file_as_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "aims"
    target.write_text("x", encoding="utf-8")
    assert _init(target) == 2
    assert "not a folder" in capsys.readouterr().err


def test_organisation_name_cannot_break_yaml(tmp_path: Path) -> None:
    target = tmp_path / "aims"
    name = 'Acme: "Labs" #1\n{x}'
    assert _init(target, "--name", name) == 0
    mkdocs = yaml.safe_load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    assert mkdocs["site_name"] == 'Acme: "Labs" #1 {x} AI management system'


def test_the_packaged_copies_are_current() -> None:
    """An adopter gets the schemas, templates, CI gates and site configuration this repository
    runs on: aims_lint/data/ holds copies generated from them by `make data`."""
    done = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The originals and their packaged copies, in a folder a test may change."""
    root = tmp_path / "project"
    for folder in ("schemas", "templates", ".github/workflows", "aims_lint/data"):
        shutil.copytree(PROJECT / folder, root / folder)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _generator(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(GENERATOR), "--root", str(root), *args], capture_output=True, text=True
    )


def test_a_stale_copy_is_named_with_the_command_that_regenerates_it(project_copy: Path) -> None:
    schema = project_copy / "schemas" / "policy.schema.yaml"
    schema.write_text(schema.read_text(encoding="utf-8") + "# tightened\n", encoding="utf-8")
    (project_copy / "schemas" / "standard.schema.yaml").write_text("x-aims: {type: standard}\n")
    (project_copy / "templates" / "record.md").unlink()
    mkdocs = project_copy / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8") + "# more\n", encoding="utf-8")
    stale = [
        "aims_lint/data/init/mkdocs.yml", "aims_lint/data/schemas/policy.schema.yaml",
        "aims_lint/data/schemas/standard.schema.yaml", "aims_lint/data/templates/record.md",
    ]
    done = _generator(project_copy, "--check")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        *(f"stale: {rel}" for rel in stale),
        "the packaged copies are out of date: run `make data` and commit the result",
    ]
    assert _generator(project_copy).returncode == 0
    assert _generator(project_copy, "--check").returncode == 0
    packaged = project_copy / "aims_lint" / "data"
    assert (packaged / "schemas" / "policy.schema.yaml").read_bytes() == schema.read_bytes()
    assert not (packaged / "templates" / "record.md").exists()
    site = (packaged / "init" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_name: {{ organisation_yaml }}\n" in site and "site_description" not in site


def test_an_init_ed_repository_with_a_schema_of_its_own_checks_its_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new type is a schema file and nothing else: no configuration to change after init."""
    root = tmp_path / "aims"
    assert _init(root) == 0
    write_files(root, {
        "schemas/standard.schema.yaml": standard_schema(),
        "standards/secure-coding.md": standard(status="status: draft"),
        "standards/logging.md": standard(id="id: STD-002", status="status: draft", classification=""),
    })
    code, findings, err = _check(root, capsys)
    assert err == ""
    # Errors only: the roles the drafts name are vacant in a blank system (warnings).
    errors = [(f["rule"], f["path"], f["message"]) for f in findings if f["severity"] == "error"]
    assert errors == [("AIMS101", "standards/logging.md", "required field 'classification' is missing")]
    assert {f["path"] for f in findings} >= {"standards/secure-coding.md", "standards/logging.md"}
    assert code == 1
    capsys.readouterr()
    one = str(root / "standards" / "secure-coding.md")
    assert main(["check", "--root", str(root), "--today", TODAY, one]) == 0
    assert "1 document(s) checked: 0 error(s)" in capsys.readouterr().out


# --- day one ---------------------------------------------------------------------------------


def test_init_into_a_fresh_git_repository_then_commit_and_check_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The adopter's first minutes: `git init`, `aims-lint init .`, commit, check, open a pull request."""
    repo = GitRepo(tmp_path / "aims")  # a folder that holds only .git
    monkeypatch.chdir(repo.root)
    assert main(["init", ".", "--today", TODAY]) == 0
    repo.commit("Start the AI management system", TODAY)
    assert main(["check", "--today", TODAY]) == 0
    # The steps of the generated check.yml on the first pull request (here: a branch off main).
    repo.git("checkout", "-q", "-b", "first-pull-request")
    repo.commit("Say more in the README", TODAY, {"README.md": {"append": "\nMore to come.\n"}})
    assert main(["check", "--today", TODAY, "--base", "main"]) == 0
    assert main(["codeowners", "--check", "--today", TODAY]) == 0
    capsys.readouterr()


def test_init_refuses_a_folder_with_more_than_git(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = GitRepo(tmp_path / "aims")
    (repo.root / "notes.md").write_text("ours\n", encoding="utf-8")
    assert _init(repo.root) == 2
    assert "not empty" in capsys.readouterr().err
    assert _files(repo.root) - {p for p in _files(repo.root) if p.startswith(".git/")} == {"notes.md"}


def test_init_writes_operating_since_and_codeowners(tmp_path: Path) -> None:
    target = tmp_path / "aims"
    assert _init(target) == 0
    assert f"\noperating_since = {TODAY}\n" in (target / "aims-lint.toml").read_text(encoding="utf-8")
    codeowners = (target / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert codeowners.startswith("# BEGIN aims-lint codeowners\n# Generated by `aims-lint codeowners`")
    assert "# policies/roles.md: owner role 'aims-manager' is vacant" in codeowners


def test_after_the_first_interval_the_missing_review_and_audit_are_errors_on_a_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "aims"
    assert _init(target) == 0
    code, findings, _ = _check(target, capsys, "2027-11-23")
    assert code == 1
    late = [f for f in findings if f["rule"] in ("AIMS803", "AIMS804")]
    assert [(f["rule"], f["severity"], f["path"], f["line"]) for f in late] == [
        ("AIMS803", "error", "policies/statement-of-applicability.md", 2),
        ("AIMS804", "error", "policies/statement-of-applicability.md", 2),
    ]


def test_on_day_one_the_missing_review_and_audit_say_when_they_are_due(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "aims"
    assert _init(target) == 0
    _, findings, _ = _check(target, capsys)
    due = {f["rule"]: f["message"] for f in findings if f["rule"] in ("AIMS803", "AIMS804")}
    assert "the first is due by 2027-11-22" in due["AIMS803"]
    assert "clauses 4 to 10 by 2027-11-22" in due["AIMS804"]
    assert not any(f["path"].startswith("schemas/") for f in findings)


# --- frameworks --------------------------------------------------------------------------------


SECURITY_POLICY = """---
id: POL-001
title: Information security policy
type: policy
status: draft
version: "0.1"
owner: aims-manager
approver: top-management
classification: internal
last_reviewed: 2026-11-22
next_review: 2027-11-22
clauses: ["5.2", "ISO27001:5.2"]
controls: ["ISO27001:A.5.1", "NIST-AI-RMF:GOVERN-1.1"]
---
# Information security policy
"""


def test_init_writes_the_default_frameworks(tmp_path: Path) -> None:
    target = tmp_path / "aims"
    assert _init(target) == 0
    assert '\nframeworks = ["iso42001"]\n' in (target / "aims-lint.toml").read_text(encoding="utf-8")
    assert load_settings(target).frameworks == ("iso42001",)


def test_init_with_frameworks_configures_them_and_writes_each_certifiable_ones_soa(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "aims"
    assert _init(target, "--frameworks", "iso42001, iso27001-2022,nist-ai-rmf-1.0") == 0
    text = (target / "aims-lint.toml").read_text(encoding="utf-8")
    assert '\nframeworks = ["iso42001", "iso27001-2022", "nist-ai-rmf-1.0"]\n' in text
    assert load_settings(target).frameworks == ("iso42001", "iso27001-2022", "nist-ai-rmf-1.0")
    # ISO/IEC 27001 is certifiable: its own SoA skeleton, every control undecided; NIST needs none.
    soa = (target / "policies" / "statement-of-applicability-iso27001.md").read_text(encoding="utf-8")
    front = yaml.safe_load(soa.split("---\n")[1])
    assert (front["id"], front["framework"]) == ("SOA-002", "iso27001-2022")
    assert str(front["last_reviewed"]) == TODAY
    assert len(front["entries"]) == len(load_catalog("iso27001-2022").controls) == 93
    assert "{{" not in soa
    assert sorted(p.name for p in (target / "policies").iterdir()) == [
        "roles.md", "statement-of-applicability-iso27001.md", "statement-of-applicability.md",
    ]
    code, findings, err = _check(target, capsys)
    assert code == 0 and "warning:" not in err  # warnings only, as a plain init
    counted = Counter((f["rule"], f["path"]) for f in findings if f["rule"] in ("AIMS704", "AIMS708"))
    assert counted == {
        ("AIMS704", "policies/statement-of-applicability.md"): 21,
        ("AIMS704", "policies/statement-of-applicability-iso27001.md"): 21,
    }
    assert {f["severity"] for f in findings} == {"warning"}
    # A document citing a configured framework is no configuration warning (AIMS611).
    write_files(target, {"policies/security.md": SECURITY_POLICY})
    _, findings, _ = _check(target, capsys)
    assert {f["rule"] for f in findings} & {"AIMS104", "AIMS610", "AIMS611", "AIMS614"} == set()
    # The same document in a system configured for ISO/IEC 42001 alone is told to configure 27001
    # (and the 27001 SoA once, by AIMS624, not by one AIMS611 per id in it).
    write_files(target, {"aims-lint.toml": text.replace('"iso27001-2022", ', "")})
    _, findings, _ = _check(target, capsys)
    assert [f["line"] for f in findings if f["rule"] == "AIMS611"] == [12, 13]


def test_init_adds_iso42001_when_left_out(tmp_path: Path) -> None:
    target = tmp_path / "aims"
    assert _init(target, "--frameworks", "eu-ai-act") == 0
    assert load_settings(target).frameworks == ("iso42001", "eu-ai-act")


def test_init_refuses_an_unknown_framework_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "aims"
    capsys.readouterr()
    assert _init(target, "--frameworks", "iso42001,iso27001") == 2
    err = capsys.readouterr().err
    assert "unknown framework 'iso27001'; did you mean 'iso27001-2022'?" in err
    assert "? known: iso42001, iso27001-2022, nist-ai-rmf-1.0, eu-ai-act" in err
    assert not target.exists()
