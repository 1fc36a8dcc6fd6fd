"""An SoA whose `framework:` is wrong, and schema suggestions that follow the SoA's own framework.

Each bad `framework:` gets one clear finding on that SoA, and the ISO/IEC
42001 SoA beside it is judged as before (no finding on it, readiness of
42001 unchanged): an unknown id (AIMS103, with the id it most likely
meant), a framework that is not configured (AIMS624), and a valid
framework whose controls are not the ones the entries name (AIMS613 on the
entries, naming the framework they belong to).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from aims_lint.catalog import load_catalog
from aims_lint.cli import main
from aims_lint.results import Finding
from tests.complete_aims import TODAY, complete_files
from tests.conftest import PROJECT, new_repo, run_lint
from tests.test_soa_frameworks import BOTH, FW, SOA_27001, _system, soa_27001

SOA_42001 = "policies/statement-of-applicability.md"
NOISE = {"AIMS907", "AIMS804", "AIMS859"}  # history unavailable; 27001's audit and review inputs


def _repo(tmp_path: Path, extra: dict[str, str]) -> Path:
    files = complete_files()
    files.update(extra)
    return new_repo(tmp_path / "repo", files)


def _findings(root: Path, **settings: Any) -> list[Finding]:
    return [f for f in run_lint(root, TODAY, **settings).findings if f.rule not in NOISE]


def _ready_42001(root: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    args = ["readiness", "--framework", "iso42001", "--format", "json", "--today", TODAY.isoformat(),
            "--root", str(root)]
    assert main(args) in (0, 1)  # 1: not ready, which the comparison below must not change
    report = json.loads(capsys.readouterr().out)
    # The findings count differs by the other SoA's own findings; the 42001 verdict must not.
    return {k: v for k, v in report.items() if k not in ("generated", "root", "findings")}


def _line(text: str, marker: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if marker in line)


@pytest.mark.parametrize(("written", "meant"), [("iso27001", "iso27001-2022"), ("ISO27001-2022", None)])
def test_an_unknown_framework_id_is_one_value_finding_with_the_id_it_meant(
    tmp_path: Path, written: str, meant: str | None
) -> None:
    text = soa_27001().replace(f"framework: {FW}", f"framework: {written}")
    findings = _findings(_repo(tmp_path, {SOA_27001: text}), **BOTH)
    on_soa = [f for f in findings if f.path == SOA_27001]
    assert [(f.rule, f.line) for f in on_soa] == [("AIMS103", _line(text, "framework:"))]
    assert f"'framework' is '{written}'; allowed: 'iso42001', 'iso27001-2022'" in on_soa[0].message
    if meant is not None:
        assert on_soa[0].message.endswith(f"did you mean '{meant}'?")  # not 'iso42001', closer by letters
    # Read as no SoA of any framework: 27001's is missing, the 42001 SoA is untouched.
    assert [f.rule for f in findings if f.path == "schemas/soa.schema.yaml"] == ["AIMS708"]
    assert [f for f in findings if f.path == SOA_42001] == []


def test_an_soa_of_an_unconfigured_framework_is_one_warning_and_leaves_42001_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _system(tmp_path, soa_27001())  # the monitoring record shows 27001's A.5.1 operating
    findings = _findings(root)  # frameworks: 42001 only
    assert [(f.rule, f.severity.value, f.path) for f in findings] == [
        ("AIMS624", "warning", SOA_27001),
        ("AIMS611", "warning", "records/monitoring.md"),  # it cites ISO27001:A.5.1
    ]
    assert findings[0].line == _line(soa_27001(), "framework:")
    alone = new_repo(tmp_path / "alone", complete_files())
    with_27001, without = _ready_42001(root, capsys), _ready_42001(alone, capsys)
    assert with_27001 == without and without["framework"] == "iso42001" and without["items"]


def test_a_valid_framework_that_is_not_the_entries_framework(tmp_path: Path) -> None:
    """A copy of the 42001 SoA labelled `framework: iso27001-2022`: each 42001-only id is an AIMS613
    error that says whose control it is; the real 42001 SoA has no finding."""
    soa42 = complete_files()[SOA_42001]
    text = soa42.replace("id: SOA-001", "id: SOA-002")
    text = text.replace("entries:\n", f"framework: {FW}\nentries:\n", 1)
    findings = _findings(_repo(tmp_path, {SOA_27001: text}), **BOTH)
    assert [f for f in findings if f.path == SOA_42001] == []
    ours = {c.id for c in load_catalog().controls}
    theirs = {c.id for c in load_catalog(FW).controls}
    written = re.findall(r"^  - control: (\S+)$", text, flags=re.MULTILINE)
    foreign = [c for c in written if c in ours and c not in theirs]
    unknown = [f for f in findings if f.rule == "AIMS613"]
    listed = [f for f in unknown if not f.omitted]  # at most 20 per rule and file, then one summary
    assert sum(f.omitted for f in unknown) + len(listed) == len(foreign) > len(listed)
    assert [f.line for f in listed] == [_line(text, f"control: {c}") for c in foreign[:len(listed)]]
    for finding, control in zip(listed, foreign, strict=False):
        assert finding.path == SOA_27001 and finding.severity.value == "error"
        assert finding.message.startswith(f"'{control}' is not a control of ISO/IEC 27001:2022")
        assert (f"({control} is an ISO/IEC 42001:2023 control, and this SoA decides on ISO/IEC 27001:2022, "
                "framework: iso27001-2022; correct `framework:`") in finding.message
    # Its entries do not count for 27001: the 27001 controls no entry names are missing.
    missing = {f.message.split(" control ")[1].split(" ")[0]
               for f in findings if f.rule == "AIMS701" and not f.omitted}
    assert missing <= theirs - set(written) and missing


def _pinned_schema() -> str:
    """The shipped SoA schema with an entry's control pinned to a list of both Annex A's ids,
    as an organisation might write it."""
    ids = [c.id for c in load_catalog().controls] + [c.id for c in load_catalog(FW).controls]
    text = (PROJECT / "schemas" / "soa.schema.yaml").read_text(encoding="utf-8")
    pinned, count = re.subn(r"        control: \{type: string, pattern: .*\}\n",
                            f"        control: {{enum: [{', '.join(ids)}]}}\n", text)
    assert count == 1
    return pinned


@pytest.mark.parametrize(("written", "soa", "framework"), [
    ("A.10.5", SOA_27001, FW), ("A.10.5", SOA_42001, "iso42001"), ("A.8.35", SOA_27001, FW),
])
def test_a_value_not_allowed_in_an_entry_suggests_a_control_of_the_soas_own_framework(
    tmp_path: Path, written: str, soa: str, framework: str
) -> None:
    files = complete_files()
    texts = {SOA_42001: files[SOA_42001], SOA_27001: soa_27001()}
    first = re.search(r"^  - control: (\S+)$", texts[soa], flags=re.MULTILINE)
    assert first is not None
    texts[soa] = texts[soa].replace(first.group(0), f"  - control: {written}", 1)
    root = _repo(tmp_path, {**texts, "schemas/soa.schema.yaml": _pinned_schema()})
    found = [f for f in _findings(root, **BOTH) if f.rule == "AIMS103"]
    assert [(f.path, f.line) for f in found] == [(soa, _line(texts[soa], f"control: {written}"))]
    suggested = re.search(r"did you mean '([^']+)'\?$", found[0].message)
    assert suggested is not None, found[0].message
    assert suggested.group(1) in {c.id for c in load_catalog(framework).controls}
