"""jsonschema-rs' yes/no answer agrees with jsonschema on every document we have.

Corpora: this repository's own documents (and an SoA with every entry shape),
every Markdown file of every rule case file (against the project's schemas
and the schemas a case brings), a generated benchmark corpus with seeded
defects, and hypothesis' mutations of real documents. On all of them the quick
answer is exactly jsonschema's; where the two libraries differ in principle
(the keyword tables below), the quick answer may only be a cautious False.
"""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aims_lint.frontmatter import parse
from aims_lint.schema_check import Check, compile_check
from aims_lint.schemas import FORMATS, SchemaSet, TypeSchema, format_checker, load_schemas
from aims_lint.yaml12 import CoreLoader

PROJECT = Path(__file__).resolve().parent.parent
CASES = PROJECT / "tests" / "rules" / "cases"
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


def _front_matter(text: bytes) -> Any:
    return parse(text, max_bytes=1_048_576).data


def _documents() -> list[tuple[TypeSchema, dict[str, Any]]]:
    """Front matter of this repository's own documents and the rule cases' base ones, with their schema."""
    schemas = _schemas()
    found = [(schemas.by_type["soa"], SOA)]
    for folder in ("policies", "procedures", "records", "tests/rules/base"):
        for path in sorted((PROJECT / folder).rglob("*.md")):
            data = _front_matter(path.read_bytes())
            if isinstance(data, dict) and data.get("type") in schemas.by_type:
                # A record is checked against its kind's own schema when it has one.
                found.append((schemas.for_document(schemas.by_type[data["type"]], data), data))
    return found


DOCUMENTS = _documents()


def _valid(schema: TypeSchema, data: Any) -> bool:
    return not any(True for _ in schema.validator.iter_errors(data))


def test_every_project_schema_gets_a_quick_check() -> None:
    schemas = _schemas()
    kinds = [k for of_type in schemas.kinds.values() for k in of_type.values()]
    assert kinds and all(s.quick is not None for s in [*schemas.by_type.values(), *kinds])


@pytest.mark.parametrize(("schema", "data"), DOCUMENTS, ids=[d.get("id", "?") for _, d in DOCUMENTS])
def test_the_repository_documents_take_the_quick_path(schema: TypeSchema, data: dict[str, Any]) -> None:
    assert _valid(schema, data)
    assert schema.quick is not None and schema.quick(data) is True


def _case_corpus() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(where, schema, front matter) for every Markdown file of every rule case file."""
    project = [s.raw for s in _schemas().by_type.values()]
    found = []
    for file in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8"))["cases"]:
            files = {k: v for k, v in (case.get("files") or {}).items() if isinstance(v, str)}
            own = [_schema_file(text) for rel, text in files.items() if rel.startswith("schemas/")]
            raws = [*project, *(raw for raw in own if raw is not None)]
            for rel, text in files.items():
                data = _front_matter(text.encode("utf-8", "surrogatepass")) if rel.endswith(".md") else None
                if not isinstance(data, dict):
                    continue
                for raw in raws:
                    if raw.get("x-aims", {}).get("type") == data.get("type"):
                        found.append((f"{file.stem}:{case['name']}:{rel}", raw, data))
    return found


def _schema_file(text: str) -> dict[str, Any] | None:
    try:
        raw = yaml.load(text, Loader=CoreLoader)
        jsonschema.Draft202012Validator.check_schema(raw)
    except (yaml.YAMLError, jsonschema.SchemaError, TypeError):
        return None
    return raw if isinstance(raw, dict) else None


def _exact(raw: dict[str, Any], data: Any) -> tuple[bool | None, bool]:
    """(quick answer or None when not compiled, jsonschema's answer)."""
    formats = format_checker()
    quick = compile_check(raw, formats)
    valid = not list(jsonschema.Draft202012Validator(raw, format_checker=formats).iter_errors(data))
    return (None if quick is None else quick(data)), valid


def test_every_rule_case_document_gets_jsonschemas_answer() -> None:
    corpus = _case_corpus()
    answers = [(where, *_exact(raw, data)) for where, raw, data in corpus]
    assert len(corpus) > 150 and sum(not valid for *_, valid in answers) > 30  # both kinds, really
    assert [a for a in answers if a[1] is not None and a[1] != a[2]] == []


def test_the_benchmark_corpus_gets_jsonschemas_answer(tmp_path: Path) -> None:
    """The benchmark's synthetic documents, one in ten with a seeded defect."""
    out = tmp_path / "corpus"
    subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "generate.py"), "--count", "400",
                    "--out", str(out), "--no-git"], check=True, capture_output=True)
    schemas = load_schemas(out, "schemas")
    checked = invalid = 0
    for path in sorted(out.rglob("*.md")):
        data = _front_matter(path.read_bytes())
        schema = schemas.by_type.get(data.get("type")) if isinstance(data, dict) else None
        if schema is None or schema.quick is None:
            continue
        valid = _valid(schema, data)
        assert schema.quick(data) is valid, path.relative_to(out).as_posix()
        checked += 1
        invalid += not valid
    assert checked > 350 and invalid > 5


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 200), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "x", "2026-02-30", "2026-03-01", "2026-3-1", "approved", "aproved", "A.2.2",
                     "5.2", "POL-001", "POL-001\n", "1.0", "top-management", "ai-system", "nonconformity",
                     "open", "\ud800", "\uff12\uff10\uff12\uff16-03-01"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(
        ["action", "owner", "due", "done_on", "control", "applicable", "reasons", "x"]), st.integers(0, 2)),
        inner, max_size=4)),
    max_leaves=8,
)


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
    assert schema.quick is not None
    if schema.quick(mutated):
        assert [e.message for e in schema.validator.iter_errors(mutated)] == []


def _quick(schema: dict[str, Any]) -> Check | None:
    return compile_check(schema, format_checker())


@pytest.mark.parametrize(("schema", "instance", "expected"), [
    ({"format": "date"}, "2026-02-30", False),
    ({"format": "date"}, "2026-02-28", True),
    ({"format": "date"}, "0000-01-01", False),  # jsonschema-rs' own date check accepts year 0
    ({"format": "date"}, 20260230, True),  # formats apply to strings only
    ({"format": "regex"}, "\\p{L}", False),  # jsonschema-rs' own check (ECMA-262) accepts it
    ({"format": "uri"}, "not a uri", True),  # not in schemas.FORMATS, so ignored by both
    ({"not": {"format": "uri"}}, "not a uri", False),
    ({"pattern": "^\\S+$"}, "a\x1cb", False),  # Python's \S; ECMA-262 counts \x1c as not-space
    ({"pattern": "^\\d+$"}, "١٢", True),  # Python's \d takes every decimal digit
    ({"not": {"pattern": "^A$"}}, "A\n", False),  # under `not`, $ is Python's: it matches here
    ({"pattern": "^A-[0-9]{2}$"}, "A-12", True),  # plain: jsonschema-rs' own engine reads it
    ({"pattern": "^A-[0-9]{2}$"}, "A-1x", False),
    ({"const": True}, 1, False),
    ({"enum": [1]}, 1.0, True),
    ({"type": "integer"}, 3.0, True),
    ({"minimum": 1}, math.nan, True),
])
def test_keywords_answer_as_jsonschema_does(schema: dict[str, Any], instance: Any, expected: bool) -> None:
    quick = _quick(schema)
    assert quick is not None
    assert quick(instance) is expected
    assert _exact(schema, instance)[1] is expected


def test_a_plain_pattern_ending_in_dollar_is_only_ever_stricter() -> None:
    """Rust's $ does not match before a final newline, Python's does: a cautious False, then jsonschema."""
    schema = {"properties": {"id": {"pattern": "^POL-[0-9]{3}$"}}}
    quick = _quick(schema)
    assert quick is not None and quick({"id": "POL-001\n"}) is False
    assert _exact(schema, {"id": "POL-001\n"})[1] is True


@pytest.mark.parametrize("schema", [
    {"patternProperties": {"^\\S+$": {"type": "string"}}},
    {"multipleOf": 0.01},  # exact decimals in Rust: 0.07 passes there, fails in jsonschema
    {"not": {"type": "number"}},  # NaN and infinity are numbers to jsonschema only
    {"if": {"properties": {"a": {"type": "integer"}}}, "then": {"required": ["b"]}},
    {"$ref": "https://example.com/never-fetched.json"},
])
def test_schemas_the_libraries_read_differently_are_left_to_jsonschema(schema: dict[str, Any]) -> None:
    assert _quick(schema) is None


@pytest.mark.parametrize("instance", [{1: "x"}, {"a": date(2026, 1, 1)}])
def test_instances_jsonschema_rs_cannot_take_ask_jsonschema(instance: Any) -> None:
    """Not JSON (a YAML integer key, a date object): it raises there, so jsonschema is asked."""
    quick = _quick({"properties": {"a": {"type": "string"}}})
    assert quick is not None and quick(instance) is False


COMMON = {"$defs": {"record": {"type": "object", "required": ["id", "due"], "properties": {
    "id": {"type": "string", "pattern": "^REC-[0-9]{3}$"}, "due": {"type": "string", "format": "date"}}}}}
KIND = {"$ref": "record.schema.yaml#/$defs/record", "unevaluatedProperties": False,
        "properties": {"note": {"type": "string", "pattern": "^\\S+$"}}}


@pytest.mark.parametrize("instance", [
    {"id": "REC-001", "due": "2026-03-01"}, {"id": "REC-001", "due": "2026-02-30"},
    {"id": "REC-1", "due": "2026-03-01"}, {"id": "REC-001", "due": "2026-03-01", "note": "a\x1cb"},
    {"id": "REC-001", "due": "2026-03-01", "extra": 1}, {"id": "REC-001", "due": "2026-03-01", "note": "ok"},
])
def test_a_ref_to_a_sibling_schema_file_is_followed_as_jsonschema_does(instance: dict[str, Any]) -> None:
    """A record kind `$ref`s the common record schema: the referenced file's patterns and formats count."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    quick = compile_check(KIND, format_checker(), {"record.schema.yaml": COMMON})
    registry: Registry[Any] = Registry().with_resource(
        "record.schema.yaml", Resource.from_contents(COMMON, default_specification=DRAFT202012))
    validator = jsonschema.Draft202012Validator(KIND, format_checker=format_checker(),
                                                registry=registry)
    assert quick is not None
    assert quick(instance) is (not list(validator.iter_errors(instance)))


def test_a_ref_under_not_is_left_to_jsonschema() -> None:
    assert compile_check({"not": {"$ref": "record.schema.yaml"}}, format_checker(),
                         {"record.schema.yaml": COMMON}) is None


def test_the_format_checks_are_the_same_in_every_environment() -> None:
    """Each of FORMATS is checked with the standard library alone, and nothing else is: an optional
    package (rfc3987-syntax, installed here for cyclonedx-bom) must not switch on the uri check."""
    assert sorted(format_checker().checkers) == sorted(FORMATS)
    assert format_checker().conforms("not a uri", "uri")
