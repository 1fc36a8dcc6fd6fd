"""`x-aims.body`: what a schema says a body must hold, how it is read, and how a body is read.

The rules themselves have their cases in tests/rules/cases/AIMS1001-AIMS1005.yaml;
these tests cover the schema key (loading, inheritance, malformed values) and the
section reader's answers the cases do not pin down.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aims_lint.body_sections import heading_key, read_body
from aims_lint.body_spec import BodySection, BodySpec
from aims_lint.cli import main
from aims_lint.config import ConfigError
from aims_lint.schemas import load_schemas
from tests.complete_aims import TODAY, complete_files
from tests.conftest import PROJECT, new_repo, run_lint


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "schemas" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_built_in_type_and_record_kind_declares_body_rules() -> None:
    schemas = load_schemas(PROJECT, "schemas")
    every = [*schemas.by_type.values(), *schemas.kinds["record"].values()]
    assert all(s.body is not None and s.body.min_words > 0 for s in every), [
        s.path for s in every if s.body is None
    ]
    review = schemas.kinds["record"]["management-review"].body
    assert review is not None
    assert [s.heading for s in review.sections] == ["Inputs", "Decisions"]
    assert "Inputs considered" in review.sections[0].aliases


def test_a_record_kind_without_a_body_takes_its_types(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    name = "record-supplier-assessment.schema.yaml"
    text = (root / "schemas" / name).read_text(encoding="utf-8")
    start = text.index("  body:")
    end = text.index("\n", text.index("min_words: 8", start))
    (root / "schemas" / name).write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    schemas = load_schemas(root, "schemas")
    assert schemas.kinds["record"]["supplier-assessment"].body == schemas.by_type["record"].body
    assert schemas.by_type["record"].body == BodySpec(min_words=40)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("  body: 80\n", "x-aims.body must be a mapping"),
        ("  body: {min_words: -1}\n", "x-aims.body.min_words must be a whole number"),
        ("  body: {min_words: true}\n", "x-aims.body.min_words must be a whole number"),
        ("  body: {words: 80}\n", "x-aims.body: unknown key 'words'"),
        ("  body: {sections: Purpose}\n", "x-aims.body.sections must be a list"),
        ("  body: {sections: [{title: Purpose}]}\n", r"x-aims.body.sections\[0\]: unknown key 'title'"),
        ("  body: {sections: [{heading: ''}]}\n", r"x-aims.body.sections\[0\].heading must be a non-empty"),
        ("  body: {sections: [{heading: A, aliases: B}]}\n", r"sections\[0\].aliases must be a list"),
        ("  body: {sections: [{heading: A, min_words: x}]}\n", r"sections\[0\].min_words must be a whole"),
        ("  body: {sections: [Purpose, {heading: Aim, aliases: [purpose]}]}\n", "'purpose' names two"),
        ("  body: {sections: [[Purpose]]}\n", r"sections\[0\] must be a heading or a mapping"),
    ],
)
def test_a_malformed_body_is_a_configuration_error(tmp_path: Path, new: str, message: str) -> None:
    root = new_repo(tmp_path / "repo")
    text = (root / "schemas/policy.schema.yaml").read_text(encoding="utf-8")
    start = text.index("  body:")
    end = text.index("\ntype: object") + 1  # the body block ends the x-aims block
    head = text[:start] + new + text[end:]
    (root / "schemas/policy.schema.yaml").write_text(head, encoding="utf-8")
    with pytest.raises(ConfigError, match="schemas/policy.schema.yaml: .*" + message):
        load_schemas(root, "schemas")
    # On the command line: exit 2 with the message, never a traceback.
    assert main(["check", "--root", str(root), "--today", "2026-12-01"]) == 2


def test_bare_headings_and_defaults(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    _edit(root, "policy.schema.yaml", "    min_words: 150\n    sections:\n      - heading: Purpose\n"
          "        aliases: [Purpose and scope]\n        min_words: 15\n",
          "    sections: [Purpose, Scope]\n")
    body = load_schemas(root, "schemas").by_type["policy"].body
    assert body == BodySpec(0, (BodySection("Purpose"), BodySection("Scope")))


def test_the_test_system_and_the_base_documents_pass_the_body_rules(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo", complete_files())
    body_findings = [f for f in run_lint(root, TODAY).findings if f.rule.startswith("AIMS100")]
    assert body_findings == []


def test_a_new_document_scaffolds_exactly_the_required_headings(tmp_path: Path) -> None:
    """`new` writes each required heading with a placeholder under it: approved as it is,
    every section holds only placeholder text and nothing is missing."""
    root = new_repo(tmp_path / "repo")
    schemas = load_schemas(root, "schemas")
    kinds = ("impact-assessment", "internal-audit", "management-review", "nonconformity", "risk-assessment")
    for kind in kinds:
        title = f"New {kind}"
        args = ["new", "record", title, "--kind", kind, "--root", str(root), "--today", "2026-12-01"]
        assert main(args) == 0
        [path] = list((root / "records").glob(f"*new-{kind}*.md"))
        text = path.read_text(encoding="utf-8")
        body = read_body(text.split("\n---\n", 1)[1], 1)
        spec = schemas.kinds["record"][kind].body
        assert spec is not None
        assert [s.heading for s in body.sections] == [s.heading for s in spec.sections]
        assert all(s.words == 0 and s.placeholders == 1 for s in body.sections), kind
        path.write_text(text.replace("status: draft", "status: approved"), encoding="utf-8")
    findings = run_lint(root, date(2026, 12, 1)).findings
    assert not [f for f in findings if f.rule == "AIMS1001"]
    empty = [f for f in findings if f.rule == "AIMS1002"]
    assert len(empty) == sum(len(schemas.kinds["record"][k].body.sections) for k in kinds)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("2. Individuals and groups (A.5.4)", "individuals and groups"),
        ("  Inputs   (9.3.2) ", "inputs"),
        ("Records:", "records"),
        ("1.2 Steps for each audit", "steps for each audit"),
        ("Cause analysis (13 November 2026, ml-lead)", "cause analysis"),
        ("A. Scope", "scope"),
    ],
)
def test_heading_key(heading: str, key: str) -> None:
    assert heading_key(heading) == key


def test_the_reader_keeps_code_and_html_out_of_placeholders_and_counts_sections() -> None:
    text = (
        "# Title\n\n## Steps\n\n### One\n\nRun `TODO` checks, then *Fill this in*.\n\n"
        "<!-- TBD -->\n\n## Records\n\n    TODO in code\n\nA [TBD](https://example.org/TODO) link.\n"
    )
    body = read_body(text, 10)
    assert [(s.heading, s.level, s.line) for s in body.sections] == [
        ("Steps", 2, 12), ("One", 3, 14), ("Records", 2, 20),
    ]
    assert [(p.text, p.line, p.column) for p in body.placeholders] == [
        ("Fill this in", 16, 26), ("TBD", 24, 4),
    ]
    steps = body.sections[0]
    # "Run `TODO` checks, then" counts; the placeholder does not.
    assert steps.words == 3 and steps.placeholders == 0
