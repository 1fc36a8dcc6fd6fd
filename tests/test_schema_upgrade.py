"""Schemas older than framework-qualified ids: one AIMS614 per schema file instead of a wall of AIMS104.

The old repository here is real: the project's schemas with each citing field's pattern put back to
what the schemas shipped before qualified ids (dc0fecd~1), and documents citing other frameworks.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from aims_lint.cli import main
from aims_lint.schema_upgrade import (
    CLAUSE_PATTERN,
    CONTROL_PATTERN,
    EITHER_PATTERN,
    ENTRY_PATTERN,
    as_yaml,
    pattern_position,
    predates_qualified_ids,
)
from tests.conftest import PROJECT, new_repo, run_lint, write_files

OLD_CLAUSE = "^(?:[4-9]|10)(?:\\.[0-9]+){0,2}$"
OLD_CONTROL = "^A\\.(?:[2-9]|10)(?:\\.[0-9]+){1,2}$"
OLD_EITHER = "^(?:(?:[4-9]|10)(?:\\.[0-9]+){0,2}|A\\.(?:[2-9]|10)(?:\\.[0-9]+){1,2})$"
# The SoA's entries took the control pattern before they took any framework's ids.
OLD_FOR = {CLAUSE_PATTERN: OLD_CLAUSE, CONTROL_PATTERN: OLD_CONTROL, EITHER_PATTERN: OLD_EITHER,
           ENTRY_PATTERN: OLD_CONTROL}

POLICY = """---
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
clauses: ["5.2", "ISO27001:5.2"]
controls: ["ISO27001:A.5.1", "ISO27001:A.5.2", "ISO42001:A.2.2", A.2.3]
---
Body.
"""
PROCEDURE = """---
id: PRO-001
title: Access procedure
type: procedure
status: draft
version: "0.1"
owner: aims-manager
approver: top-management
classification: internal
last_reviewed: 2026-01-10
next_review: 2027-01-10
clauses: ["ISO27001:9.2"]
controls: ["NIST-AI-RMF:GOVERN-1.1"]
---
Body.
"""
AUDIT = """---
id: REC-050
title: Internal audit
type: record
record_kind: internal-audit
status: draft
owner: internal-auditor
event_date: 2026-03-10
retention_years: 5
classification: internal
clauses: ["9.2", "ISO27001:9.2"]
scope_clauses: ["8.1"]
scope_controls: ["ISO27001:A.5.1"]
deferred: ["ISO27001:A.8.1"]
findings:
  - {id: OFI-01, clause_or_control: "ISO27001:A.5.2", grade: opportunity}
---
Body.
"""


def _old_schemas(root: Path) -> None:
    """Put every citing field's pattern back to the one shipped before qualified ids."""
    for path in sorted((root / "schemas").glob("*.schema.yaml")):
        text = path.read_text(encoding="utf-8")
        for new, old in OLD_FOR.items():
            text = text.replace(as_yaml(new), as_yaml(old))
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def old_repo(tmp_path: Path) -> Path:
    root = new_repo(tmp_path / "repo", {
        "policies/security.md": POLICY, "procedures/access.md": PROCEDURE, "records/audit.md": AUDIT,
    })
    _old_schemas(root)
    (root / "pyproject.toml").write_text(
        '[tool.aims_lint]\nframeworks = ["iso42001", "iso27001-2022", "nist-ai-rmf-1.0"]\n', encoding="utf-8"
    )
    return root


def test_the_constants_are_the_shipped_schemas_patterns() -> None:
    """Both copies of the shipped schemas use exactly these patterns for every citing field."""
    for folder in (PROJECT / "schemas", PROJECT / "aims_lint" / "data" / "schemas"):
        texts = "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.schema.yaml")))
        for pattern in OLD_FOR:
            assert as_yaml(pattern) in texts, (folder, pattern)
        for old in (OLD_CLAUSE, OLD_CONTROL, OLD_EITHER):
            assert as_yaml(old) not in texts, (folder, old)
        policy = yaml.safe_load((folder / "policy.schema.yaml").read_text(encoding="utf-8"))
        assert policy["properties"]["clauses"]["items"]["pattern"] == CLAUSE_PATTERN
        assert policy["properties"]["controls"]["items"]["pattern"] == CONTROL_PATTERN


@pytest.mark.parametrize(("path", "value", "expected"), [
    (["controls", 0], "ISO27001:A.5.1", "controls"),
    (["controls", 3], "ISO42001:A.2.2", "controls"),
    (["scope_clauses", 0], "ISO27001:9.2", "scope_clauses"),
    (["deferred", 1], "EU-AI-ACT:Art-27", "deferred"),
    (["findings", 0, "clause_or_control"], "NIST-AI-RMF:MAP-1.1", "findings[].clause_or_control"),
    (["entries", 2, "control"], "ISO27001:A.5.1", "entries[].control"),
    (["controls", 0], "A.11.2", None),  # unqualified: an ordinary pattern mismatch
    (["controls", 0], "ISO2700:A.5.1", None),  # unknown prefix: AIMS610 and a pattern mismatch
    (["controls", 0], "ISO27001:A 5 1", None),  # no schema of ours accepts that shape
    (["related", 0], "ISO27001:A.5.1", None),  # not a citing field
    (["controls"], "ISO27001:A.5.1", None),  # the list itself, not an item
])
def test_which_pattern_errors_predate_qualified_ids(
    path: list[object], value: str, expected: str | None
) -> None:
    assert predates_qualified_ids("pattern", path, value) == expected


def test_only_pattern_errors_on_strings() -> None:
    assert predates_qualified_ids("type", ["controls", 0], "ISO27001:A.5.1") is None
    assert predates_qualified_ids("pattern", ["controls", 0], 5) is None


def test_pattern_position_finds_the_value_line() -> None:
    text = 'a:\n  pattern: "^x$"\nb:\n  items: {type: string, pattern: "^y$"}\n'
    assert pattern_position(text, "^y$") == (4, 34)
    assert pattern_position(text, "^z$") is None
    assert pattern_position("a: [unclosed", "^x$") is None


def test_an_old_repository_gets_one_finding_per_schema_file_and_no_pattern_wall(old_repo: Path) -> None:
    findings = run_lint(old_repo).findings
    assert [f for f in findings if f.rule == "AIMS104"] == []
    stale = [f for f in findings if f.rule == "AIMS614"]
    text = {p: (old_repo / p).read_text(encoding="utf-8") for p in {f.path for f in stale}}
    assert [(f.path, f.line) for f in stale] == [
        # policy and procedure: their own clauses line; the audit's clauses come from record.schema.yaml
        ("schemas/policy.schema.yaml", pattern_position(text["schemas/policy.schema.yaml"], OLD_CLAUSE)[0]),
        ("schemas/procedure.schema.yaml",
         pattern_position(text["schemas/procedure.schema.yaml"], OLD_CLAUSE)[0]),
        ("schemas/record-internal-audit.schema.yaml",
         pattern_position(text["schemas/record-internal-audit.schema.yaml"], OLD_CONTROL)[0]),
        ("schemas/record.schema.yaml", pattern_position(text["schemas/record.schema.yaml"], OLD_CLAUSE)[0]),
    ]
    by_path = {f.path: f.message for f in stale}
    assert "rejects 4 qualified ids in 1 document (first 'ISO27001:5.2' in policies/security.md)" in (
        by_path["schemas/policy.schema.yaml"])
    audit = by_path["schemas/record-internal-audit.schema.yaml"]
    assert "its pattern for `deferred`, `findings[].clause_or_control`, `scope_controls` rejects 3" in audit
    assert f"`scope_controls`: pattern: {as_yaml(CONTROL_PATTERN)}" in audit
    assert all(f.severity == "error" for f in stale)
    # The ids themselves are still judged (here: all exist) and their framework's configuration too.
    assert {f.rule for f in findings} & {"AIMS602", "AIMS610", "AIMS611", "AIMS613"} == set()


def test_updating_the_schemas_as_the_finding_says_clears_it(
    old_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["check", "--root", str(old_repo), "--today", "2026-06-01", "--format", "json"]) == 1
    before = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "AIMS614" in before
    for path in sorted((old_repo / "schemas").glob("*.schema.yaml")):
        text = path.read_text(encoding="utf-8")
        for new, old in OLD_FOR.items():
            text = text.replace(as_yaml(old), as_yaml(new))
        path.write_text(text, encoding="utf-8")
    main(["check", "--root", str(old_repo), "--today", "2026-06-01", "--format", "json"])
    after = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert {"AIMS104", "AIMS614"} & after == set()


def test_an_unknown_prefix_under_an_old_schema_is_still_a_pattern_mismatch(tmp_path: Path) -> None:
    policy = POLICY.replace("ISO27001:A.5.2", "ISO2700:A.5.2")
    root = new_repo(tmp_path / "repo", {"policies/security.md": policy})
    _old_schemas(root)
    findings = run_lint(root).findings
    assert [(f.rule, f.line) for f in findings if f.rule in ("AIMS104", "AIMS610")] == [
        ("AIMS104", 13), ("AIMS610", 13),
    ]


def test_pattern_position_below_a_field() -> None:
    text = 'scope_clauses:\n  pattern: "^x$"\nclauses:\n  items: {pattern: "^x$"}\n'
    assert pattern_position(text, "^x$", "clauses") == (4, 20)
    assert pattern_position(text, "^x$", "findings[].clause_or_control") is None


def test_the_guide_gives_the_current_patterns() -> None:
    guide = (PROJECT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    for pattern in OLD_FOR:
        assert f"pattern: {as_yaml(pattern)}\n" in guide


def _soa_without_new_fields(root: Path) -> str:
    """The SoA schema as shipped before several frameworks: no `framework`, no entries' `same_as`."""
    path = root / "schemas" / "soa.schema.yaml"
    schema = yaml.safe_load(path.read_text(encoding="utf-8"))
    del schema["properties"]["framework"]
    entry = schema["properties"]["entries"]["items"]
    del entry["properties"]["same_as"]
    entry["allOf"] = [{"if": {"properties": {"applicable": {"const": True}}, "required": ["applicable"]},
                       "then": {"required": ["implementation"]}}]
    text = yaml.safe_dump(schema, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return text


def test_an_old_soa_schema_rejecting_framework_and_same_as_is_aims614(tmp_path: Path) -> None:
    """A 27001 SoA under an SoA schema without `framework` and `same_as`: one AIMS614 finding on the
    line that closes the schema's properties, with the shipped definitions, and no unknown fields."""
    from aims_lint.export.soa_skeleton import skeleton

    soa = skeleton("iso27001-2022").replace("{{ today }}", "2026-01-10")
    soa = soa.replace("{{ next_review }}", "2027-01-10")
    entry = "  - control: A.5.2  # Information security roles and responsibilities\n"
    soa = soa.replace(entry, f"{entry}    same_as: A.3.2\n")
    root = new_repo(tmp_path / "repo", {"policies/soa-27001.md": soa})
    text = _soa_without_new_fields(root)
    result = run_lint(root, frameworks=["iso42001", "iso27001-2022"])
    assert [f for f in result.findings if f.rule == "AIMS105"] == []  # no "unknown field" for either
    (finding,) = [f for f in result.findings if f.rule == "AIMS614"]
    closing = text.splitlines().index("additionalProperties: false") + 1
    assert (finding.path, finding.line, finding.column) == ("schemas/soa.schema.yaml", closing, 1)
    assert "it does not declare `entries[].same_as`, `framework`, which SoAs use 2 times" in finding.message
    assert '`framework`: {"enum": ["iso42001", "iso27001-2022"]}' in finding.message
    assert '`entries[].same_as`: {"type": "string", "pattern": ' in finding.message
    # The shipped SoA schema back: nothing to report.
    write_files(root, {"schemas/soa.schema.yaml": (PROJECT / "schemas" / "soa.schema.yaml").read_text()})
    assert [f for f in run_lint(root, frameworks=["iso42001", "iso27001-2022"]).findings
            if f.rule == "AIMS614"] == []
