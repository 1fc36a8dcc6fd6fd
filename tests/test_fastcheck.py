"""The fast validity check may only ever say "valid" when jsonschema finds no error.

Each project schema is compiled; real documents of this repository,
hypothesis' mutations of them, and a generated benchmark corpus go through both. The fast answer may be a
cautious False on a valid document, never a True on an invalid one.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aims_lint.fastcheck import compile_schema
from aims_lint.frontmatter import parse
from aims_lint.schemas import SchemaSet, TypeSchema, load_schemas

PROJECT = Path(__file__).resolve().parent.parent
SOA: dict[str, Any] = {
    "id": "SOA-001", "title": "Statement of Applicability", "type": "soa", "status": "approved",
    "version": "1.0", "owner": "aims-manager", "approver": "top-management", "approved_on": "2026-03-01",
    "classification": "internal", "last_reviewed": "2026-03-01", "next_review": "2027-03-01",
    "clauses": ["6.1.3"],
    "entries": [
        {"control": "A.2.2", "applicable": True, "reasons": ["risk-treatment"],
         "justification": "Needed.", "implementation": "implemented", "implemented_by": ["POL-001"]},
        {"control": "A.3.3", "applicable": False, "reasons": ["not-relevant"], "justification": "No."},
        {"control": "A.4.2", "applicable": None, "reasons": [], "justification": None},
    ],
}


def _schemas() -> SchemaSet:
    return load_schemas(PROJECT, "schemas")


def _documents() -> list[tuple[TypeSchema, dict[str, Any]]]:
    """Front matter of this repository's own documents (valid ones), with their schema."""
    schemas = _schemas()
    found = [(schemas.by_type["soa"], SOA)]
    for folder in ("policies", "procedures", "records"):
        for path in sorted((PROJECT / folder).rglob("*.md")):
            data = parse(path.read_bytes(), max_bytes=1_048_576).data
            if data and isinstance(data.get("type"), str) and data["type"] in schemas.by_type:
                found.append((schemas.by_type[data["type"]], data))
    return found


DOCUMENTS = _documents()
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 200), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "x", "2026-02-30", "2026-03-01", "approved", "aproved", "A.2.2", "5.2",
                     "POL-001", "1.0", "top-management", "ai-system", "nonconformity", "open"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
        ["action", "owner", "due", "done_on", "control", "applicable", "reasons", "x"]), inner, max_size=4)),
    max_leaves=8,
)


def _agrees(schema: TypeSchema, data: Any) -> None:
    assert schema.quick is not None, f"{schema.path} was not compiled"
    if schema.quick(data):
        errors = [e.message for e in schema.validator.iter_errors(data)]
        assert not errors, f"fast check said valid, jsonschema says {errors}"


def test_every_project_schema_compiles() -> None:
    assert all(s.quick is not None for s in _schemas().by_type.values())


@pytest.mark.parametrize(("schema", "data"), DOCUMENTS, ids=[d.get("id", "?") for _, d in DOCUMENTS])
def test_valid_documents_take_the_fast_path(schema: TypeSchema, data: dict[str, Any]) -> None:
    assert not list(schema.validator.iter_errors(data))
    assert schema.quick is not None and schema.quick(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(DOCUMENTS) - 1), st.data())  # an index: a TypeSchema's repr is huge
def test_mutated_documents_never_pass_wrongly(index: int, data: st.DataObject) -> None:
    schema, original = DOCUMENTS[index]
    mutated = dict(original)
    names = sorted({*original, *schema.raw.get("properties", {}), "unknown_field"})
    for name in data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3)):
        if data.draw(st.booleans()):
            mutated.pop(name, None)
        else:
            mutated[name] = data.draw(VALUES)
    _agrees(schema, mutated)


def test_benchmark_corpus_agrees_document_by_document(tmp_path: Path) -> None:
    """The benchmark's synthetic documents (one in ten with a seeded defect) through both.

    On these the fast answer is exact: valid documents take the fast path,
    and every defect the schema catches is left to jsonschema.
    """
    out = tmp_path / "corpus"
    subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "generate.py"), "--count", "400",
                    "--out", str(out), "--no-git"], check=True, capture_output=True)
    schemas = load_schemas(out, "schemas")
    checked = invalid = 0
    for path in sorted(out.rglob("*.md")):
        data = parse(path.read_bytes(), max_bytes=1_048_576).data
        schema = schemas.by_type.get(data.get("type")) if isinstance(data, dict) else None
        if schema is None or schema.quick is None:
            continue
        valid = not list(schema.validator.iter_errors(data))
        assert schema.quick(data) is valid, path.relative_to(out).as_posix()
        checked += 1
        invalid += not valid
    assert checked > 350 and invalid > 5  # the corpus really has both kinds


def _quick(schema: dict[str, Any]) -> Any:
    return compile_schema(schema, jsonschema.FormatChecker())


@pytest.mark.parametrize(("schema", "instance", "expected"), [
    ({"const": True}, True, True),
    ({"const": True}, 1, False),  # jsonschema: 1 is not true
    ({"enum": ["a", None]}, None, True),
    ({"enum": ["a", None]}, 0, False),
    ({"type": "integer"}, 3.0, True),  # integral floats are integers (draft 6 and later)
    ({"type": "integer"}, True, False),
    ({"minimum": 1}, math.nan, True),  # jsonschema fails only on `instance < minimum`
    ({"maximum": 1}, "text", True),
    ({"format": "date"}, "2026-02-30", False),
    ({"format": "date"}, 20260230, True),  # formats apply to strings only
    ({"pattern": "^A"}, "B", False),
    ({"required": ["a"], "properties": {"a": {"type": "string"}}}, {"a": "x"}, True),
    ({"additionalProperties": False, "properties": {"a": {}}}, {"a": 1, "b": 2}, False),
    ({"if": {"properties": {"k": {"const": "x"}}, "required": ["k"]}, "then": {"required": ["y"]}},
     {"k": "x"}, False),
    ({"if": {"properties": {"k": {"const": "x"}}, "required": ["k"]}, "then": {"required": ["y"]}},
     {"k": "z"}, True),
])
def test_keywords_answer_as_jsonschema_does(schema: dict[str, Any], instance: Any, expected: bool) -> None:
    quick = _quick(schema)
    assert quick is not None
    assert quick(instance) is expected
    valid = not list(jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
                     .iter_errors(instance))
    assert valid is expected


@pytest.mark.parametrize("schema", [
    {"anyOf": [{"type": "string"}]},
    {"$ref": "#/$defs/x", "$defs": {"x": {}}},
    {"enum": [1, 2]},  # numbers: jsonschema's equality differs from Python's
    {"if": {"uniqueItems": True}, "then": {}},  # the condition must be exact
    {"madeUpKeyword": 1},
])
def test_unsupported_schemas_are_left_to_jsonschema(schema: dict[str, Any]) -> None:
    assert _quick(schema) is None


def test_unique_items_of_other_kinds_ask_jsonschema() -> None:
    quick = _quick({"uniqueItems": True})
    assert quick is not None
    assert quick(["a", "b"]) is True
    assert quick([1, True]) is False  # cautious: jsonschema decides (1 and true differ there)
