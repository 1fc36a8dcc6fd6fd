"""SBOMs read with their formats' maintained libraries: a real CycloneDX SBOM of this test
environment made by cyclonedx-py, a hand-made CycloneDX ML-BOM with a model card, SPDX 2.3
(JSON and tag-value) and SPDX 3.0 JSON-LD documents checked by their libraries first."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import spdx_python_model
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import JsonLikeDictParser
from spdx_tools.spdx.parser.tagvalue.parser import Parser
from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

from aims_lint.ai_usage import sbom
from aims_lint.ai_usage.evidence import Confidence, Kind, Unreadable, Use
from aims_lint.ai_usage.sbom import SbomScanner
from aims_lint.ai_usage.signatures import PackageSignature, Signatures
from tests.ai_usage_files import PACKAGED, run, unreadable, uses

SIGNATURES = Signatures(
    packages={
        (s.ecosystem, s.name): s
        for s in (
            PackageSignature("pypi", "safetensors", "ml-library", "hugging-face", Confidence.MEDIUM),
            PackageSignature("pypi", "onnx", "inference", "", Confidence.MEDIUM),
            PackageSignature("pypi", "openai", "provider-sdk", "openai", Confidence.HIGH),
            PackageSignature("pypi", "torch", "ml-library", "", Confidence.MEDIUM),
            PackageSignature("pypi", "langchain", "llm-framework", "langchain", Confidence.HIGH),
            PackageSignature("npm", "@anthropic-ai/sdk", "provider-sdk", "anthropic", Confidence.HIGH),
        )
    }
)


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only occurrence of `needle` in `text`."""
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


# a real SBOM of this environment ----------------------------------------------------------------


@pytest.fixture(scope="module")
def environment_sbom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sbom") / "environment.cdx.json"
    cyclonedx_py = Path(sys.executable).with_name("cyclonedx-py")
    subprocess.run(
        [
            cyclonedx_py,
            "environment",
            "--sv",
            "1.6",
            "--of",
            "JSON",
            "--output-reproducible",
            "-o",
            out,
            sys.executable,
        ],
        check=True,
        capture_output=True,
    )
    return out


@pytest.mark.slow  # cyclonedx-py inspects every installed distribution
def test_a_real_sbom_of_the_test_environment_shows_its_ml_packages_at_their_lines(
    environment_sbom: Path,
) -> None:
    text = environment_sbom.read_text(encoding="utf-8")
    found = run(SbomScanner(), "sbom/environment.cdx.json", text.encode(), SIGNATURES)
    assert unreadable(found) == []
    data = json.loads(text)
    assert sbom._cyclonedx_schema("1.6").is_valid(data)
    refs = {c["name"].lower(): c["bom-ref"] for c in data["components"]}
    expected = [
        (line_of(text, f'"bom-ref": {json.dumps(refs[name])}'), name, version(name))
        for name in ("onnx", "safetensors")
    ]
    assert sorted((u.line, u.name, u.version) for u in uses(found)) == sorted(expected)
    for use in uses(found):
        assert (use.kind, use.model) == (Kind.SBOM_COMPONENT, "")
        assert use.column == text.splitlines()[use.line - 1].index('"bom-ref"') + 1
        assert use.evidence.startswith("CycloneDX component (")


# a hand-made CycloneDX ML-BOM -------------------------------------------------------------------

ML_BOM: dict[str, Any] = {
    "bomFormat": "CycloneDX",
    "specVersion": "1.6",
    "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
    "version": 1,
    "metadata": {
        "timestamp": "2026-12-02T00:00:00Z",
        "component": {"bom-ref": "app", "type": "application", "name": "triageflow", "version": "4.2"},
    },
    "components": [
        {
            "bom-ref": "model-triage",
            "type": "machine-learning-model",
            "group": "fennwick",
            "name": "triage-classifier",
            "version": "2.1",
            "supplier": {"name": "Fennwick Data Science"},
            "modelCard": {
                "modelParameters": {
                    "approach": {"type": "supervised"},
                    "task": "text-classification",
                    "architectureFamily": "transformer",
                    "modelArchitecture": "DistilBERT",
                    "datasets": [{"type": "dataset", "name": "support-tickets-2025"}],
                },
                "considerations": {
                    "ethicalConsiderations": [
                        {"name": "Tickets may name customers", "mitigationStrategy": "redacted"}
                    ]
                },
            },
        },
        {
            "bom-ref": "pkg:pypi/openai@1.54.0",
            "type": "library",
            "name": "openai",
            "version": "1.54.0",
            "purl": "pkg:pypi/openai@1.54.0",
        },
        {
            "bom-ref": "pkg:npm/%40anthropic-ai/sdk@0.30.0",
            "type": "library",
            "group": "@anthropic-ai",
            "name": "sdk",
            "version": "0.30.0",
            "purl": "pkg:npm/%40anthropic-ai/sdk@0.30.0",
        },
        {"bom-ref": "requests", "type": "library", "name": "requests", "purl": "pkg:pypi/requests@2.32.0"},
    ],
}


def cdx_text(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2)


@pytest.mark.parametrize("spec", ["1.5", "1.6"])
def test_an_ml_bom_shows_its_model_with_the_model_card_and_its_ai_libraries(spec: str) -> None:
    document = {**ML_BOM, "specVersion": spec}
    text = cdx_text(document)
    assert JsonStrictValidator(SchemaVersion.from_version(spec)).validate_str(text) is None
    found = run(SbomScanner(), "ml-bom.cdx.json", text.encode(), SIGNATURES)
    assert unreadable(found) == []
    by_name = {u.name: u for u in uses(found)}
    assert sorted(by_name) == ["@anthropic-ai/sdk", "fennwick/triage-classifier", "openai"]
    model = by_name["fennwick/triage-classifier"]
    assert model.line == line_of(text, '"bom-ref": "model-triage"')
    assert (model.model, model.version, model.provider) == (
        "fennwick/triage-classifier",
        "2.1",
        "Fennwick Data Science",
    )
    assert model.evidence == (
        "machine-learning model CycloneDX component fennwick/triage-classifier 2.1; model card: task "
        "text-classification, architecture family transformer, architecture DistilBERT, approach supervised, "
        "1 dataset, ethical considerations stated"
    )
    openai = by_name["openai"]
    assert (openai.line, openai.provider, openai.confidence) == (
        line_of(text, '"bom-ref": "pkg:pypi/openai@1.54.0"'),
        "openai",
        Confidence.HIGH,
    )
    assert by_name["@anthropic-ai/sdk"].provider == "anthropic"


def test_a_model_without_a_bom_ref_keeps_its_model_card_and_is_placed_by_its_name() -> None:
    document = copy.deepcopy(ML_BOM)
    del document["components"][0]["bom-ref"]
    text = cdx_text(document)
    (model,) = [u for u in uses(run(SbomScanner(), "ml-bom.cdx.json", text.encode(), SIGNATURES)) if u.model]
    assert model.line == line_of(text, '"name": "triage-classifier"')
    assert "model card: task text-classification" in model.evidence


def test_a_model_is_high_confidence_and_supplied_by_its_supplier_whatever_its_purl_matches() -> None:
    document = copy.deepcopy(ML_BOM)
    document["components"][0]["purl"] = "pkg:pypi/torch@2.5.1"  # a medium signature, no provider
    found = uses(run(SbomScanner(), "ml-bom.cdx.json", cdx_text(document).encode(), SIGNATURES))
    (model,) = [u for u in found if u.model]
    assert (model.confidence, model.provider) == (Confidence.HIGH, "Fennwick Data Science")


def test_an_ml_bom_whose_model_card_breaks_the_schema_is_unreadable() -> None:
    document = copy.deepcopy(ML_BOM)
    document["components"][0]["modelCard"]["modelParameters"] = "a transformer"
    found = run(SbomScanner(), "ml-bom.cdx.json", cdx_text(document).encode(), SIGNATURES)
    assert len(found) == 1 and isinstance(found[0], Unreadable)
    assert found[0].message == (
        "CycloneDX 1.6 document fails its JSON schema at components/0/modelCard/modelParameters: "
        '"a transformer" is not of type "object"'
    )
    assert found[0].line == line_of(cdx_text(document), '"bom-ref": "model-triage"')


@pytest.mark.parametrize("spec", ["1.5", "1.6"])
def test_the_quick_schema_check_agrees_with_the_librarys_validator(spec: str) -> None:
    """The schema discovery compiles from the library's files (jsonschema-rs) judges a valid and an
    invalid document as the library's own validator does (installed here through cyclonedx-bom)."""
    quick = sbom._cyclonedx_schema(spec)
    library = JsonStrictValidator(SchemaVersion.from_version(spec))
    good = {**ML_BOM, "specVersion": spec}
    bad = copy.deepcopy(good)
    bad["components"][0]["modelCard"]["modelParameters"] = "a transformer"
    assert quick is not None
    assert (quick.is_valid(good), library.validate_str(cdx_text(good)) is None) == (True, True)
    assert (quick.is_valid(bad), library.validate_str(cdx_text(bad)) is None) == (False, False)


def test_a_cyclonedx_version_without_a_schema_is_unreadable() -> None:
    found = run(SbomScanner(), "bom.json", cdx_text({**ML_BOM, "specVersion": "9.9"}).encode(), SIGNATURES)
    assert [f.message for f in unreadable(found)] == [
        "CycloneDX specVersion '9.9' is not one cyclonedx-python-lib knows"
    ]


# SPDX 2.3 ---------------------------------------------------------------------------------------

SPDX2: dict[str, Any] = {
    "spdxVersion": "SPDX-2.3",
    "dataLicense": "CC0-1.0",
    "SPDXID": "SPDXRef-DOCUMENT",
    "name": "triageflow",
    "documentNamespace": "https://example.org/spdx/triageflow-4.2",
    "creationInfo": {"created": "2026-12-02T00:00:00Z", "creators": ["Tool: hand-made"]},
    "packages": [
        {
            "SPDXID": "SPDXRef-torch",
            "name": "torch",
            "versionInfo": "2.5.1",
            "downloadLocation": "NOASSERTION",
            "primaryPackagePurpose": "LIBRARY",
            "externalRefs": [
                {
                    "referenceCategory": "PACKAGE-MANAGER",
                    "referenceType": "purl",
                    "referenceLocator": "pkg:pypi/torch@2.5.1",
                }
            ],
        },
        {
            "SPDXID": "SPDXRef-langchain",
            "name": "LangChain",
            "versionInfo": "0.3.0",
            "downloadLocation": "NOASSERTION",
        },
        {
            "SPDXID": "SPDXRef-flask",
            "name": "flask",
            "versionInfo": "3.0.0",
            "downloadLocation": "NOASSERTION",
        },
    ],
    "relationships": [
        {
            "spdxElementId": "SPDXRef-DOCUMENT",
            "relationshipType": "DESCRIBES",
            "relatedSpdxElement": "SPDXRef-torch",
        }
    ],
}

SPDX2_TAG_VALUE = """\
SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: triageflow
DocumentNamespace: https://example.org/spdx/triageflow-4.2
Creator: Tool: hand-made
Created: 2026-12-02T00:00:00Z

PackageName: flask
SPDXID: SPDXRef-flask
PackageVersion: 3.0.0
PackageDownloadLocation: NOASSERTION

PackageName: torch
SPDXID: SPDXRef-torch
PackageVersion: 2.5.1
PackageDownloadLocation: NOASSERTION
ExternalRef: PACKAGE-MANAGER purl pkg:pypi/torch@2.5.1

Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-torch
"""


def test_an_spdx_2_3_json_document_shows_packages_by_purl_and_by_name() -> None:
    assert validate_full_spdx_document(JsonLikeDictParser().parse(copy.deepcopy(SPDX2))) == []
    text = json.dumps(SPDX2, indent=2)
    found = run(SbomScanner(), "dist/triageflow.spdx.json", text.encode(), SIGNATURES)
    assert unreadable(found) == []
    assert [(u.name, u.line, u.confidence, u.version) for u in uses(found)] == [
        ("torch", line_of(text, '"SPDXID": "SPDXRef-torch"'), Confidence.MEDIUM, "2.5.1"),
        # no purl: matched by name, at most medium confidence even for a high signature
        ("LangChain", line_of(text, '"SPDXID": "SPDXRef-langchain"'), Confidence.MEDIUM, "0.3.0"),
    ]


def test_an_spdx_2_3_tag_value_document_is_read_too() -> None:
    assert validate_full_spdx_document(Parser(debug=False, write_tables=False).parse(SPDX2_TAG_VALUE)) == []
    found = run(SbomScanner(), "triageflow.spdx", SPDX2_TAG_VALUE.encode(), SIGNATURES)
    assert [(u.name, u.line, u.column) for u in uses(found)] == [
        ("torch", line_of(SPDX2_TAG_VALUE, "SPDXID: SPDXRef-torch"), 1)
    ]


def test_an_spdx_2_3_document_that_fails_validation_is_unreadable() -> None:
    document = copy.deepcopy(SPDX2)
    document["packages"][0]["SPDXID"] = "torch without the prefix"
    text = json.dumps(document, indent=2)
    found = run(SbomScanner(), "bad.spdx.json", text.encode(), SIGNATURES)
    assert len(found) == 1 and isinstance(found[0], Unreadable)
    assert found[0].message.startswith("SPDX document fails validation")
    assert found[0].line == line_of(text, '"SPDXID": "torch without the prefix"') > 1


# SPDX 3.0 ---------------------------------------------------------------------------------------

SPDX3: dict[str, Any] = {
    "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
    "@graph": [
        {
            "type": "CreationInfo",
            "@id": "_:creationinfo",
            "specVersion": "3.0.1",
            "created": "2026-12-02T00:00:00Z",
            "createdBy": ["https://example.org/fennwick#team"],
        },
        {
            "type": "Person",
            "spdxId": "https://example.org/fennwick#team",
            "name": "Fennwick Platform Team",
            "creationInfo": "_:creationinfo",
        },
        {
            "type": "SpdxDocument",
            "spdxId": "https://example.org/fennwick#document",
            "creationInfo": "_:creationinfo",
            "rootElement": ["https://example.org/fennwick#triage-model"],
        },
        {
            "type": "ai_AIPackage",
            "spdxId": "https://example.org/fennwick#triage-model",
            "name": "fennwick/triage-classifier",
            "creationInfo": "_:creationinfo",
            "software_packageVersion": "2.1",
            "software_downloadLocation": "https://example.org/models/triage-classifier",
            "software_primaryPurpose": "model",
            "suppliedBy": "https://example.org/fennwick#team",
            "releaseTime": "2026-11-01T00:00:00Z",
            "ai_typeOfModel": ["text classifier"],
        },
        {
            "type": "dataset_DatasetPackage",
            "spdxId": "https://example.org/fennwick#tickets",
            "name": "support-tickets-2025",
            "creationInfo": "_:creationinfo",
            "software_downloadLocation": "https://example.org/data/tickets",
            "software_primaryPurpose": "data",
            "originatedBy": ["https://example.org/fennwick#team"],
            "builtTime": "2026-10-01T00:00:00Z",
            "releaseTime": "2026-10-01T00:00:00Z",
            "dataset_datasetType": ["text"],
        },
        {
            "type": "software_Package",
            "spdxId": "https://example.org/fennwick#openai",
            "name": "openai",
            "creationInfo": "_:creationinfo",
            "software_packageVersion": "1.54.0",
            "software_packageUrl": "pkg:pypi/openai@1.54.0",
        },
        {
            "type": "software_Package",
            "spdxId": "https://example.org/fennwick#flask",
            "name": "flask",
            "creationInfo": "_:creationinfo",
            "software_packageUrl": "pkg:pypi/flask@3.0.0",
        },
    ],
}


def test_an_spdx_3_document_shows_its_ai_package_dataset_and_ai_libraries() -> None:
    model, objects = spdx_python_model.load_data(copy.deepcopy(SPDX3))
    model.JSONLDSerializer().serialize_data(objects)  # the library accepts it
    text = json.dumps(SPDX3, indent=2)
    found = run(SbomScanner(), "triageflow.spdx3.json", text.encode(), SIGNATURES)
    assert unreadable(found) == []
    got = {u.name: u for u in uses(found)}
    assert sorted(got) == ["fennwick/triage-classifier", "openai", "support-tickets-2025"]
    ai = got["fennwick/triage-classifier"]
    assert (ai.model, ai.version, ai.line) == (
        "fennwick/triage-classifier",
        "2.1",
        line_of(text, '"spdxId": "https://example.org/fennwick#triage-model"'),
    )
    assert ai.evidence.endswith("; type of model text classifier")
    dataset = got["support-tickets-2025"]
    assert (dataset.model, dataset.confidence) == ("", Confidence.MEDIUM)
    assert got["openai"].line == line_of(text, '"spdxId": "https://example.org/fennwick#openai"')


def test_an_spdx_3_document_missing_a_required_property_is_unreadable() -> None:
    document = copy.deepcopy(SPDX3)
    del document["@graph"][3]["creationInfo"]
    found = run(SbomScanner(), "bad.spdx3.json", json.dumps(document).encode(), SIGNATURES)
    assert len(found) == 1 and isinstance(found[0], Unreadable)
    assert found[0].message.startswith("SPDX 3 document is not valid: ValueError: Property 'creationInfo'")


# what is and is not an SBOM ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "content", "message"),
    [
        ("x.cdx.json", b'{"name": "not an sbom"}', "not a CycloneDX or SPDX document"),
        ("x.cdx.json", b"{broken", "SBOM is not valid JSON"),
        ("x.spdx.json", b"\xff\xfe", "SBOM is not UTF-8 text"),
        ("x.spdx", b"hello", "not a CycloneDX or SPDX document"),
    ],
)
def test_a_file_named_as_an_sbom_that_is_none_is_unreadable(path: str, content: bytes, message: str) -> None:
    found = run(SbomScanner(), path, content, SIGNATURES)
    assert len(found) == 1 and isinstance(found[0], Unreadable) and found[0].message.startswith(message)


def test_a_conventional_sbom_name_with_other_json_gives_nothing() -> None:
    assert run(SbomScanner(), "bom.json", b'{"parts": ["bolt", "nut"]}', SIGNATURES) == []


def test_an_sbom_larger_than_discovery_reads_is_unreadable() -> None:
    from aims_lint.ai_usage.scanner import ScannedFile

    file = ScannedFile("big.cdx.json", b"{", size=10**9, complete=False)
    found = list(SbomScanner().scan(file, SIGNATURES))
    assert found == [Unreadable("big.cdx.json", 1, "SBOM of 1000000000 bytes is larger than discovery reads")]


def test_only_sbom_names_are_wanted() -> None:
    scanner = SbomScanner()
    wanted = [
        "a/bom.json",
        "SBOM.JSON",
        "x.cdx.json",
        "x.spdx",
        "x.spdx.json",
        "x.spdx3.json",
        "x.cyclonedx.json",
    ]
    assert [p for p in wanted if not scanner.wants(Path(p), PACKAGED)] == []  # type: ignore[arg-type]
    assert not scanner.wants(Path("package.json"), PACKAGED)  # type: ignore[arg-type]
    assert not scanner.wants(Path("data.json"), PACKAGED)  # type: ignore[arg-type]


def test_uses_are_sbom_components() -> None:
    found = run(SbomScanner(), "ml-bom.cdx.json", cdx_text(ML_BOM).encode(), SIGNATURES)
    assert {u.kind for u in found if isinstance(u, Use)} == {Kind.SBOM_COMPONENT}
