"""`aims-lint` from the outside: exit codes, options, formats, paths and bad input.

Most runs go through `aims_lint.cli.main(argv)` in this process (fast, same
code path as the console script); a few run the installed console script in a
real subprocess. Every run checks that no traceback reached stdout or stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.rules import REGISTRY
from tests.conftest import PROJECT, new_repo, write_files

# The document rules of the linter: parsing, schemas, identity, owners, reviews, references.
# Later families (catalog, SoA, evidence, git history) judge a complete management system in a
# git repository; the small test repositories here are neither, so their configuration selects
# these families only.
DOCUMENT_RULES = ("AIMS0", "AIMS1", "AIMS2", "AIMS3", "AIMS4", "AIMS5")
CLEAN_DAY = "2026-11-22"  # the base documents have no finding on this day
DUE_SOON_DAY = "2026-12-20"  # the AI policy's review (2027-01-10) is 21 days away: one warning
PROCEDURE = """---
id: {id}
title: Risk assessment procedure
type: procedure
status: draft
version: "0.1"
owner: {owner}
approver: top-management
classification: internal
last_reviewed: 2026-01-10
next_review: 2027-01-10
clauses: ["6.1.2"]
---
Body.
"""


def procedure(doc_id: str = "PRO-001", owner: str = "aims-manager") -> str:
    return PROCEDURE.format(id=doc_id, owner=owner)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, object]:
        payload: dict[str, object] = json.loads(self.out)
        return payload

    def rules(self) -> list[str]:
        findings = self.json()["findings"]
        assert isinstance(findings, list)
        return [f["rule"] for f in findings]


Cli = Callable[..., Run]


@pytest.fixture(autouse=True)
def _outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default format depends on GITHUB_ACTIONS; tests that want it set it themselves."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    def invoke(cwd: Path, *args: str) -> Run:
        monkeypatch.chdir(cwd)
        code = main(list(args))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err
        return Run(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    select = ", ".join(f'"{code}"' for code in DOCUMENT_RULES)
    return new_repo(tmp_path / "repo", {"pyproject.toml": f"[tool.aims_lint]\nselect = [{select}]\n"})


# --- exit codes ----------------------------------------------------------------------------


def test_the_base_repository_passes(cli: Cli, repo: Path) -> None:
    run = cli(repo, "check", "--today", CLEAN_DAY)
    assert run.code == 0
    assert run.out == "2 document(s) checked: 0 error(s), 0 warning(s)\n"
    assert run.err == ""


def test_an_error_exits_1(cli: Cli, repo: Path) -> None:
    write_files(repo, {"procedures/risk.md": procedure(owner="jane.doe")})
    run = cli(repo, "check", "--today", CLEAN_DAY)
    assert run.code == 1
    assert "procedures/risk.md:7:8: error AIMS301 unknown-role: role 'jane.doe'" in run.out


def test_warnings_alone_pass_unless_strict(cli: Cli, repo: Path) -> None:
    run = cli(repo, "check", "--today", DUE_SOON_DAY)
    assert run.code == 0
    assert "warning AIMS402 review-due-soon" in run.out
    assert cli(repo, "check", "--today", DUE_SOON_DAY, "--strict").code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "'xml' is not one of"),
        (["--today", "2026-02-30"], "'2026-02-30' is not a date"),
        (["--today", "tomorrow"], "'tomorrow' is not a date"),
        (["--today"], "requires an argument"),
        (["--no-such-option"], "No such option"),
        (["missing.md"], "missing.md: no such file or folder"),
        (["/"], "is outside the repository"),
        (["--output", "pyproject.toml/report.txt"], "cannot write the report to pyproject.toml/report.txt"),
    ],
)
def test_usage_errors_exit_2(cli: Cli, repo: Path, args: list[str], message: str) -> None:
    run = cli(repo, "check", *(args if "--today" in args else ["--today", CLEAN_DAY, *args]))
    assert run.code == 2
    assert message in run.err
    assert run.out == ""


def test_an_unknown_command_exits_2(cli: Cli, repo: Path) -> None:
    run = cli(repo, "lint")
    assert (run.code, "No such command 'lint'" in run.err) == (2, True)


def test_help_and_version_exit_0(cli: Cli, repo: Path) -> None:
    assert cli(repo, "--help").code == 0
    run = cli(repo, "--version")
    assert (run.code, run.out.startswith("aims-lint, version ")) == (0, True)


# --- configuration errors ------------------------------------------------------------------


def test_an_unknown_configuration_key_exits_2(cli: Cli, repo: Path) -> None:
    write_files(repo, {"pyproject.toml": '[tool.aims_lint]\nignroe = ["AIMS402"]\n'})
    run = cli(repo, "check", "--today", CLEAN_DAY)
    assert run.code == 2
    assert "configuration error" in run.err
    assert "pyproject.toml" in run.err
    assert "ignroe: unknown key" in run.err


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_rule_on_the_command_line_exits_2(cli: Cli, repo: Path, option: str) -> None:
    run = cli(repo, "check", "--today", CLEAN_DAY, option, "AIMS999")
    assert run.code == 2
    assert "unknown rule 'AIMS999'" in run.err


def test_a_two_digit_prefix_of_four_digit_codes_says_what_to_write(cli: Cli, repo: Path) -> None:
    """AIMS11 reaches the three-digit codes only (there are none); the EU AI Act rules take AIMS110/111."""
    run = cli(repo, "check", "--today", CLEAN_DAY, "--select", "AIMS11")
    assert run.code == 2
    assert "unknown rule 'AIMS11'" in run.err
    assert "selects three-digit codes only" in run.err and "write AIMS110 and AIMS111" in run.err
    ok = cli(repo, "check", "--today", CLEAN_DAY, "--select", "AIMS110", "--select", "AIMS111")
    assert ok.code == 0, ok.err


def test_a_missing_schemas_folder_exits_2(cli: Cli, repo: Path) -> None:
    shutil.rmtree(repo / "schemas")
    run = cli(repo, "check", "--today", CLEAN_DAY)
    assert run.code == 2
    assert "schemas/: no *.schema.yaml files" in run.err


def test_a_schema_that_drops_a_core_field_names_file_and_field(cli: Cli, repo: Path) -> None:
    schema = repo / "schemas" / "procedure.schema.yaml"
    text = schema.read_text(encoding="utf-8")
    assert "version, owner, approver" in text
    schema.write_text(text.replace("version, owner, approver", "version, approver"), encoding="utf-8")
    run = cli(repo, "check", "--today", CLEAN_DAY)
    assert run.code == 2
    assert "schemas/procedure.schema.yaml: field 'owner' must stay declared and required" in run.err


def test_an_invalid_json_schema_names_the_file(cli: Cli, repo: Path) -> None:
    schema = repo / "schemas" / "policy.schema.yaml"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace("type: object\n", "type: objekt\n", 1), encoding="utf-8")
    run = cli(repo, "check", "--today", CLEAN_DAY)
    assert run.code == 2
    assert "schemas/policy.schema.yaml: not a valid JSON Schema" in run.err


def test_a_schema_that_is_not_yaml_names_the_file(cli: Cli, repo: Path) -> None:
    write_files(repo, {"schemas/policy.schema.yaml": "x-aims: {type: policy\n"})
    run = cli(repo, "check", "--today", CLEAN_DAY)
    assert run.code == 2
    assert "schemas/policy.schema.yaml: cannot read schema" in run.err


# --- output, selection, paths --------------------------------------------------------------


def test_output_writes_the_report_to_a_file(cli: Cli, repo: Path) -> None:
    write_files(repo, {"procedures/risk.md": procedure(owner="jane.doe")})
    run = cli(repo, "check", "--today", CLEAN_DAY, "--format", "json", "--output", "out/report.json")
    assert (run.code, run.out) == (1, "")
    # The one-line summary still reaches the terminal, on stderr, with where the report went.
    summary = "document(s) checked: 1 error(s), 0 warning(s); report written to out/report.json\n"
    assert run.err.endswith(summary) and run.err.count("\n") == 1
    payload = json.loads((repo / "out" / "report.json").read_text(encoding="utf-8"))
    assert [f["rule"] for f in payload["findings"]] == ["AIMS301"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["AIMS402", "AIMS301"]),
        (["--select", "AIMS301"], ["AIMS301"]),
        (["--select", "review-due-soon"], ["AIMS402"]),
        (["--select", "AIMS4"], ["AIMS402"]),
        (["--select", "AIMS3", "--select", "AIMS4"], ["AIMS402", "AIMS301"]),
        (["--ignore", "AIMS301"], ["AIMS402"]),
        (["--ignore", "unknown-role"], ["AIMS402"]),
        (["--ignore", "AIMS4"], ["AIMS301"]),
        (["--select", "AIMS3", "--ignore", "AIMS301"], []),
    ],
)
def test_select_and_ignore_by_code_name_and_prefix(
    cli: Cli, repo: Path, args: list[str], expected: list[str]
) -> None:
    write_files(repo, {"procedures/risk.md": procedure(owner="jane.doe")})
    run = cli(repo, "check", "--today", DUE_SOON_DAY, "--format", "json", *args)
    assert run.rules() == expected


def test_paths_restrict_the_report_but_not_what_rules_see(cli: Cli, repo: Path) -> None:
    write_files(
        repo,
        {
            "procedures/a.md": procedure("PRO-001"),
            "procedures/b.md": procedure("PRO-001"),
            "procedures/c.md": procedure("PRO-003", owner="jane.doe"),
        },
    )
    run = cli(repo, "check", "--today", CLEAN_DAY, "--format", "json", "procedures/a.md")
    assert run.code == 1
    payload = run.json()
    findings = payload["findings"]
    assert isinstance(findings, list)
    assert [(f["path"], f["rule"]) for f in findings] == [("procedures/a.md", "AIMS201")]
    assert "procedures/b.md" in findings[0]["message"]
    assert payload["summary"] == {"documents": 1, "errors": 1, "warnings": 0, "suppressed": 0}


def test_a_folder_path_selects_the_documents_below_it(cli: Cli, repo: Path) -> None:
    write_files(repo, {"procedures/c.md": procedure("PRO-003", owner="jane.doe")})
    assert cli(repo, "check", "--today", CLEAN_DAY, "policies").code == 0
    run = cli(repo / "procedures", "check", "--today", CLEAN_DAY, ".")
    assert run.code == 1
    assert "procedures/c.md:7:8" in run.out
    assert "1 document(s) checked" in run.out


def test_github_actions_picks_the_github_format(
    cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(repo, {"procedures/risk.md": procedure(owner="jane.doe")})
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    run = cli(repo, "check", "--today", CLEAN_DAY)
    assert run.out.startswith("::error file=procedures/risk.md,line=7,col=8,title=AIMS301 unknown-role::")
    assert cli(repo, "check", "--today", CLEAN_DAY, "--format", "text").out.startswith("procedures/risk.md\n")


# --- malformed input -----------------------------------------------------------------------


def test_malformed_files_are_findings_and_the_other_files_are_still_checked(cli: Cli, repo: Path) -> None:
    write_files(
        repo,
        {
            "procedures/syntax.md": "---\nid: PRO-001\ntitle: [unclosed\n---\nBody.\n",
            "procedures/unclosed.md": "---\nid: PRO-002\ntitle: Never closed\n",
            "procedures/latin1.md": "---\nid: PRO-003\ntitle: Caf\xe9\n---\n".encode("latin-1"),
            "procedures/binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "procedures/empty.md": "",
            "procedures/tabs.md": "---\nid: PRO-004\n\ttitle: Tabbed\n---\n",
            "procedures/valid-but-wrong.md": procedure("PRO-009", owner="jane.doe"),
        },
    )
    run = cli(repo, "check", "--today", CLEAN_DAY, "--format", "json")
    assert run.code == 1
    findings = run.json()["findings"]
    assert isinstance(findings, list)
    by_path = {f["path"]: f for f in reversed(findings)}
    for name in ("syntax", "unclosed", "latin1", "binary", "empty", "tabs"):
        first = by_path[f"procedures/{name}.md"]
        assert first["line"] >= 1 and first["column"] >= 1, first
    assert by_path["procedures/syntax.md"]["rule"] == "AIMS003"
    assert by_path["procedures/syntax.md"]["line"] >= 3
    assert by_path["procedures/valid-but-wrong.md"]["rule"] == "AIMS301"


# --- rules ---------------------------------------------------------------------------------


def test_rules_lists_every_rule_in_every_format(cli: Cli, repo: Path) -> None:
    codes = [r.RULE.code for r in REGISTRY]
    listing = cli(repo, "rules")
    assert listing.code == 0
    assert [line.split()[0] for line in listing.out.splitlines() if line[:1].strip()] == codes
    described = json.loads(cli(repo, "rules", "--format", "json").out)
    assert [d["code"] for d in described] == codes
    assert all(d["explanation"] and d["passing"] and d["failing"] for d in described)
    # Plain text explains too: each rule's explanation, wrapped and indented under its line.
    blocks = listing.out.split("\n\n" + "AIMS")
    assert len(blocks) == len(codes)
    for block, doc in zip(blocks, described, strict=True):
        assert " ".join(doc["explanation"].split()) in " ".join(block.split()), doc["code"]
        assert "    Passing:\n" in block and "    Failing:\n" in block
    markdown = cli(repo, "rules", "--format", "markdown").out
    assert all(f"\n## {code}\n" in markdown for code in codes)
    assert cli(repo, "rules", "--format", "yaml").code == 2


# --- the console script in a real process --------------------------------------------------


def _command() -> tuple[list[str], dict[str, str]]:
    """The installed `aims-lint` script next to this Python; `python -m aims_lint` when the
    package runs from a plain checkout (nothing installed)."""
    script = shutil.which("aims-lint", path=str(Path(sys.executable).parent))
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if script:
        return [script], env
    return [sys.executable, "-m", "aims_lint"], {**env, "PYTHONPATH": str(PROJECT)}


def _process(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command, env = _command()
    done = subprocess.run(
        [*command, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert "Traceback" not in done.stdout + done.stderr
    return done


def test_the_console_script_reports_and_exits_like_main(repo: Path) -> None:
    write_files(repo, {"procedures/risk.md": procedure(owner="jane.doe")})
    done = _process(repo, "check", "--today", CLEAN_DAY, "--format", "json")
    assert (done.returncode, done.stderr) == (1, "")
    assert [f["rule"] for f in json.loads(done.stdout)["findings"]] == ["AIMS301"]
    assert _process(repo, "check", "--today", CLEAN_DAY, "--ignore", "AIMS301").returncode == 0


def test_the_console_script_reports_a_configuration_error_without_a_traceback(repo: Path) -> None:
    write_files(repo, {"aims-lint.toml": "due_soon_days = -1\n"})
    done = _process(repo, "check", "--today", CLEAN_DAY)
    assert done.returncode == 2
    assert "aims-lint.toml" in done.stderr
    assert "due_soon_days" in done.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_names_and_values_the_output_cannot_encode_are_escaped(repo: Path, fmt: str) -> None:
    """A file name that is not UTF-8 and an accent in a value, printed to an ASCII-only stdout."""
    (repo / "procedures").mkdir()
    try:
        (repo / os.fsdecode(b"procedures/caf\xe9.md")).write_text(procedure(owner="Tom\u00e1s"), "utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    command, env = _command()
    done = subprocess.run(
        [*command, "check", "--today", CLEAN_DAY, "--format", fmt],
        cwd=repo,
        env={**env, "PYTHONIOENCODING": "ascii"},
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (1, b"")
    out = done.stdout.decode("ascii")
    assert "caf\\udce9.md" in out or "caf%E9.md" in out
    if fmt in ("json", "sarif"):
        assert "Tom\u00e1s" in json.dumps(json.loads(out), ensure_ascii=False)


def _on_a_terminal(repo: Path, *args: str, **extra_env: str) -> str:
    """What `aims-lint check` prints when its stdout is a real (pseudo-)terminal."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    command, env = _command()
    try:
        try:
            done = subprocess.run(
                [*command, "check", "--today", CLEAN_DAY, *args],
                cwd=repo,
                env={**{k: v for k, v in env.items() if k != "NO_COLOR"}, **extra_env},
                stdout=follower,
                stderr=subprocess.PIPE,
                check=False,
                timeout=120,
            )
        finally:
            os.close(follower)
        assert done.returncode == 1, done.stderr
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is drained and closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8")
    finally:
        os.close(leader)


def test_text_is_coloured_on_a_terminal_only_unless_no_color(repo: Path) -> None:
    write_files(repo, {"procedures/risk.md": procedure(owner="jane.doe")})
    assert "\x1b[31merror\x1b[0m" in _on_a_terminal(repo)
    assert "\x1b[" not in _on_a_terminal(repo, NO_COLOR="1")
    assert "\x1b[" not in _on_a_terminal(repo, "--output", "report.txt")
    assert "\x1b[" not in (repo / "report.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [
        ["readiness", "--output"],
        ["reviews", "--output"],
        ["soa", "export", "--format", "csv", "--out"],
        ["schema", "--out"],
    ],
)
def test_an_output_path_that_cannot_be_written_is_exit_2_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # The base documents hold no SoA to export; the project's own system does (only read here).
    root = PROJECT if command[0] == "soa" else new_repo(tmp_path / "repo")
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    out = str(tmp_path / "a-file" / "report")  # its parent is a file: no one can write here
    today = [] if command[0] == "schema" else ["--today", CLEAN_DAY]
    assert main([*command, out, *today, "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aims-lint: ") and "a-file" in err
