"""`x-aims.folders` entries are paths: a repository keeps its documents two levels down.

docs/adopting.md shows this setup (the folders under `x-aims.folders`, and no
`paths` setting: it defaults to the schemas' folders); these tests build it for real.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.config import ConfigError
from aims_lint.schemas import load_schemas
from tests.conftest import BASE, PROJECT, run_lint, write_files

TODAY = date(2026, 6, 1)
FOLDERS = {top: f"governance/{top}" for top in ("policies", "procedures", "records")}
CONFIG = "[tool.aims_lint]\n"
RECORD = """---
id: REC-001
title: Internal audit 2026
type: record
record_kind: internal-audit
status: draft
owner: aims-manager
event_date: 2026-03-10
retention_years: 5
classification: internal
clauses: ["9.2"]
---
Body.
"""


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    """The base documents under governance/policies, every schema pointing two levels down."""
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    for schema in (root / "schemas").glob("*.schema.yaml"):
        text = schema.read_text(encoding="utf-8")
        for top, path in FOLDERS.items():
            text = text.replace(f"folders: [{top}]", f"folders: [{path}]")
        schema.write_text(text, encoding="utf-8")
    shutil.copytree(BASE / "policies", root / "governance" / "policies")
    write_files(root, {"pyproject.toml": CONFIG})
    return root


def folder_findings(root: Path) -> list[tuple[str, str]]:
    return [(f.path, f.message) for f in run_lint(root, TODAY, select=("AIMS203",)).findings]


def test_documents_two_levels_down_pass(nested: Path) -> None:
    write_files(nested, {"governance/records/2026/audit.md": RECORD})  # and deeper still
    assert folder_findings(nested) == []
    assert {s.path for s in run_lint(nested, TODAY).corpus.sources} >= {
        "governance/policies/ai-policy.md", "governance/records/2026/audit.md",
    }


def test_a_document_in_the_wrong_nested_folder_is_reported_with_both_paths(nested: Path) -> None:
    write_files(nested, {"governance/policies/2026/audit.md": RECORD})
    assert folder_findings(nested) == [
        (
            "governance/policies/2026/audit.md",
            "a record belongs in governance/records/, not governance/policies/2026/",
        ),
    ]


def test_the_schema_of_an_untyped_document_is_found_by_its_nested_folder(nested: Path) -> None:
    untyped = RECORD.replace("type: record\nrecord_kind: internal-audit\n", "")
    write_files(nested, {"governance/records/audit.md": untyped})
    missing = {f.message for f in run_lint(nested, TODAY, select=("AIMS101",)).findings}
    assert missing == {"required field 'type' is missing", "required field 'record_kind' is missing"}


def test_new_writes_into_the_nested_folder(nested: Path) -> None:
    args = ["new", "procedure", "Risk assessment", "--owner", "aims-manager"]
    assert main([*args, "--today", TODAY.isoformat(), "--root", str(nested)]) == 0
    assert [p.relative_to(nested).parent.as_posix() for p in nested.rglob("*risk-assessment*.md")] == [
        "governance/procedures",
    ]
    assert folder_findings(nested) == []


def test_folders_compare_part_by_part(nested: Path) -> None:
    policy = load_schemas(nested, "schemas").by_type["policy"]
    assert policy.holds("governance/policies/ai.md")
    assert policy.holds("governance/policies/2026/q1/ai.md")
    assert not policy.holds("governance/policies-old/ai.md")  # a prefix of the name is not the folder
    assert not policy.holds("governance/ai.md")
    assert not policy.holds("governance/policies")  # the folder itself is not a document in it


@pytest.mark.parametrize("entry", ["../outside", "/etc", ".", "governance/../../x"])
def test_a_folder_outside_the_repository_is_a_configuration_error(nested: Path, entry: str) -> None:
    schema = nested / "schemas" / "policy.schema.yaml"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace("folders: [governance/policies]", f"folders: [{entry!r}]"),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="is not a folder inside the repository"):
        load_schemas(nested, "schemas")


def test_equivalent_spellings_of_a_folder_are_one_folder(nested: Path) -> None:
    schema = nested / "schemas" / "policy.schema.yaml"
    text = schema.read_text(encoding="utf-8")
    spelt = text.replace("folders: [governance/policies]", "folders: [./governance//policies/]")
    schema.write_text(spelt, encoding="utf-8")
    assert load_schemas(nested, "schemas").by_type["policy"].folders == ("governance/policies",)
    assert folder_findings(nested) == []
