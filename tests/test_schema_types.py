"""Open types: what `x-aims` may say, record kinds as their own schema files, built-in behaviours.

Each test builds a real repository with the project's schemas and changes one
schema file, as an organisation would.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from aims_lint.config import ConfigError
from aims_lint.doctypes import BEHAVIOURS, LEGACY
from aims_lint.schemas import load_schemas
from tests.conftest import PROJECT, new_repo, run_lint, write_files

AI_SYSTEM = """---
id: REC-010
title: Support chatbot
type: record
record_kind: ai-system
status: approved
owner: aims-manager
event_date: 2026-01-10
retention_years: 5
classification: internal
clauses: ["8.1"]
lifecycle_stage: operation
risk_level: low
sourcing: in-house
in_scope: false
---
Body.
"""


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "schemas" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _codes(root: Path, path: str) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in run_lint(root).findings if f.path == path]


def test_the_project_schemas_name_a_behaviour_for_every_built_in_type_and_kind() -> None:
    schemas = load_schemas(PROJECT, "schemas")
    assert {t: s.behaviour for t, s in schemas.by_type.items()} == {
        t: v["behaviour"] for t, v in LEGACY.items()
    }
    kinds = schemas.kinds["record"]
    assert sorted(kinds) == sorted(b.name for b in BEHAVIOURS.values() if b.kind)
    assert all(k.behaviour == name and k.folders == ("records",) for name, k in kinds.items())


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  folders: [policies]\n", "  folders: [policies]\n  folder: [x]\n", "unknown x-aims key 'folder'"),
        (
            "  behaviour: controlled-document\n",
            "  behaviour: policy-ish\n",
            "unknown x-aims.behaviour 'policy-ish'",
        ),
        (
            "  behaviour: controlled-document\n",
            "  behaviour: ai-system\n",
            "x-aims.behaviour 'ai-system' is a record kind's behaviour",
        ),
        ("  export_as: policy\n", "  export_as: ''\n", "x-aims.export_as must be a non-empty string"),
        ("  type: policy\n", "  type: Policy Docs\n", "x-aims.type must be a lower-case name"),
    ],
)
def test_a_wrong_x_aims_block_is_a_configuration_error(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    root = new_repo(tmp_path / "repo")
    _edit(root, "policy.schema.yaml", old, new)
    with pytest.raises(ConfigError, match="schemas/policy.schema.yaml: " + message.replace("(", r"\(")):
        load_schemas(root, "schemas")


def test_a_behaviour_keeps_the_fields_its_rules_read(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    _edit(root, "soa.schema.yaml", "clauses, entries]", "clauses]")
    wanted = r"field 'entries' must stay declared and required.*behaviour 'soa'"
    with pytest.raises(ConfigError, match=wanted):
        load_schemas(root, "schemas")


def test_a_type_without_a_behaviour_needs_none_of_the_built_in_fields(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    write_files(
        root,
        {
            "schemas/standard.schema.yaml": (
                "x-aims: {type: standard, folders: [standards]}\ntitle: Engineering standard\n"
                "type: object\nrequired: [id, title, type, status]\n"
                "properties:\n  id: {type: string, pattern: '^STD-[0-9]{3}$'}\n  title: {type: string}\n"
                "  type: {const: standard}\n  status: {enum: [draft, approved]}\n"
            )
        },
    )
    standard = load_schemas(root, "schemas").by_type["standard"]
    assert (standard.behaviour, standard.id_prefix, standard.site_section, standard.export_as) == (
        None,
        "STD",
        "Engineering standard",
        "guidance",
    )


def test_a_record_kind_file_must_name_a_type_that_exists_and_has_no_folders(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    kind = "x-aims: {type: register, record_kind: supplier}\ntype: object\n"
    write_files(root, {"schemas/register-supplier.schema.yaml": kind})
    with pytest.raises(ConfigError, match="record kind of type 'register', which no schema defines"):
        load_schemas(root, "schemas")
    kind = "x-aims: {type: record, record_kind: supplier, folders: [suppliers]}\ntype: object\n"
    write_files(root, {"schemas/register-supplier.schema.yaml": kind})
    with pytest.raises(ConfigError, match="a record kind lives in its type's folders"):
        load_schemas(root, "schemas")


def test_a_record_is_checked_against_its_kinds_own_schema(tmp_path: Path) -> None:
    broken = AI_SYSTEM.replace("in_scope: false\n", "in_scop: false\n")
    root = new_repo(tmp_path / "repo", {"records/ai-chat.md": broken})
    found = _codes(root, "records/ai-chat.md")
    assert ("AIMS101", "required field 'in_scope' is missing") in found
    assert ("AIMS105", "unknown field 'in_scop'; did you mean 'in_scope'?") in found


def test_a_misspelt_kind_is_told_every_kind_there_is(tmp_path: Path) -> None:
    record = AI_SYSTEM.replace("record_kind: ai-system", "record_kind: nonconformty")
    root = new_repo(tmp_path / "repo", {"records/ai-chat.md": record})
    [(_, message)] = [f for f in _codes(root, "records/ai-chat.md") if f[0] == "AIMS103"]
    assert "'other', 'ai-system'," in message and message.endswith("did you mean 'nonconformity'?")


def test_a_new_kind_is_one_file(tmp_path: Path) -> None:
    """A supplier register as a record kind: one schema file, no other change."""
    kind = (
        "x-aims: {type: record, record_kind: supplier}\n"
        "$ref: record.schema.yaml#/$defs/record\nunevaluatedProperties: false\n"
        "required: [contract_end]\n"
        "properties:\n  record_kind: {const: supplier}\n  contract_end: {type: string, format: date}\n"
    )
    record = AI_SYSTEM.replace("record_kind: ai-system", "record_kind: supplier").split("lifecycle_stage")[0]
    root = new_repo(
        tmp_path / "repo",
        {
            "schemas/record-supplier.schema.yaml": kind,
            "records/acme.md": record + "contract_end: 2027-02-30\n---\nBody.\n",
        },
    )
    # AIMS1xx, the schema rules (AIMS1001 on are the body rules).
    schema_findings = [f for f in _codes(root, "records/acme.md") if re.fullmatch(r"AIMS1[0-9]{2}", f[0])]
    assert schema_findings == [("AIMS106", "'contract_end' '2027-02-30' is not a valid date (YYYY-MM-DD)")]


def test_rules_find_the_inventory_by_behaviour_not_by_kind_name(tmp_path: Path) -> None:
    """An organisation calls its inventory kind `ai-application`: the assessment rule still reads it."""
    root = new_repo(tmp_path / "repo")
    source = (root / "schemas/record-ai-system.schema.yaml").read_text(encoding="utf-8")
    (root / "schemas/record-ai-system.schema.yaml").unlink()
    write_files(
        root,
        {
            "schemas/record-ai-application.schema.yaml": source.replace(
                "record_kind: ai-system", "record_kind: ai-application"
            ).replace("{const: ai-system}", "{const: ai-application}"),
            "records/ai-chat.md": AI_SYSTEM.replace("ai-system", "ai-application").replace(
                "in_scope: false", "in_scope: true"
            ),
        },
    )
    assert "AIMS801" in {code for code, _ in _codes(root, "records/ai-chat.md")}


def test_a_schema_written_for_0_1_keeps_its_meaning(tmp_path: Path) -> None:
    """The 0.1 record schema (kinds in allOf blocks, no behaviour keys) still works."""
    old = subprocess.run(
        ["git", "-C", str(PROJECT), "show", "401aa77:schemas/record.schema.yaml"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = new_repo(
        tmp_path / "repo", {"records/ai-chat.md": AI_SYSTEM.replace("in_scope: false", "in_scope: true")}
    )
    for path in (root / "schemas").glob("record-*.schema.yaml"):
        path.unlink()
    for name in ("policy", "procedure", "soa", "roles"):
        text = (root / f"schemas/{name}.schema.yaml").read_text(encoding="utf-8")
        lines = [
            line
            for line in text.splitlines(True)
            if not line.startswith(("  behaviour:", "  site_section:", "  export_as:"))
        ]
        (root / f"schemas/{name}.schema.yaml").write_text("".join(lines), encoding="utf-8")
    write_files(root, {"schemas/record.schema.yaml": old})
    schemas = load_schemas(root, "schemas")
    assert schemas.kinds == {} and schemas.by_type["record"].behaviour == "record"
    assert "AIMS801" in {code for code, _ in _codes(root, "records/ai-chat.md")}


PLAIN = (
    "x-aims: {type: plain, folders: [plain]}\ntype: object\nrequired: [id, title, type, status]\n"
    "properties:\n  id: {type: string}\n  title: {type: string}\n  type: {const: plain}\n"
    "  status: {type: string}\n"
)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("  note: {$ref: 'nothere.schema.yaml'}\n", "\\$ref 'nothere.schema.yaml' names no schema file"),
        (
            "  note: {$ref: 'https://example.org/s.json'}\n",
            "\\$ref 'https://example.org/s.json' names no schema file in the schemas folder",
        ),
        (
            "  note: {$ref: '#/$defs/a'}\n$defs:\n  a: {$ref: '#/$defs/b'}\n  b: {$ref: '#/$defs/a'}\n",
            "\\$ref loop: #/\\$defs/a -> #/\\$defs/b -> #/\\$defs/a",
        ),
    ],
)
def test_a_reference_that_cannot_be_followed_is_a_configuration_error(
    tmp_path: Path, extra: str, message: str
) -> None:
    """jsonschema follows a $ref only when a document reaches it: checked at load, not mid-run."""
    root = new_repo(tmp_path / "repo", {"schemas/plain.schema.yaml": PLAIN + extra})
    with pytest.raises(ConfigError, match="schemas/plain.schema.yaml: " + message):
        load_schemas(root, "schemas")


def test_a_chain_of_references_is_followed_within_its_own_file(tmp_path: Path) -> None:
    chained = "x-aims: {type: plain, folders: [plain]}\n$ref: '#/$defs/a'\n$defs:\n  a: {$ref: '#/$defs/b'}\n"
    chained += "  b:\n" + "".join("    " + line + "\n" for line in PLAIN.splitlines()[1:])
    root = new_repo(tmp_path / "repo", {"schemas/plain.schema.yaml": chained})
    assert load_schemas(root, "schemas").by_type["plain"].required == ("id", "title", "type", "status")


def test_a_kind_file_without_a_behaviour_is_an_ordinary_kind(tmp_path: Path) -> None:
    """As its comment says: remove `behaviour` and the inventory rules no longer read the kind."""
    in_scope = AI_SYSTEM.replace("in_scope: false", "in_scope: true")
    root = new_repo(tmp_path / "repo", {"records/ai-chat.md": in_scope})
    _edit(root, "record-ai-system.schema.yaml", "  behaviour: ai-system\n", "")
    assert load_schemas(root, "schemas").with_behaviour("ai-system") == []
    assert "AIMS801" not in {code for code, _ in _codes(root, "records/ai-chat.md")}


def test_one_schema_the_quick_check_cannot_read_leaves_the_others_theirs(tmp_path: Path) -> None:
    """patternProperties is left to jsonschema; only the schemas that reach that file lose the quick path."""
    odd = PLAIN + "patternProperties:\n  '^x-': {type: string}\n"
    root = new_repo(tmp_path / "repo", {"schemas/plain.schema.yaml": odd})
    schemas = load_schemas(root, "schemas")
    assert schemas.by_type["plain"].quick is None
    assert schemas.by_type["policy"].quick is not None
    assert all(kind.quick is not None for kind in schemas.kinds["record"].values())
