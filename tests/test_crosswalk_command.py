"""`aims-lint crosswalk FROM TO`: the text, JSON, CSV and OSCAL renderings, and its usage errors.

The renderings are tested on a crosswalk built here (ISO/IEC 42001 to a small
made-up catalog under NIST's framework id, with made-up titles), so they hold
whatever data ships. The command itself runs through `aims_lint.cli.main`
(and once as the installed console script) over every packaged crosswalk, in
both directions and every format. OSCAL output is parsed with
compliance-trestle's models (`trestle.oscal.mapping`, OSCAL 1.2.1).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aims_lint import __version__
from aims_lint.catalog import load_catalog
from aims_lint.catalog import loader as catalog_loader
from aims_lint.catalog.crosswalk import Crosswalk, available, between, build
from aims_lint.catalog.frameworks import ids
from aims_lint.cli import main
from aims_lint.export.crosswalk_table import ADVISORY, COLUMNS, rows, to_csv, to_json, to_text
from aims_lint.export.oscal import NS
from aims_lint.export.oscal_mapping import OSCAL_VERSION, to_oscal_mapping

DAY = date(2026, 12, 2)
# OSCAL 1.2.1's allowed relationship tokens (oscal_mapping-common metaschema, `relationship`).
OSCAL_TOKENS = {"equivalent-to", "equal-to", "subset-of", "superset-of", "intersects-with", "no-relationship"}
DEMO = catalog_loader.build({
    "framework": "nist-ai-rmf-1.0", "title": "Demo catalog",
    "kinds": [{"id": "function"}, {"id": "category"}, {"id": "subcategory", "cited_in": "controls"}],
    "items": [
        {"id": "DEMO", "kind": "function", "title": "Demo function"},
        {"id": "DEMO-1", "kind": "category", "title": "First demo category", "parent": "DEMO"},
        {"id": "DEMO-1.1", "kind": "subcategory", "title": "Demo one one", "parent": "DEMO-1"},
        {"id": "DEMO-1.2", "kind": "subcategory", "title": "Demo one two", "parent": "DEMO-1"},
        {"id": "DEMO-2", "kind": "category", "title": "Second demo category", "parent": "DEMO"},
        {"id": "DEMO-2.1", "kind": "subcategory", "title": "Demo two one", "parent": "DEMO-2"},
    ],
})
RAW: dict[str, Any] = {
    "source": "iso42001", "target": "nist-ai-rmf-1.0", "title": "Demo crosswalk", "advisory": False,
    "sources": ["A made-up reference", "Another one"], "source_reference": "our analysis",
    # Out of order on purpose: rows follow the catalogs (A.2.2 < A.6.2.4 < A.10.2), not the file.
    "mappings": [
        {"from": "A.10.2", "to": "DEMO-1.1", "relationship": "superset",
         "rationale": "=Looks like a formula."},
        {"from": "A.6.2.4", "to": "DEMO-2.1", "relationship": "subset", "rationale": "Testing, in part."},
        {"from": "A.2.2", "to": "DEMO-1.2", "relationship": "equivalent", "rationale": "Same aim.",
         "source": "a made-up crosswalk"},
        {"from": "A.2.2", "to": "DEMO-1.1", "relationship": "related", "rationale": "  Some overlap.  "},
    ],
}
WALK = build(RAW)
ADVISORY_WALK = replace(WALK, advisory=True)
ORDER = [("A.2.2", "DEMO-1.1"), ("A.2.2", "DEMO-1.2"), ("A.6.2.4", "DEMO-2.1"), ("A.10.2", "DEMO-1.1")]


def oscal(walk: Crosswalk = WALK, today: date = DAY) -> dict[str, Any]:
    iso = load_catalog()
    source, target = (iso, DEMO) if walk.source == "iso42001" else (DEMO, iso)
    text = to_oscal_mapping(walk, rows(walk, source, target), source, target, today, __version__)
    payload: dict[str, Any] = json.loads(text)
    return payload


def demo_rows(walk: Crosswalk = WALK) -> Any:
    return rows(walk, load_catalog(), DEMO)


# --- rows ----------------------------------------------------------------------------------------


def test_rows_are_in_catalog_order_with_cited_ids_and_titles_from_both_catalogs() -> None:
    found = demo_rows()
    assert [(r.from_local, r.to_local) for r in found] == ORDER
    first = found[0]
    assert (first.from_id, first.from_title, first.to_id, first.to_title) == (
        "A.2.2", "AI policy", "NIST-AI-RMF:DEMO-1.1", "Demo one one")
    assert first.rationale == "Some overlap."  # stripped
    assert [r.source for r in found] == [
        "our analysis", "a made-up crosswalk", "our analysis", "our analysis"]
    assert demo_rows(replace(WALK, mappings=WALK.mappings[::-1])) == found  # file order does not matter


def test_read_backwards_subset_and_superset_swap_and_the_other_side_is_cited() -> None:
    back = WALK.reversed()
    found = rows(back, DEMO, load_catalog())
    assert [(r.from_id, r.relationship, r.to_id) for r in found] == [
        ("NIST-AI-RMF:DEMO-1.1", "related", "A.2.2"), ("NIST-AI-RMF:DEMO-1.1", "subset", "A.10.2"),
        ("NIST-AI-RMF:DEMO-1.2", "equivalent", "A.2.2"), ("NIST-AI-RMF:DEMO-2.1", "superset", "A.6.2.4")]


def test_read_backwards_the_title_names_the_reverse_direction() -> None:
    # no reverse_title in the data: derived from the framework table
    assert WALK.reversed().title == "NIST AI RMF 1.0 to ISO/IEC 42001:2023"
    twice = WALK.reversed().reversed()
    assert (twice.source, twice.target, twice.title, twice.mappings) == (
        WALK.source, WALK.target, WALK.title, WALK.mappings)
    named = build({**RAW, "reverse_title": "Demo crosswalk, backwards"})
    assert (named.reversed().title, named.reversed().reversed().title) == (
        "Demo crosswalk, backwards", "Demo crosswalk")


@pytest.mark.parametrize(("source", "target"), available())
def test_every_packaged_crosswalk_read_backwards_is_titled_for_its_direction(
    source: str, target: str
) -> None:
    forward, back = between(source, target), between(target, source)
    assert forward is not None and back is not None
    assert back.title != forward.title
    # each title starts with the framework it reads from (the catalog's short name)
    first = {"iso42001": "ISO/IEC 42001", "iso27001-2022": "ISO/IEC 27001", "nist-ai-rmf-1.0": "NIST AI RMF",
             "eu-ai-act": "The EU AI Act"}
    assert forward.title.startswith(first[source]) and back.title.startswith(first[target]), back.title
    text = to_text(back, rows(back, load_catalog(target), load_catalog(source)))
    assert text.splitlines()[0] == back.title
    assert [m.relationship for m in back.mappings] == [
        {"subset": "superset", "superset": "subset"}.get(m.relationship, m.relationship)
        for m in forward.mappings]


# --- text, JSON, CSV -------------------------------------------------------------------------------


def test_text_is_a_table_with_the_title_and_a_legend() -> None:
    text = to_text(WALK, demo_rows())
    lines = text.splitlines()
    assert lines[:3] == [
        "Demo crosswalk",
        "ISO/IEC 42001:2023 (iso42001) -> NIST AI RMF 1.0 (nist-ai-rmf-1.0): 4 mapping(s)",
        "",
    ]
    assert lines[3].split() == ["FROM", "FROM", "TITLE", "RELATIONSHIP", "TO", "TO", "TITLE"]
    assert lines[4].split("  ")[0] == "A.2.2"
    assert [line.split()[0] for line in lines[4:8]] == ["A.2.2", "A.2.2", "A.6.2.4", "A.10.2"]
    # columns line up: every row's relationship starts where the header's does
    column = lines[3].index("RELATIONSHIP")
    assert [line[column:].split()[0] for line in lines[4:8]] == [
        "related", "equivalent", "subset", "superset"]
    assert "equivalent: both ask for the same thing" in lines
    assert lines[-4:] == ["", "Checked against:", "- A made-up reference", "- Another one"]
    assert not any(line != line.rstrip() for line in lines)
    assert "ADVISORY" not in text


def test_an_advisory_crosswalk_says_so_in_text() -> None:
    lines = to_text(ADVISORY_WALK, demo_rows(ADVISORY_WALK)).splitlines()
    assert lines[2] == ADVISORY
    assert "not as evidence" in ADVISORY


def test_json_has_the_crosswalk_and_every_mapping_with_cited_ids() -> None:
    payload = json.loads(to_json(WALK, demo_rows()))
    assert list(payload) == ["source", "target", "title", "advisory", "sources", "mappings"]
    assert (payload["source"], payload["target"]) == ("iso42001", "nist-ai-rmf-1.0")
    assert payload["advisory"] is False
    assert payload["sources"] == ["A made-up reference", "Another one"]
    assert payload["mappings"][1] == {
        "from": "A.2.2", "from_title": "AI policy", "to": "NIST-AI-RMF:DEMO-1.2", "to_title": "Demo one two",
        "relationship": "equivalent", "rationale": "Same aim.", "source": "a made-up crosswalk"}
    assert [m["to"] for m in payload["mappings"]] == [f"NIST-AI-RMF:{t}" for _, t in ORDER]
    assert json.loads(to_json(ADVISORY_WALK, demo_rows()))["advisory"] is True


def test_csv_has_the_json_columns_and_no_formulas() -> None:
    text = to_csv(demo_rows())
    assert text.endswith("\r\n")
    table = list(csv.reader(io.StringIO(text)))
    assert tuple(table[0]) == COLUMNS == ("from", "from_title", "to", "to_title", "relationship", "rationale",
                                          "source")
    assert [(r[0], r[2]) for r in table[1:]] == [(f, f"NIST-AI-RMF:{t}") for f, t in ORDER]
    assert table[4][5] == "'=Looks like a formula."  # a spreadsheet shows it as text


# --- OSCAL ---------------------------------------------------------------------------------------


def test_oscal_is_a_mapping_collection_that_trestle_validates_and_round_trips() -> None:
    from trestle.core.duplicates_validator import DuplicatesValidator
    from trestle.core.links_validator import LinksValidator
    from trestle.core.refs_validator import RefsValidator
    from trestle.oscal import OSCAL_VERSION as TRESTLE_OSCAL
    from trestle.oscal.mapping import MappingCollection

    payload = oscal()
    model = MappingCollection.model_validate(payload["mapping-collection"])  # strict: extra fields refused
    assert json.loads(model.oscal_serialize_json(pretty=True, wrapped=True)) == payload  # nothing lost
    assert OSCAL_VERSION == TRESTLE_OSCAL == payload["mapping-collection"]["metadata"]["oscal-version"]
    for validator in (DuplicatesValidator(), RefsValidator(), LinksValidator()):
        assert validator.model_is_valid(model, True, None), type(validator).__name__


def test_the_oscal_check_can_fail() -> None:
    import pydantic
    from trestle.oscal.mapping import MappingCollection

    collection = oscal()["mapping-collection"]
    del collection["provenance"]["method"]
    with pytest.raises(pydantic.ValidationError):
        MappingCollection.model_validate(collection)


def test_oscal_maps_use_oscals_tokens_ids_and_rationale() -> None:
    collection = oscal()["mapping-collection"]
    (mapping,) = collection["mappings"]
    maps = mapping["maps"]
    assert [(m["sources"][0]["id-ref"], m["targets"][0]["id-ref"]) for m in maps] == ORDER
    assert [m["relationship"] for m in maps] == [
        "intersects-with", "equivalent-to", "subset-of", "superset-of"]
    assert {m["relationship"] for m in maps} <= OSCAL_TOKENS
    assert [m["remarks"] for m in maps] == ["Some overlap.", "Same aim.", "Testing, in part.",
                                            "=Looks like a formula."]
    assert maps[0]["targets"][0]["props"][0]["value"] == "NIST-AI-RMF:DEMO-1.1"  # as a document cites it
    assert {"name": "mapping-source", "ns": NS, "value": "a made-up crosswalk"} in maps[1]["props"]
    back = oscal(WALK.reversed())["mapping-collection"]["mappings"][0]["maps"]
    assert [(m["sources"][0]["id-ref"], m["relationship"], m["targets"][0]["id-ref"]) for m in back] == [
        ("DEMO-1.1", "intersects-with", "A.2.2"), ("DEMO-1.1", "subset-of", "A.10.2"),
        ("DEMO-1.2", "equivalent-to", "A.2.2"), ("DEMO-2.1", "superset-of", "A.6.2.4")]
    resources = {r["uuid"]: r for r in collection["back-matter"]["resources"]}
    assert resources[mapping["source-resource"]["href"][1:]]["title"] == "ISO/IEC 42001:2023"
    assert resources[mapping["target-resource"]["href"][1:]]["title"] == "Demo catalog"
    cited = [resources[link["href"][1:]]["title"] for link in collection["provenance"]["links"]]
    assert cited == ["A made-up reference", "Another one"]


def test_oscal_values_are_among_the_metaschemas_allowed_values() -> None:
    """OSCAL's allowed values live in its metaschema constraints, which the JSON models do not check."""
    collection = oscal()["mapping-collection"]
    provenance, (mapping,) = collection["provenance"], collection["mappings"]
    assert provenance["method"] in {"human", "automation", "hybrid"}
    assert provenance["matching-rationale"] in {"syntactic", "semantic", "functional"}
    assert provenance["status"] in {"complete", "not-complete", "draft", "deprecated", "superseded"}
    assert provenance["confidence-score"]["category"] in {"unspecified", "high", "medium", "low"}
    assert {mapping["source-resource"]["type"], mapping["target-resource"]["type"]} <= {"catalog", "profile"}
    items = [item for m in mapping["maps"] for item in (*m["sources"], *m["targets"])]
    assert {item["type"] for item in items} <= {"control", "statement"}


def test_oscal_provenance_and_metadata() -> None:
    collection = oscal()["mapping-collection"]
    provenance, metadata = collection["provenance"], collection["metadata"]
    assert (provenance["method"], provenance["matching-rationale"], provenance["status"]) == (
        "human", "semantic", "complete")
    assert provenance["confidence-score"] == {"category": "medium"}
    assert provenance["mapping-description"].startswith(
        "How the items of ISO/IEC 42001:2023 (iso42001) relate to those of Demo catalog (nist-ai-rmf-1.0), ")
    assert metadata["last-modified"] == "2026-12-02T00:00:00+00:00"
    assert (metadata["title"], metadata["version"]) == ("Demo crosswalk", __version__)
    assert {"name": "advisory", "ns": NS, "value": "false"} in provenance["props"]
    assert "remarks" not in provenance


def test_an_advisory_crosswalk_says_so_in_oscal() -> None:
    collection = oscal(ADVISORY_WALK)["mapping-collection"]
    assert collection["metadata"]["title"] == "Demo crosswalk (advisory)"
    titled = replace(ADVISORY_WALK, title="Demo crosswalk, advisory only")
    assert oscal(titled)["mapping-collection"]["metadata"]["title"] == "Demo crosswalk, advisory only"
    assert collection["provenance"]["remarks"] == ADVISORY
    assert collection["provenance"]["confidence-score"] == {"category": "low"}
    for holder in (collection["metadata"], collection["provenance"], collection["mappings"][0]):
        assert {"name": "advisory", "ns": NS, "value": "true"} in holder["props"]


def test_oscal_uuids_are_stable_and_the_collections_changes_with_its_content() -> None:
    first, again = oscal()["mapping-collection"], oscal()["mapping-collection"]
    assert first == again
    later = oscal(today=date(2027, 1, 5))["mapping-collection"]
    assert later["metadata"]["last-modified"] == "2027-01-05T00:00:00+00:00"
    assert later["uuid"] == first["uuid"]  # the same content on another day
    reworded = {**RAW["mappings"][1], "rationale": "Reworded."}
    edited = build({**RAW, "mappings": [reworded, *RAW["mappings"][2:]]})
    changed = oscal(edited)["mapping-collection"]
    assert changed["uuid"] != first["uuid"]
    assert changed["mappings"][0]["uuid"] == first["mappings"][0]["uuid"]  # the same mapping, revised
    kept = {m["uuid"] for m in changed["mappings"][0]["maps"]}
    assert kept < {m["uuid"] for m in first["mappings"][0]["maps"]}  # a map keeps its uuid
    every = [first["uuid"], first["mappings"][0]["uuid"], *(m["uuid"] for m in first["mappings"][0]["maps"]),
             *(r["uuid"] for r in first["back-matter"]["resources"])]
    assert len(set(every)) == len(every)


# --- the command ---------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["crosswalk", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def _outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command reads packaged data only: it runs anywhere."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.mark.parametrize("args", [("iso9001", "iso42001"), ("iso42001", "ISO27001")])
def test_an_unknown_framework_exits_2_listing_the_frameworks(
    capsys: pytest.CaptureFixture[str], args: tuple[str, str]
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    wrong = next(a for a in args if a not in ids())
    assert f"unknown framework '{wrong}'" in err and f" known: {', '.join(ids())}" in err


@pytest.mark.parametrize(("wrong", "meant"), [("iso27001", "iso27001-2022"), ("ISO27001", "iso27001-2022"),
                                              ("nist", "nist-ai-rmf-1.0"), ("eu-ai-akt", "eu-ai-act")])
def test_a_mistyped_framework_gets_the_id_it_meant(
    capsys: pytest.CaptureFixture[str], wrong: str, meant: str
) -> None:
    code, out, err = run(capsys, "iso42001", wrong)
    assert (code, out) == (2, "")
    assert f"unknown framework '{wrong}'; did you mean '{meant}'?" in err


def test_the_same_framework_twice_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "iso27001-2022", "iso27001-2022")
    assert (code, out) == (2, "")
    assert "FROM and TO are both 'iso27001-2022'" in err


def test_a_pair_without_a_crosswalk_exits_2_listing_the_pairs(capsys: pytest.CaptureFixture[str]) -> None:
    assert between("nist-ai-rmf-1.0", "eu-ai-act") is None  # ours map to ISO/IEC 42001 only
    code, out, err = run(capsys, "nist-ai-rmf-1.0", "eu-ai-act")
    assert (code, out) == (2, "")
    assert "no crosswalk between nist-ai-rmf-1.0 and eu-ai-act; available: " in err
    for a, b in available():
        assert f"{a} {b} (or {b} {a})" in err


def test_a_bad_format_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "iso42001", "eu-ai-act", "--format", "xml")
    assert code == 2
    assert "'xml' is not one of" in err


PAIRS = [pair for a, b in available() for pair in ((a, b), (b, a))]


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_every_packaged_crosswalk_prints_in_every_format_both_ways(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: str, target: str
) -> None:
    from trestle.core.duplicates_validator import DuplicatesValidator
    from trestle.core.links_validator import LinksValidator
    from trestle.core.refs_validator import RefsValidator
    from trestle.oscal.mapping import MappingCollection

    walk = between(source, target)
    assert walk is not None and walk.mappings
    code, text, _ = run(capsys, source, target)
    assert code == 0 and text.splitlines()[0] == walk.title
    assert (ADVISORY in text) is walk.advisory
    code, out, _ = run(capsys, source, target, "--format", "json")
    payload = json.loads(out)
    assert code == 0 and (payload["source"], payload["target"]) == (source, target)
    assert len(payload["mappings"]) == len(walk.mappings)
    assert all(m["from_title"] and m["to_title"] for m in payload["mappings"])  # every id has a title
    code, out, _ = run(capsys, source, target, "--format", "csv")
    table = list(csv.reader(io.StringIO(out)))
    assert code == 0 and [r[0] for r in table[1:]] == [m["from"] for m in payload["mappings"]]
    code, out, _ = run(capsys, source, target, "--format", "oscal", "--today", "2026-12-02")
    (tmp_path / "mapping.json").write_text(out, encoding="utf-8")
    collection = MappingCollection.oscal_read(tmp_path / "mapping.json")
    assert isinstance(collection, MappingCollection)
    for validator in (DuplicatesValidator(), RefsValidator(), LinksValidator()):
        assert validator.model_is_valid(collection, True, None), type(validator).__name__
    assert code == 0 and len(collection.mappings[0].maps) == len(walk.mappings)  # type: ignore[union-attr]
    assert {m.relationship for m in collection.mappings[0].maps} <= OSCAL_TOKENS  # type: ignore[union-attr]
    again = run(capsys, source, target, "--format", "oscal", "--today", "2026-12-02")[1]
    assert again == out  # deterministic


@pytest.mark.parametrize(("source", "target"), PAIRS[:1])
def test_the_oscal_day_comes_from_today_else_source_date_epoch(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, source: str, target: str
) -> None:
    def modified(*args: str) -> str:
        code, out, _ = run(capsys, source, target, "--format", "oscal", *args)
        assert code == 0
        value: str = json.loads(out)["mapping-collection"]["metadata"]["last-modified"]
        return value

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01T00:00:00Z
    assert modified() == "2027-01-01T00:00:00+00:00"
    assert modified("--today", "2026-12-02") == "2026-12-02T00:00:00+00:00"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert modified() == f"{date.today().isoformat()}T00:00:00+00:00"


@pytest.mark.parametrize(("source", "target"), PAIRS[:1])
def test_the_console_script_prints_a_crosswalk(tmp_path: Path, source: str, target: str) -> None:
    script = shutil.which("aims-lint", path=os.path.dirname(sys.executable))
    assert script is not None
    done = subprocess.run([script, "crosswalk", source, target, "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["target"] == target
