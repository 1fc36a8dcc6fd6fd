"""Issue 16's "done when": a document type added as a schema file only is a first-class citizen.

A temporary copy of the example management system gets `schemas/standard.schema.yaml`
(internal engineering standards, folder `standards/`, ids STD-001...) and two
standards, one of them missing a required field. No Python changes and no
configuration changes: the copy's pyproject.toml is the starter's own. The
standards are then checked, listed in the register, published on a site built
with MkDocs, exported (OSCAL and spreadsheet) and scaffolded by `new standard`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from aims_lint.cli import main
from aims_lint.config import load_settings
from aims_lint.doctypes import BEHAVIOURS, REGISTER_COLUMNS
from aims_lint.engine import lint
from aims_lint.export.spreadsheet import COLUMNS
from aims_lint.frontmatter import parse
from aims_lint.results import Severity
from aims_lint.schemas import X_AIMS_KEYS, load_schemas
from aims_lint.site.render import render_site
from tests.browser.site_repo import TODAY, commit_all, pyproject, render_and_build, starter_repo
from tests.complete_aims import complete_files
from tests.conftest import PROJECT, new_repo

DAY = TODAY.isoformat()
STANDARD_SCHEMA = """\
# Contract for internal engineering standards: how our teams build, test and run AI systems.
$schema: https://json-schema.org/draft/2020-12/schema
title: Engineering standard
x-aims:
  type: standard
  folders: [standards]
  id_prefix: STD
  site_section: Engineering standards
  export_as: standard
  register_columns: [id, title, status, version, owner, applies_to]
type: object
additionalProperties: false
required: [id, title, type, status, version, owner, approver, classification, applies_to]
properties:
  id: {type: string, pattern: "^STD-[0-9]{3}$"}
  title: {type: string, minLength: 3}
  type: {const: standard}
  status: {enum: [draft, approved, retired]}
  version: {type: string, pattern: "^[0-9]+\\\\.[0-9]+$"}
  owner: {type: string}
  approver: {type: string}
  approved_on: {type: string, format: date}
  last_reviewed: {type: string, format: date}
  next_review: {type: string, format: date}
  classification: {enum: [public, internal, confidential]}
  summary: {type: string}
  applies_to:
    type: array
    items: {type: string, minLength: 1}
    minItems: 1
    description: The teams or systems the standard binds.
  clauses: {type: array, items: {type: string}}
  controls: {type: array, items: {type: string}}
  related: {type: array, items: {type: string}}
"""
MODEL_EVALUATION = """\
---
id: STD-001
title: Model evaluation standard
type: standard
status: approved
version: "1.0"
owner: ml-lead
approver: top-management
approved_on: 2026-11-18
last_reviewed: 2026-11-18
next_review: 2027-11-18
classification: public
summary: How every model is evaluated before release.
applies_to: [ml-platform, triageflow]
controls: [A.6.2.4]
---

# Model evaluation standard

Every model is evaluated against a held-out set before it is released.
"""
PROMPT_LOGGING = """\
---
id: STD-002
title: Prompt logging standard
type: standard
status: approved
version: "1.0"
owner: ml-lead
approver: top-management
approved_on: 2026-11-18
classification: public
---

# Prompt logging standard

What is logged of the prompts our assistants receive.
"""
STANDARDS = {
    "schemas/standard.schema.yaml": STANDARD_SCHEMA,
    "standards/model-evaluation.md": MODEL_EVALUATION,
    "standards/prompt-logging.md": PROMPT_LOGGING,  # lacks applies_to, a required field
}
SOA = "policies/statement-of-applicability.md"


def standards_repo(root: Path) -> Path:
    """The example system plus the standard type and its two documents; the SoA cites STD-001."""
    repo = starter_repo(root, extra=STANDARDS)
    assert (repo / "pyproject.toml").read_text(encoding="utf-8") == pyproject()  # the starter's own
    soa = (repo / SOA).read_text(encoding="utf-8")
    cited = "  - control: A.6.2.4\n"
    start = soa.index(cited)
    end = soa.index("implemented_by: [", start) + len("implemented_by: [")
    (repo / SOA).write_text(soa[:end] + "STD-001, " + soa[end:], encoding="utf-8")
    commit_all(repo, "Cite the model evaluation standard in the SoA", "2026-11-19T10:00:00+00:00")
    return repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return standards_repo(tmp_path / "repo")


def test_the_standards_are_checked_and_a_missing_required_field_is_reported(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    standards = str(repo / "standards")
    assert main(["check", standards, "--format", "json", "--today", DAY, "--root", str(repo)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["documents"] == 2  # not "0 documents checked"
    findings = report["findings"]
    lacking = "standards/prompt-logging.md"
    missing = [f for f in findings if f["path"] == lacking and "applies_to" in f["message"]]
    assert [f["severity"] for f in missing] == ["error"]
    complete = "standards/model-evaluation.md"
    assert [f for f in findings if f["path"] == complete and f["severity"] == "error"] == []
    result = lint(load_settings(repo), TODAY)
    assert {"standards/model-evaluation.md", "standards/prompt-logging.md"} <= set(result.checked)


def test_the_standards_are_listed_in_the_register_and_published_on_the_site(repo: Path) -> None:
    assert render_and_build(repo) == 0
    register = (repo / "build/site-src/documents.md").read_text(encoding="utf-8")
    section = register[register.index("## Engineering standards") :]
    assert section.splitlines()[2] == "| Id | Title | Status | Version | Owner | Applies to |"
    row = next(line for line in section.splitlines() if line.startswith("| STD-001 |"))
    assert "ml-platform, triageflow" in row and "(standards/model-evaluation.md)" in row
    # After the built-in types, which keep their order: Policies ... Records, then the new one.
    headings = [line.removeprefix("## ") for line in register.splitlines() if line.startswith("## ")]
    builtin = ["Policies", "Statement of Applicability", "Roles", "Procedures", "Records"]
    assert headings == [*builtin, "Engineering standards"]
    page = (repo / "site/standards/model-evaluation.html").read_text(encoding="utf-8")
    assert "Model evaluation standard" in page and "aims-panel" in page
    built_register = (repo / "site/documents.html").read_text(encoding="utf-8")
    assert 'href="standards/model-evaluation.html"' in built_register
    # The navigation groups documents by folder: the standards get a group of their own.
    nav = yaml.safe_load((repo / "build/site-src.nav.yml").read_text(encoding="utf-8"))["nav"]
    documents = next(item["Documents"] for item in nav if isinstance(item, dict) and "Documents" in item)
    assert {"Standards": ["standards/model-evaluation.md", "standards/prompt-logging.md"]} in documents


def test_a_standard_is_exported_as_an_oscal_standard_and_in_the_spreadsheet(
    repo: Path, tmp_path: Path
) -> None:
    def export(fmt: str) -> Path:
        out = tmp_path / f"soa.{fmt}"
        args = ["--format", fmt, "--out", str(out), "--today", DAY, "--root", str(repo)]
        assert main(["soa", "export", *args]) == 0
        return out

    plan: dict[str, Any] = json.loads(export("oscal").read_text(encoding="utf-8"))["system-security-plan"]
    components = {c["title"]: c for c in plan["system-implementation"]["components"]}
    assert components["STD-001 Model evaluation standard"]["type"] == "standard"
    assert components["POL-006 AI system life cycle policy"]["type"] == "policy"
    rows = list(csv.reader(io.StringIO(export("csv").read_text(encoding="utf-8"), newline="")))
    cited = next(r for r in rows if r[0] == "A.6.2.4")
    assert "STD-001" in cited[COLUMNS.index("implemented_by")].split("; ")
    sheet = load_workbook(export("xlsx")).active
    assert sheet is not None
    by = COLUMNS.index("implemented_by")
    assert any(row[0] == "A.6.2.4" and "STD-001" in str(row[by]) for row in sheet.iter_rows(values_only=True))


def test_new_standard_scaffolds_the_next_id_in_the_standards_folder(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "standard", "Data labelling standard", "--today", DAY, "--root", str(repo)]) == 0
    created = capsys.readouterr().out.strip()
    assert created == "standards/data-labelling-standard.md"
    data = parse((repo / created).read_bytes(), max_bytes=1 << 20).data or {}
    assert data["id"] == "STD-003" and data["type"] == "standard" and data["status"] == "draft"
    assert data["owner"] and data["approver"]
    # What the tool cannot know is a named placeholder, which the check lists as a to-do.
    assert str(data["applies_to"]).startswith("TODO") and str(data["classification"]).startswith("TODO")
    result = lint(load_settings(repo), TODAY, [created])
    todo = {f.message.split("'")[1] for f in result.findings if "placeholder" in f.message}
    assert todo == {"applies_to", "classification"}
    assert all(f.severity is not Severity.ERROR or "placeholder" in f.message for f in result.findings)



# Each piece on its own, in the small test system (no git, no site build).


def small_repo(tmp_path: Path, files: dict[str, str]) -> Path:
    return new_repo(tmp_path / "repo", {**complete_files(), **files})


def schema_like(name: str, old: str, new: str, **more: str) -> str:
    """A project schema with its type (or kind) renamed: behaviour, not name, gives it meaning."""
    text = (PROJECT / "schemas" / name).read_text(encoding="utf-8").replace(old, new)
    for before, after in more.items():
        text = text.replace(before, after)
    return text


def test_adopt_takes_a_new_type_from_its_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = small_repo(tmp_path, {"schemas/standard.schema.yaml": STANDARD_SCHEMA})
    (root / "standards").mkdir()
    (root / "standards/coding.md").write_text("# Coding standard\n\nReview every change.\n", encoding="utf-8")
    assert main(["adopt", str(root / "standards/coding.md"), "--today", DAY, "--root", str(root)]) == 0
    assert "adopted standards/coding.md as standard STD-001" in capsys.readouterr().out
    data = parse((root / "standards/coding.md").read_bytes(), max_bytes=1 << 20).data or {}
    assert data["type"] == "standard" and data["title"] == "Coding standard"
    assert str(data["applies_to"]).startswith("TODO:")


def test_adopt_refuses_a_structured_type_by_its_behaviour_whatever_its_name(tmp_path: Path) -> None:
    renamed = schema_like("soa.schema.yaml", "type: soa", "type: applicability", **{
        "{const: soa}": "{const: applicability}", "folders: [policies]": "folders: [applicability]",
    })
    root = small_repo(tmp_path, {"schemas/applicability.schema.yaml": renamed})
    (root / "policies/steps.md").write_text("# Steps\n", encoding="utf-8")
    args = ["--today", DAY, "--root", str(root)]
    assert main(["adopt", "--type", "applicability", str(root / "policies/steps.md"), *args]) == 2
    assert (root / "policies/steps.md").read_bytes() == b"# Steps\n"


def test_a_renamed_inventory_kind_is_named_like_an_inventory_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kind = schema_like("record-ai-system.schema.yaml", "ai-system", "ai-asset", **{
        "behaviour: ai-asset": "behaviour: ai-system",
    })
    root = small_repo(tmp_path, {"schemas/record-ai-asset.schema.yaml": kind})
    args = ["--today", DAY, "--root", str(root)]
    assert main(["new", "record", "Chat helper", "--kind", "ai-asset", *args]) == 0
    assert capsys.readouterr().out.strip() == "records/chat-helper.md"  # no year: an entry lasts
    assert main(["new", "record", "Chat helper", "--kind", "training", *args]) == 0
    assert capsys.readouterr().out.strip() == f"records/{TODAY.year}-chat-helper.md"


def test_new_takes_the_id_prefix_when_the_pattern_gives_no_width(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = STANDARD_SCHEMA.replace('"^STD-[0-9]{3}$"', '"^STD-[0-9]+$"')
    root = small_repo(tmp_path, {"schemas/standard.schema.yaml": schema})
    assert main(["new", "standard", "Logging", "--today", DAY, "--root", str(root)]) == 0
    created = capsys.readouterr().out.strip()
    assert (parse((root / created).read_bytes(), max_bytes=1 << 20).data or {})["id"] == "STD-001"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"export_as: standard": "export_as: memo"}, "export_as 'memo' is not an OSCAL component type"),
        ({"applies_to]\ntype": "reviewers]\ntype"}, "register_columns names 'reviewers'"),
    ],
)
def test_a_schema_naming_what_cannot_be_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict[str, str], message: str
) -> None:
    schema = STANDARD_SCHEMA
    for before, after in change.items():
        schema = schema.replace(before, after)
    assert schema != STANDARD_SCHEMA
    root = small_repo(tmp_path, {"schemas/standard.schema.yaml": schema})
    assert main(["check", "--today", DAY, "--root", str(root)]) == 2
    assert message in capsys.readouterr().err


def test_the_default_register_columns_are_the_usual_ones_the_schema_declares(tmp_path: Path) -> None:
    schema = re.sub(r"  register_columns: .*\n", "", STANDARD_SCHEMA)
    schema = schema.replace('  version: {type: string, pattern: "^[0-9]+\\\\.[0-9]+$"}\n', "")
    root = small_repo(tmp_path, {"schemas/standard.schema.yaml": schema.replace("version, ", "")})
    standard = load_schemas(root, "schemas").by_type["standard"]
    assert standard.register_columns == ("id", "title", "status", "owner", "next_review")
    assert load_schemas(root, "schemas").by_type["policy"].register_columns == REGISTER_COLUMNS


def test_documents_md_documents_every_x_aims_key_and_every_behaviour() -> None:
    text = (PROJECT / "docs/documents.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip() for line in text.splitlines() if line.startswith("| `")}
    assert {f"`{key}`" for key in X_AIMS_KEYS} <= rows
    assert {f"`{name}`" for name in BEHAVIOURS} <= rows
    assert "## Add a document type" in text and "record-KIND.schema.yaml" in text


def test_a_register_column_never_names_a_withheld_document(tmp_path: Path) -> None:
    """`register_columns` may show any field; one citing a confidential record (by id or path)
    shows the rest of its value on a public register, never the confidential one."""
    schema = STANDARD_SCHEMA.replace("owner, applies_to]", "owner, summary, related]")
    related = "controls: [A.6.2.4]\nrelated: [REC-051, POL-001]"
    cited = MODEL_EVALUATION.replace("controls: [A.6.2.4]", related).replace(
        "summary: How every model is evaluated before release.", "summary: records/competence-matrix-2026.md"
    )
    root = starter_repo(tmp_path / "repo", extra={
        **STANDARDS, "schemas/standard.schema.yaml": schema, "standards/model-evaluation.md": cited,
    })
    settings = load_settings(root, {"audience": "public"})
    render_site(settings, TODAY, root / "site-src")
    register = (root / "site-src" / "documents.md").read_text(encoding="utf-8")
    [row] = [line for line in register.splitlines() if line.startswith("| STD-001 ")]
    # An id column links as the panel does: the published document, never the withheld one.
    assert row.endswith("| [POL-001](policies/ai-policy.md) |") and "REC-051" not in register
    # Any other column: a value naming a withheld document is replaced by the note.
    assert "competence-matrix" not in register and "not published for this audience" in row


def test_the_build_says_which_errors_its_audience_is_not_shown(tmp_path: Path) -> None:
    """Every error still fails the strict build; the message no longer says a withheld
    document's error is "listed on the affected pages", where this audience cannot find it."""
    hidden = PROMPT_LOGGING.replace("classification: public", "classification: confidential")
    root = starter_repo(tmp_path / "repo", extra={**STANDARDS, "standards/prompt-logging.md": hidden})
    public = render_site(load_settings(root, {"audience": "public"}), TODAY, root / "public-src")
    every = render_site(load_settings(root, {"audience": "all"}), TODAY, root / "all-src")
    assert "the check found 1 error(s); 0 listed on the affected pages, the rest in documents this " \
        "audience is not shown" in public.problems
    assert "the check found 1 error(s); they are listed on the affected pages" in every.problems
