"""`aims-lint discover --reconcile` and `--draft` end to end, through the command line.

An aims repository in a temporary git repository, with a configured source repository checked
out beside it. The scanners are the tests' own `lines` scanner (tests/discovery_scanners.py) in
place of the real ones, so these tests say exactly which uses exist whatever the signature
table holds; the walk, the run, the rules, the drafts and the reporters are the real ones.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from aims_lint.cli import main
from tests.conftest import new_repo
from tests.discovery_scanners import LinesScanner
from tests.test_reconcile import system

TODAY = "2026-06-01"
CONFIG = """[tool.aims_lint]
operating_since = 2026-05-01

[tool.aims_lint.discover.repositories.triageflow]
path = "../triageflow"
"""


@pytest.fixture
def aims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("aims_lint.ai_usage.scanners.SCANNERS", (LinesScanner(),))
    root = new_repo(tmp_path / "aims", {
        "records/ai-system-chat.md": system("REC-020", sources="[{repo: triageflow, path: chat}]"),
        "../triageflow/chat/found.uses": "dependency openai high\n",
        "../triageflow/billing/found.uses": (
            "dependency openai high\nhub-model acme/summariser medium acme/summariser\n"),
        "../triageflow/billing/src/main.py": "print('hello')\n",
    })
    (root / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    for folder in (root, tmp_path / "triageflow"):
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def rules(out: str) -> list[tuple[str, str, int]]:
    return [(f["rule"], f["path"], f["line"]) for f in json.loads(out)["findings"]]


def test_reconcile_fails_on_unregistered_use_and_a_plain_discover_does_not(
    aims: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("discover", "../triageflow", "--format", "json", "--today", TODAY)
    code, out, _ = run(capsys, *args, "--reconcile")
    assert code == 1
    found = [r for r in rules(out) if r[0] >= "AIMS1220"]
    assert found == [
        ("AIMS1220", "../triageflow/billing/found.uses", 1),
        ("AIMS1220", "../triageflow/billing/found.uses", 2),
        ("AIMS1223", "../triageflow/billing/found.uses", 2),
    ]
    finding = json.loads(out)["findings"][0]
    assert (finding["kind"], finding["confidence"]) == ("dependency", "high")
    code, out, _ = run(capsys, *args)
    assert code == 0 and not [r for r in rules(out) if r[0] >= "AIMS1220"]


def test_draft_writes_records_that_check_accepts_and_a_second_run_changes_nothing(
    aims: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "discover", "--draft", "--format", "json", "--today", TODAY)
    prefix = "aims-lint: wrote draft "
    written = [line.removeprefix(prefix) for line in err.splitlines() if line.startswith(prefix)]
    assert written == ["records/2026-acme-supplier-found-by-discovery.md",
                       "records/triageflow-billing-ai-use-found-by-discovery.md"]
    system_text = (aims / written[1]).read_text(encoding="utf-8")
    assert "sources: [{repo: triageflow, path: billing}]" in system_text
    assert "| `triageflow:billing/found.uses:2` | `hub-model acme/summariser` |" in system_text
    # Registered now; what is left is the truth about the drafted supplier: not assessed yet.
    assert rules(out) and {r[0] for r in rules(out) if r[0] >= "AIMS1220"} == {"AIMS1222"}
    about_record = next(f for f in json.loads(out)["findings"] if f["rule"] == "AIMS1222")
    assert about_record["path"] == written[1] and about_record["kind"] == about_record["evidence"] == ""
    assert code == 1

    code, _, err = run(capsys, "check", *written, "--format", "json", "--today", TODAY)
    assert code == 0, err

    before = {p.name: p.read_bytes() for p in (aims / "records").iterdir()}
    code, _, err = run(capsys, "discover", "--draft", "--format", "json", "--today", TODAY)
    assert "wrote draft" not in err
    assert {p.name: p.read_bytes() for p in (aims / "records").iterdir()} == before


def test_draft_for_two_places_with_the_real_scanners(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Two services, each a real requirements.txt read by the real scanners: two drafts, no crash.
    root = new_repo(tmp_path / "aims", {
        "a/requirements.txt": "openai==1.0\n",
        "b/requirements.txt": "anthropic==0.30\n",
        "b/app.py": 'AutoModel.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")\n',
    })
    (root / "pyproject.toml").write_text("[tool.aims_lint]\noperating_since = 2026-05-01\n", encoding="utf-8")
    monkeypatch.chdir(root)
    code, _, err = run(capsys, "discover", "a", "b", "--draft", "--today", TODAY)
    written = sorted(line.removeprefix("aims-lint: wrote draft ") for line in err.splitlines()
                     if line.startswith("aims-lint: wrote draft "))
    # The hub model's supplier is its owner, not the hub that distributes it.
    assert written == ["records/2026-meta-llama-supplier-found-by-discovery.md",
                       "records/a-ai-use-found-by-discovery.md", "records/b-ai-use-found-by-discovery.md"]
    assert "sources: [{path: a}]" in (root / written[1]).read_text(encoding="utf-8")
    assert "sources: [{path: b}]" in (root / written[2]).read_text(encoding="utf-8")
    assert "supplier: \"meta-llama\"" in (root / written[0]).read_text(encoding="utf-8")
    code, _, err = run(capsys, "check", *written, "--format", "json", "--today", TODAY)
    assert code == 0, err
    before = {p.name: p.read_bytes() for p in (root / "records").iterdir()}
    code, _, err = run(capsys, "discover", "a", "b", "--draft", "--today", TODAY)
    assert "wrote draft" not in err
    assert {p.name: p.read_bytes() for p in (root / "records").iterdir()} == before


def test_no_draft_for_a_place_outside_every_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = new_repo(tmp_path / "aims", {"../elsewhere/requirements.txt": "openai==1.0\n"})
    (root / "pyproject.toml").write_text("[tool.aims_lint]\noperating_since = 2026-05-01\n", encoding="utf-8")
    monkeypatch.chdir(root)
    code, _, err = run(capsys, "discover", "../elsewhere", "--draft", "--today", TODAY)
    assert code == 1 and "wrote draft" not in err  # the use is still unregistered: AIMS1220
    assert ("no draft for ../elsewhere: it lies outside the aims repository and every configured "
            "repository; add [tool.aims_lint.discover.repositories.<name>] of pyproject.toml") in err
    assert not list(root.rglob("*found-by-discovery*"))
