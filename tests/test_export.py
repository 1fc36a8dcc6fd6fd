"""Exports: the SoA as CSV, XLSX and OSCAL (validated with compliance-trestle), schemas as JSON."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from aims_lint.catalog import load_catalog
from aims_lint.cli import main
from aims_lint.export.spreadsheet import COLUMNS
from aims_lint.frontmatter import parse
from tests.complete_aims import EXCLUDED, SOA_PATH, TODAY, complete_files
from tests.conftest import PROJECT, new_repo

DAY = TODAY.isoformat()
CONTROLS = [c.id for c in load_catalog().controls]


@pytest.fixture
def complete(tmp_path: Path) -> Path:
    files = complete_files()
    # A justification a spreadsheet would run as a formula, and text with commas, quotes, newlines.
    files[SOA_PATH] = files[SOA_PATH].replace(
        "  - control: A.10.2\n    applicable: false\n    reasons: [not-relevant]\n"
        "    justification: We build every AI system ourselves and sell none.\n",
        "  - control: A.10.2\n    applicable: false\n    reasons: [not-relevant, business-need]\n"
        '    justification: "=HYPERLINK(\\"http://x\\"), \\"no\\" suppliers\\nsecond line"\n',
    )
    return new_repo(tmp_path / "repo", files)


def export(root: Path, fmt: str, out: Path) -> int:
    return main(["soa", "export", "--format", fmt, "--out", str(out), "--today", DAY, "--root", str(root)])


def test_csv_has_a_header_and_the_38_controls_in_catalog_order(complete: Path, tmp_path: Path) -> None:
    assert export(complete, "csv", tmp_path / "soa.csv") == 0
    raw = (tmp_path / "soa.csv").read_bytes()
    assert raw.startswith(b"control,title,applicable,")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0] == list(COLUMNS)
    assert [r[0] for r in rows[1:]] == CONTROLS and len(rows) == 39
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first == {
        "control": "A.2.2",
        "title": "AI policy",
        "applicable": "yes",
        "reasons": "risk-treatment",
        "justification": "Selected by our AI risk treatment.",
        "implementation": "implemented",
        "implemented_by": "POL-001",
        "same_as": "",  # only an entry of another framework's SoA shares a 42001 control
    }
    excluded = dict(zip(COLUMNS, rows[1 + CONTROLS.index("A.10.2")], strict=True))
    assert excluded["applicable"] == "no" and excluded["reasons"] == "not-relevant; business-need"
    # Formula injection defused; commas, quotes and the newline survive CSV quoting.
    assert excluded["justification"] == '\'=HYPERLINK("http://x"), "no" suppliers\nsecond line'
    assert {r[2] for r in rows[1:]} == {"yes", "no"}
    assert sum(r[2] == "no" for r in rows[1:]) == len(EXCLUDED)


def test_xlsx_opens_with_the_38_controls_as_text(complete: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    assert export(complete, "xlsx", tmp_path / "soa.xlsx") == 0
    sheet = load_workbook(tmp_path / "soa.xlsx").active
    assert sheet is not None and sheet.title == "Statement of Applicability"
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS)
    assert [r[0] for r in rows[1:]] == CONTROLS
    cell = sheet.cell(row=2 + CONTROLS.index("A.10.2"), column=5)
    assert cell.data_type == "s"  # a string, not a formula
    assert cell.value == '=HYPERLINK("http://x"), "no" suppliers\nsecond line'


def test_a_control_missing_from_the_soa_is_listed_as_undecided(tmp_path: Path) -> None:
    files = complete_files()
    files[SOA_PATH] = files[SOA_PATH].replace("  - control: A.3.2\n", "  - control: A.3.99\n")
    root = new_repo(tmp_path / "repo", files)
    assert export(root, "csv", tmp_path / "soa.csv") == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "soa.csv").read_text("utf-8"), newline="")))[1:]
    assert len(rows) == 39  # the 38 controls, then the unknown entry at the end
    assert rows[CONTROLS.index("A.3.2")][1:3] == [
        load_catalog().controls[CONTROLS.index("A.3.2")].title,
        "undecided",
    ]
    assert rows[-1][:3] == ["A.3.99", "(not an Annex A control)", "yes"]


def oscal(root: Path, tmp_path: Path) -> dict[str, Any]:
    assert export(root, "oscal", tmp_path / "ssp.json") == 0
    return json.loads((tmp_path / "ssp.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_oscal_plan_validates_against_the_trestle_models(complete: Path, tmp_path: Path) -> None:
    from trestle.core.duplicates_validator import DuplicatesValidator
    from trestle.core.links_validator import LinksValidator
    from trestle.core.refs_validator import RefsValidator
    from trestle.oscal.ssp import SystemSecurityPlan

    oscal(complete, tmp_path)
    plan = SystemSecurityPlan.oscal_read(tmp_path / "ssp.json")  # the models, strict: extra fields refused
    assert isinstance(plan, SystemSecurityPlan)
    requirements = plan.control_implementation.implemented_requirements
    assert [r.control_id for r in requirements] == CONTROLS
    # trestle's structural checks: unique uuids, roles that exist, links that resolve.
    # (Its profile check needs an OSCAL profile of ISO/IEC 42001, which does not exist.)
    for validator in (DuplicatesValidator(), RefsValidator(), LinksValidator()):
        assert validator.model_is_valid(plan, True, None), type(validator).__name__


def test_the_oscal_check_can_fail(complete: Path, tmp_path: Path) -> None:
    import pydantic
    from trestle.oscal.ssp import SystemSecurityPlan

    ssp = oscal(complete, tmp_path)["system-security-plan"]
    ssp["system-implementation"]["components"][0]["status"] = {"state": "fine"}
    with pytest.raises(pydantic.ValidationError):
        SystemSecurityPlan.model_validate(ssp)


def test_oscal_components_are_the_implementing_documents_with_hashes(complete: Path, tmp_path: Path) -> None:
    ssp = oscal(complete, tmp_path)["system-security-plan"]
    components = {c["uuid"]: c for c in ssp["system-implementation"]["components"]}
    titles = sorted(c["title"] for c in components.values())
    assert titles == ["AI management system", "POL-001 AI policy", "PRO-001 AI risk assessment"]
    resources = {r["uuid"]: r for r in ssp["back-matter"]["resources"]}
    for component in components.values():
        if component["type"] == "this-system":
            continue
        resource = resources[component["links"][0]["href"].removeprefix("#")]
        rlink = resource["rlinks"][0]
        digest = hashlib.sha256((complete / rlink["href"]).read_bytes()).hexdigest()
        assert rlink["hashes"] == [{"algorithm": "SHA-256", "value": digest}]
    by_control = {r["control-id"]: r for r in ssp["control-implementation"]["implemented-requirements"]}
    implemented = by_control["A.2.2"]
    assert [components[b["component-uuid"]]["title"] for b in implemented["by-components"]] == [
        "POL-001 AI policy"
    ]
    assert implemented["by-components"][0]["implementation-status"] == {"state": "implemented"}
    excluded = by_control["A.10.3"]
    assert excluded["by-components"][0]["implementation-status"]["state"] == "not-applicable"
    assert {p["name"]: p["value"] for p in excluded["props"]}["applicable"] == "no"
    assert ssp["import-profile"]["href"].removeprefix("#") in resources


def test_oscal_references_resolve_and_uuids_are_unique(complete: Path, tmp_path: Path) -> None:
    text = json.dumps(oscal(complete, tmp_path))
    ssp = json.loads(text)["system-security-plan"]
    defined = [ssp["uuid"]] + [c["uuid"] for c in ssp["system-implementation"]["components"]]
    defined += [r["uuid"] for r in ssp["back-matter"]["resources"]]
    defined += [r["uuid"] for r in ssp["control-implementation"]["implemented-requirements"]]
    assert len(defined) == len(set(defined))
    components = {c["uuid"] for c in ssp["system-implementation"]["components"]}
    for requirement in ssp["control-implementation"]["implemented-requirements"]:
        for by in requirement.get("by-components", []):
            assert by["component-uuid"] in components
    role_ids = {r["id"] for r in ssp["metadata"]["roles"]}
    for component in ssp["system-implementation"]["components"]:
        for role in component.get("responsible-roles", []):
            assert role["role-id"] in role_ids


def test_oscal_export_is_reproducible(complete: Path, tmp_path: Path) -> None:
    assert oscal(complete, tmp_path / "one") == oscal(complete, tmp_path / "two")


def test_export_without_a_soa_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_repo(tmp_path / "repo")
    assert export(root, "csv", tmp_path / "soa.csv") == 1
    assert "no Statement of Applicability" in capsys.readouterr().err
    assert not (tmp_path / "soa.csv").exists()


def test_csv_goes_to_standard_output_by_default(
    complete: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["soa", "export", "--format", "csv", "--today", DAY, "--root", str(complete)]) == 0
    assert capfdbinary.readouterr().out.count(b"\r\n") == 39


def test_the_projects_own_soa_exports_38_rows(tmp_path: Path) -> None:
    assert export(PROJECT, "csv", tmp_path / "soa.csv") == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "soa.csv").read_text("utf-8"), newline="")))
    assert [r[0] for r in rows[1:]] == CONTROLS


# aims-lint schema


def test_schema_export_writes_one_json_schema_per_type(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path / "out"), "--root", str(PROJECT)]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    kinds = sorted(p.name.removesuffix(".schema.yaml") for p in (PROJECT / "schemas").glob("record-*"))
    types = ("policy", "procedure", "record", "roles", "soa")
    assert names == sorted(f"{t}.schema.json" for t in (*types, *kinds))
    policy = json.loads((tmp_path / "out" / "policy.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(policy)
    front_matter = parse((PROJECT / "tests/rules/base/policies/ai-policy.md").read_bytes(), max_bytes=1 << 20)
    validator = jsonschema.Draft202012Validator(policy, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(front_matter.data)) == []
    assert list(validator.iter_errors({**(front_matter.data or {}), "id": "policy-1"}))


def test_an_exported_kind_schema_resolves_the_common_record_fields_beside_it(tmp_path: Path) -> None:
    # A kind's schema $refs the common record fields; exported, it must name the exported
    # file, so an editor given the folder (here: a registry reading it) can resolve it.
    out = tmp_path / "out"
    assert main(["schema", "--out", str(out), "--root", str(PROJECT)]) == 0
    kind = json.loads((out / "record-nonconformity.schema.json").read_text(encoding="utf-8"))
    assert kind["$ref"] == "record.schema.json#/$defs/record"

    def from_folder(uri: str) -> Resource[Any]:
        return Resource.from_contents(json.loads((out / uri).read_text(encoding="utf-8")), DRAFT202012)

    registry: Registry[Any] = Registry(retrieve=from_folder)  # type: ignore[call-arg]  # attrs field
    formats = jsonschema.FormatChecker()
    validator = jsonschema.Draft202012Validator(kind, registry=registry, format_checker=formats)
    nc = PROJECT / "records/nc-2026-01-unassessed-coding-assistant.md"
    record = parse(nc.read_bytes(), max_bytes=1 << 20)
    assert record.data is not None and record.data["record_kind"] == "nonconformity"
    assert list(validator.iter_errors(record.data)) == []
    # The common fields are enforced through the reference, the kind's own by the file itself.
    assert [e.message for e in validator.iter_errors({**record.data, "retention_years": 0})]
    assert [e.message for e in validator.iter_errors({**record.data, "nc_status": "ajar"})]
    assert main(["schema", "--type", "record-nonconformity", "--root", str(PROJECT)]) == 0
    # An editor that maps every records/*.md to record.schema.json checks each kind's own
    # fields through it too, and still refuses a field no schema declares.
    common = json.loads((out / "record.schema.json").read_text(encoding="utf-8"))
    base = jsonschema.Draft202012Validator(common, registry=registry, format_checker=formats)
    assert list(base.iter_errors(record.data)) == []
    assert [e.message for e in base.iter_errors({**record.data, "nc_status": "ajar"})]
    assert [e.message for e in base.iter_errors({**record.data, "nc_statu": "open"})]


def test_schema_export_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--type", "soa", "--root", str(PROJECT)]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Statement of Applicability" and "entries" in schema["properties"]
    assert main(["schema", "--type", "memo", "--root", str(PROJECT)]) == 2
