"""`aims-lint discover`: the walk, one run, the command and its reports, on real trees in tmp dirs.

The scanners here are the tests' own (tests/discovery_scanners.py) so that each test says
exactly what it expects; the real scanners have their own tests. The rules' cases are in
tests/rules/cases/AIMS12NN.yaml.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from aims_lint import owned_folder
from aims_lint.ai_usage.evidence import Kind, Unreadable, Use
from aims_lint.ai_usage.run import discover, discovery_rules, is_reconcile_rule
from aims_lint.ai_usage.signatures import Signatures
from aims_lint.ai_usage.walk import ALWAYS_SKIPPED, OUTPUT_MARKER, walk
from aims_lint.cli import main
from aims_lint.config import ConfigError, load_settings
from aims_lint.engine import lint
from aims_lint.report.discover import DiscoverReport, render
from aims_lint.rules import REGISTRY
from tests.conftest import TODAY, new_repo, write_files
from tests.discovery_scanners import MODEL_MAGIC, HeaderScanner, LinesScanner, RecordingScanner

MiB = 1024 * 1024


def _walk(root: Path, paths: list[str], scanners: list, **kwargs: object):  # type: ignore[no-untyped-def,type-arg]
    limits = {"max_file_bytes": 5 * MiB, **kwargs}
    return walk(paths, scanners, Signatures(), cwd=root, **limits)  # type: ignore[arg-type]


# --- the walk ------------------------------------------------------------------------------


def test_two_scanners_wanting_one_file_get_the_one_read(tmp_path: Path) -> None:
    write_files(tmp_path, {"app/a.uses": "dependency openai high\n", "app/b.txt": "x\n"})
    first, second = RecordingScanner(LinesScanner()), RecordingScanner(LinesScanner())
    walked = _walk(tmp_path, ["app"], [first, second])
    assert len(first.seen) == len(second.seen) == 1
    assert first.seen[0] is second.seen[0]  # one ScannedFile, read once, handed to both
    assert first.seen[0].complete and first.seen[0].data == b"dependency openai high\n"
    # b.txt was visited, and no scanner wanted it, so it was never opened nor counted as scanned
    assert (walked.files, walked.visited) == (1, 2)
    assert [u.name for u in walked.items if isinstance(u, Use)] == ["openai", "openai"]


def test_a_binary_file_is_read_only_as_far_as_its_header(tmp_path: Path) -> None:
    size = 3 * MiB
    write_files(tmp_path, {"w/big.model": MODEL_MAGIC + b"\0" * (size - len(MODEL_MAGIC))})
    header = RecordingScanner(HeaderScanner())
    walked = _walk(tmp_path, ["."], [header], max_file_bytes=1024)  # the cap is for whole reads only
    (seen,) = header.seen
    assert (len(seen.data), seen.size, seen.complete) == (len(MODEL_MAGIC), size, False)
    (use,) = walked.items
    assert isinstance(use, Use) and use.kind is Kind.MODEL_FILE and use.path == "w/big.model"


def test_a_header_scanner_beside_a_whole_file_scanner_sees_only_its_header(tmp_path: Path) -> None:
    class WholeModel(LinesScanner):
        def wants(self, path, signatures):  # type: ignore[no-untyped-def]
            return path.suffix == ".model"

        def scan(self, file, signatures):  # type: ignore[no-untyped-def]
            return iter(())

    write_files(tmp_path, {"m.model": MODEL_MAGIC + b"tail"})
    whole, header = RecordingScanner(WholeModel()), RecordingScanner(HeaderScanner())
    _walk(tmp_path, ["."], [whole, header])
    assert whole.seen[0].data == MODEL_MAGIC + b"tail" and whole.seen[0].complete
    assert header.seen[0].data == MODEL_MAGIC and not header.seen[0].complete


def test_overlapping_paths_visit_each_file_once(tmp_path: Path) -> None:
    write_files(tmp_path, {"src/a.uses": "endpoint api.openai.com high\n", "top.uses": ""})
    walked = _walk(tmp_path, [".", "src", "src/a.uses"], [LinesScanner()])
    assert walked.files == 2
    assert [(u.path, u.line) for u in walked.items if isinstance(u, Use)] == [("src/a.uses", 1)]


def test_skipped_and_excluded_folders_are_never_walked(tmp_path: Path) -> None:
    files = {f"{name}/x.uses": "dependency torch high\n" for name in ALWAYS_SKIPPED}
    files |= {"vendor/lib/x.uses": "dependency torch high\n", "gen/x.min.uses": "dependency torch high\n",
              "app/x.uses": "dependency torch high\n", "app/site/x.uses": "dependency torch high\n",
              "generated/x.uses": "dependency torch high\n",
              # aims-lint's built site is left out by its marker; a project's own site/ is scanned
              f"site/{OUTPUT_MARKER}": "{}", "site/x.uses": "dependency torch high\n"}
    write_files(tmp_path, files)
    walked = _walk(tmp_path, ["."], [LinesScanner()], exclude=["vendor/**", "*.min.uses", "generated"])
    assert sorted(u.path for u in walked.items) == ["app/site/x.uses", "app/x.uses"]
    assert walked.files == 2
    assert OUTPUT_MARKER == owned_folder.MARKER


def test_symbolic_links_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write_files(outside, {"secret.uses": "dependency openai high\n"})
    tree = tmp_path / "tree"
    write_files(tree, {"link-dir": {"symlink": str(outside)},
                       "link.uses": {"symlink": str(outside / "secret.uses")}, "loop": {"symlink": "."}})
    walked = _walk(tree, ["."], [LinesScanner()])
    assert (walked.items, walked.files) == ((), 0)


def test_paths_are_shown_as_given(tmp_path: Path) -> None:
    use = "dependency openai high\n"
    write_files(tmp_path, {"one/app/a.uses": use, "two/b.uses": use})
    cwd = tmp_path / "one" / "app"
    walked = _walk(cwd, [".", "../../two", str(tmp_path / "two")], [LinesScanner()])
    assert [u.path for u in walked.items] == ["a.uses", "../../two/b.uses"]  # two/ once, as first written


def test_what_cannot_be_read_is_reported_and_the_walk_goes_on(tmp_path: Path) -> None:
    write_files(tmp_path, {"a/big.uses": "x" * 100, "a/locked.uses": {"repeat": "y", "times": 1, "mode": 0},
                           "b/ok.uses": "hub-model acme/small medium\n"})
    walked = _walk(tmp_path, ["a", "b", "missing"], [LinesScanner()], max_file_bytes=50)
    unreadable = {u.path: u.message for u in walked.items if isinstance(u, Unreadable)}
    assert "more than discover.max_file_bytes (50)" in unreadable["a/big.uses"]
    assert unreadable["missing"].startswith("cannot be scanned: ")
    if os.geteuid() != 0:  # root reads any file whatever its mode
        assert unreadable["a/locked.uses"].startswith("cannot be read: ")
    assert [u.path for u in walked.items if isinstance(u, Use)] == ["b/ok.uses"]


# --- one run -----------------------------------------------------------------------------


def test_a_plain_run_needs_no_management_system_but_reconcile_reads_it(tmp_path: Path) -> None:
    """A plain discover judges only the tree; --reconcile loads the repository's documents."""
    write_files(tmp_path, {"code/a.uses": "dependency openai high\n",
                           "schemas/broken.schema.yaml": "[: nope"})
    settings = load_settings(tmp_path)
    discovery, findings = discover(settings, ["code"], TODAY, scanners=[LinesScanner()], cwd=tmp_path)
    assert [f.rule for f in findings] == ["AIMS1201"] and discovery.files_scanned == 1
    assert discovery.resolved_roots == (str((tmp_path / "code").resolve()),)
    with pytest.raises(ConfigError):  # the schemas are read only when reconciling
        discover(settings, ["code"], TODAY, reconcile=True, scanners=[LinesScanner()], cwd=tmp_path)


def test_reconcile_rules_run_only_when_reconciling() -> None:
    assert [is_reconcile_rule(c) for c in ("AIMS1201", "AIMS1209", "AIMS1219", "AIMS1220", "AIMS1249")] == [
        False, False, False, True, True]
    settings = load_settings(Path("/nonexistent"))
    plain = {r.RULE.code for r in discovery_rules(settings, reconcile=False)}
    both = {r.RULE.code for r in discovery_rules(settings, reconcile=True)}
    assert {"AIMS1201", "AIMS1209"} <= plain and not any(is_reconcile_rule(c) for c in plain)
    assert plain <= both == {r.RULE.code for r in REGISTRY if r.RULE.discovery}


def test_check_never_runs_a_discovery_rule(tmp_path: Path) -> None:
    root = new_repo(tmp_path, {"app/a.uses": "dependency openai high\n"})
    result = lint(load_settings(root), TODAY)
    assert not any(r.RULE.discovery for r in result.rules)
    assert not any(f.rule.startswith("AIMS12") for f in result.findings)


def test_ignore_severity_and_suppress_apply_to_discovery(tmp_path: Path) -> None:
    uses = "dependency openai high\nendpoint api.openai.com high\nunreadable cut short\n"
    write_files(tmp_path, {"a.uses": uses})
    settings = load_settings(tmp_path, {
        "ignore": ["model-provider-endpoint"], "severity": {"AIMS1209": "error"},
        "suppress": [{"rule": "AIMS1201", "path": "a.uses", "reason": "the pilot is registered as REC-050"}],
    })
    _, findings = discover(settings, ["."], TODAY, scanners=[LinesScanner()], cwd=tmp_path)
    assert [(f.rule, f.severity.value, f.suppressed) for f in findings] == [
        ("AIMS1201", "note", "the pilot is registered as REC-050"), ("AIMS1209", "error", None)]


# --- reports -------------------------------------------------------------------------------


def _report(tmp_path: Path) -> DiscoverReport:
    write_files(tmp_path, {"app/a.uses": "dependency openai high\nkey-variable OPENAI_API_KEY low\n",
                           "app/b.model": "no"})
    settings = load_settings(tmp_path)
    discovery, findings = discover(settings, ["app"], TODAY, scanners=[LinesScanner(), HeaderScanner()],
                                   cwd=tmp_path)
    return DiscoverReport(discovery, discovery_rules(settings, reconcile=False), tuple(findings), TODAY)


def test_json_has_the_finding_fields_of_check_and_of_discovery(tmp_path: Path) -> None:
    data = json.loads(render(_report(tmp_path), "json"))
    assert data["scanned"] == {"roots": ["app"], "files": 2, "visited": 2}
    assert data["summary"] == {"uses": 2, "unreadable": 1, "errors": 0, "warnings": 1, "notes": 2,
                               "suppressed": 0}
    first, second, third = data["findings"]
    assert first == {"rule": "AIMS1201", "name": "ai-dependency", "severity": "note", "path": "app/a.uses",
                     "line": 1, "column": 1, "message": "depends on openai, an AI library or model SDK",
                     "kind": "dependency", "evidence": "dependency openai high", "confidence": "high",
                     "suppressed": None}
    assert (second["rule"], second["line"], second["kind"], second["confidence"]) == (
        "AIMS1205", 2, "key-variable", "low")
    # A finding about something other than a use has the three fields, empty.
    assert (third["rule"], third["kind"], third["evidence"], third["confidence"]) == ("AIMS1209", "", "", "")


def test_text_and_sarif_carry_the_same_findings(tmp_path: Path) -> None:
    report = _report(tmp_path)
    text = render(report, "text")
    assert "  app/a.uses:1:1: note AIMS1201 ai-dependency: depends on openai" in text
    assert "(high confidence)" in text
    assert text.rstrip().endswith("2 file(s) scanned in 1 path(s): 2 use(s) of AI, 0 error(s), 1 warning(s)")
    log = json.loads(render(report, "sarif"))
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["AIMS1201", "AIMS1205", "AIMS1209"]
    assert [r["level"] for r in results] == ["note", "note", "warning"]
    assert results[0]["properties"] == {"kind": "dependency", "evidence": "dependency openai high",
                                        "confidence": "high"}
    assert "properties" not in results[2]


# --- the command ---------------------------------------------------------------------------


def _cli(cwd: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        code = main(["discover", *args, "--today", "2026-12-02"])
    finally:
        os.chdir(old)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_reports_json_and_exits_0_whatever_it_finds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path, {"app/requirements.txt": "openai==1.51.0\n"})
    os.mkfifo(tmp_path / "pipe")
    code, out, _ = _cli(tmp_path, "app", "pipe", "--format", "json", capsys=capsys)
    data = json.loads(out)
    assert code == 0
    assert data["scanned"] == {"roots": ["app", "pipe"], "files": 1, "visited": 1}
    (unreadable,) = (f for f in data["findings"] if f["rule"] == "AIMS1209")
    assert unreadable["path"] == "pipe" and unreadable["kind"] == ""
    assert "not a file or folder" in unreadable["message"]


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(tmp_path, "nowhere", capsys=capsys)
    assert code == 2 and "nowhere: no such file or folder" in err
    code, _, err = _cli(tmp_path, capsys=capsys)  # no PATH and no configured repository
    assert code == 2 and "no PATH given" in err
    code, _, err = _cli(tmp_path, ".", "--format", "github", capsys=capsys)
    assert code == 2


def test_no_path_scans_the_configured_repositories_that_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(tmp_path, {
        "aims/pyproject.toml": (
            "[tool.aims_lint.discover.repositories.triage]\npath = \"../triageflow\"\n"
            "url = \"https://github.com/acme/triageflow/blob/main\"\n"
            "[tool.aims_lint.discover.repositories.gone]\npath = \"../not-checked-out\"\n"
            "[tool.aims_lint.discover.repositories.remote]\nurl = \"https://github.com/acme/remote/blob/main\"\n"
        ),
        "triageflow/a.txt": "hello\n",
    })
    code, out, _ = _cli(tmp_path / "aims", "--format", "json", capsys=capsys)
    assert code == 0 and json.loads(out)["scanned"] == {"roots": ["../triageflow"], "files": 0, "visited": 1}


def test_reconcile_exits_by_the_errors_and_output_is_written_once_ours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_repo(tmp_path / "aims")
    write_files(tmp_path, {"code/main.py": "print('no AI here')\n"})
    code, out, _ = _cli(root, "../code", "--reconcile", "--format", "json", capsys=capsys)
    assert code == 0 and json.loads(out)["findings"] == []
    report = tmp_path / "discovered.txt"
    assert _cli(root, "../code", "--output", str(report), capsys=capsys)[0] == 0
    assert report.read_text(encoding="utf-8").endswith("0 error(s), 0 warning(s)\n")
    assert _cli(root, "../code", "--output", str(report), capsys=capsys)[0] == 0  # its own report: replaced
    foreign = tmp_path / "notes.txt"
    foreign.write_text("my notes\n", encoding="utf-8")
    code, _, err = _cli(root, "../code", "--output", str(foreign), capsys=capsys)
    assert code == 2 and "notes.txt" in err and foreign.read_text(encoding="utf-8") == "my notes\n"


# --- configuration -------------------------------------------------------------------------


@pytest.mark.parametrize(("toml", "message"), [
    ("[tool.aims_lint.discover]\nexlude = []\n", "discover.exlude: unknown key"),
    ("[tool.aims_lint.discover]\nmax_file_bytes = 0\n", "discover.max_file_bytes"),
    ("[tool.aims_lint.discover.repositories.a]\nurl = \"javascript:alert(1)\"\n", "https://"),
    ("[tool.aims_lint.discover.repositories.a]\nbranch = \"main\"\n", "repositories.a.branch: unknown key"),
])
def test_bad_discover_settings_are_configuration_errors(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace(".", r"\.")):
        load_settings(tmp_path)


def test_discover_settings_have_their_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path).discover
    assert (settings.signatures, settings.exclude, settings.max_file_bytes, settings.repositories) == (
        (), (), 5 * MiB, {})


def test_reconcile_exits_1_while_an_error_counts_and_a_plain_run_never_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unreadable input made an error by configuration: `--reconcile` fails on it, as check would."""
    config = "[tool.aims_lint]\nseverity = {AIMS1209 = \"error\"}\n"
    root = new_repo(tmp_path / "aims", {"pyproject.toml": config})
    os.mkfifo(tmp_path / "pipe")
    assert _cli(root, "../pipe", capsys=capsys)[0] == 0
    code, out, _ = _cli(root, "../pipe", "--reconcile", "--format", "sarif", capsys=capsys)
    log = json.loads(out)
    assert code == 1
    assert log["version"] == "2.1.0"
    assert [(r["ruleId"], r["level"]) for r in log["runs"][0]["results"]] == [("AIMS1209", "error")]
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} >= {"AIMS1201", "AIMS1209"}


def test_a_path_given_as_a_link_is_followed(tmp_path: Path) -> None:
    write_files(tmp_path, {"real/a.uses": "dependency openai high\n", "linked": {"symlink": "real"}})
    walked = _walk(tmp_path, ["linked"], [LinesScanner()])
    assert [u.path for u in walked.items] == ["linked/a.uses"]


def test_files_counted_are_those_read_and_a_file_not_utf8_is_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `.env` is visited and never read, so it is not "scanned"; a UTF-16 package.json is wanted
    # by two scanners (npm manifests, configuration) and warned about once.
    write_files(tmp_path, {
        ".env": "OPENAI_API_KEY=sk-not-printed\n", "README.md": "# x\n", "requirements.txt": "openai\n",
        "web/package.json": '{"dependencies": {"openai": "4"}}'.encode("utf-16"),
    })
    (tmp_path / "pyproject.toml").write_text("[tool.aims_lint]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--format", "json", "--today", TODAY]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["scanned"] == {"roots": ["."], "files": 3, "visited": 5}
    assert [f["path"] for f in report["findings"] if f["rule"] == "AIMS1209"] == ["web/package.json"]
    assert main(["discover", ".", "--today", TODAY]) == 0
    assert "3 file(s) scanned in 1 path(s)" in capsys.readouterr().out
