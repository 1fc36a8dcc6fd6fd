"""Every rule's passing and failing cases, from one YAML file per rule.

A case builds a real repository (the project's schemas, the base documents in
tests/rules/base/, and the case's files on top), lints it, and checks the
findings of that one rule: none for `pass`, and for `fail` each expected
finding at its line (and column, message fragment, severity) where given, in
order.

On top of what `write_files` understands, a file spec here may be
`{concat: [[text, times], ...]}` (a large file built from pieces) or
`{fifo: true}` (a named pipe, which must be reported, never read).

History rules need real git history: a case's `commits:` list (each with
`date`, and optionally `files`, `author`, `message`, `branch`, `merge`; see
tests/test_history_repo.py) makes the folder a git repository whose first
commit holds everything written so far; `base_rev: REV` lints in
pull-request mode (`check --base REV`). `keys: [NAME, ...]` makes real SSH
keys (tests/signing.py): `{{key:NAME}}` in the case's text is NAME's public
key, and `sign: NAME` on a commit signs it (`{tag: T, sign: NAME}` tags it).
`check_paths: [PATH, ...]` checks only those (repo-relative files or folders), as `check PATH...` does.

Discovery rules (AIMS1201-AIMS1249, `RuleInfo.discovery`) never run in a check, so their cases
run `aims-lint discover` instead (aims_lint/ai_usage/run.py `discover`), from the repository's
root as the current folder:

- `discover: [PATH, ...]` the paths scanned, relative to the root as a PATH argument is
  (default `["."]`); the case's `files:` hold the source tree (a `{base64: ...}` spec for a
  binary file, such as a model), beside the base documents unless `base: false`;
- `reconcile: true` runs `discover --reconcile`: the Context also holds the repository's
  documents, and the reconcile rules (AIMS1220 on) run;
- `scanners: [NAME, ...]` scans with the tests' own scanners (tests/discovery_scanners.py,
  `BY_NAME`) instead of the real ones (`aims_lint.ai_usage.scanners.SCANNERS`);
- `settings:` as for any case, `discover` included (`{discover: {exclude: [vendor/**]}}`).

Expected findings are matched as any case's: `path` (as discover shows it, e.g.
`app/requirements.txt`), `line`, and optionally `column`, `message`, `severity`, and for a
finding about a use `kind` and `confidence` (equal) and `evidence` (a fragment).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from aims_lint.ai_usage.run import discover
from aims_lint.config import load_settings
from aims_lint.engine import lint
from aims_lint.results import Finding
from aims_lint.rules import lookup
from tests.conftest import TODAY, FileSpec, new_repo, run_lint
from tests.discovery_scanners import BY_NAME
from tests.signing import make_keys, with_keys
from tests.test_history_repo import build_history

CASES_DIR = Path(__file__).parent / "cases"


def load_case_files() -> dict[str, dict[str, Any]]:
    """Case file stem (AIMSNNN) to its parsed content."""
    return {
        file.stem: yaml.safe_load(file.read_text(encoding="utf-8"))
        for file in sorted(CASES_DIR.glob("*.yaml"))
    }


def _load_cases() -> list[Any]:
    return [
        pytest.param(spec["rule"], case, id=f"{stem}:{case['name']}")
        for stem, spec in load_case_files().items()
        for case in spec["cases"]
    ]


def _build(root: Path, case: dict[str, Any]) -> Path:
    """The case's repository; pieces the shared fixture cannot write are made here."""
    files: dict[str, FileSpec] = {}
    fifos: list[str] = []
    for rel, spec in case.get("files", {}).items():
        if isinstance(spec, dict) and "concat" in spec:
            files[rel] = "".join(str(text) * int(times) for text, times in spec["concat"])
        elif isinstance(spec, dict) and spec.get("fifo"):
            fifos.append(rel)
        else:
            files[rel] = spec
    new_repo(root, files, base=case.get("base", True))
    for rel in fifos:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / rel)
    return root


def _is_discovery(code: str) -> bool:
    rule = lookup(code)
    return rule is not None and rule.RULE.discovery


def _discover(root: Path, case: dict[str, Any], today: date) -> list[Finding]:
    """`aims-lint discover` over the case's tree, as run from its root (see the module docstring)."""
    scanners = [BY_NAME[name] for name in case["scanners"]] if "scanners" in case else None
    settings = load_settings(root, case.get("settings", {}))
    paths = [str(p) for p in case.get("discover", ["."])]
    _, findings = discover(settings, paths, today, reconcile=bool(case.get("reconcile")),
                           scanners=scanners, cwd=root)
    return findings


def _mode_is_ignored(root: Path, case: dict[str, Any]) -> bool:
    """Root (or anyone with CAP_DAC_OVERRIDE) reads a file whatever its mode says."""
    for rel, spec in case.get("files", {}).items():
        if isinstance(spec, dict) and "mode" in spec:
            try:
                (root / rel).open("rb").close()
            except OSError:
                continue
            return True
    return False


@pytest.mark.parametrize(("code", "case"), _load_cases())
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    specs = case.get("files", {}).values()
    if any(isinstance(s, dict) and s.get("fifo") for s in specs) and not hasattr(os, "mkfifo"):
        pytest.skip("named pipes need a POSIX system")
    keys = make_keys(tmp_path / "keys", list(case["keys"])) if "keys" in case else {}
    case = with_keys(case, keys)
    root = _build(tmp_path / "repo", case)
    if case.get("skip_as_root") and _mode_is_ignored(root, case):
        pytest.skip("this user reads any file; permission cases need an ordinary user")
    today = date.fromisoformat(str(case["today"])) if "today" in case else TODAY
    if "commits" in case:
        build_history(root, case["commits"], keys)
    if _is_discovery(code):
        findings = _discover(root, case, today)
    elif "base_rev" in case:
        settings = load_settings(root, case.get("settings", {}))
        findings = lint(settings, today, base=str(case["base_rev"])).findings
    else:
        findings = run_lint(root, today, case.get("check_paths"), **case.get("settings", {})).findings
    got = [f for f in findings if f.rule == code]
    if case["expect"] == "pass":
        assert got == [], f"expected no {code} findings, got {got}"
        return
    expected = case["expect"]["findings"]
    assert len(got) == len(expected), f"expected {len(expected)} {code} finding(s), got {got}"
    for finding, want in zip(got, expected, strict=True):
        assert finding.path == want["path"], finding
        assert finding.line == want["line"], finding
        if "column" in want:
            assert finding.column == want["column"], finding
        if "message" in want:
            assert want["message"] in finding.message, finding
        if "severity" in want:
            assert finding.severity == want["severity"], finding
        for key in ("kind", "confidence"):  # a discovery finding's use (aims_lint/ai_usage/findings.py)
            if key in want:
                assert getattr(finding, key) == want[key], finding
        if "evidence" in want:
            assert want["evidence"] in finding.evidence, finding
