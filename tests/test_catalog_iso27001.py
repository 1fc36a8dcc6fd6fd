"""The packaged ISO/IEC 27001:2022 catalog and its crosswalk to ISO/IEC 42001.

The id sets are pinned exactly: clauses 4 to 10, the four Annex A themes and
their 37, 8, 14 and 34 controls. Documented information must name document
types and record kinds the shipped schemas define. Suggestions follow 27001's
own numbering (no reserved x.1, themes A.5 to A.8), and an id past a theme's
last control says where the theme stops. Every crosswalk id resolves in its
catalog on both sides.
"""

from __future__ import annotations

import pytest

from aims_lint.catalog import available, crosswalk, load_catalog
from aims_lint.catalog.crosswalk import RELATIONSHIPS
from aims_lint.schemas import load_schemas
from tests.conftest import PROJECT

FRAMEWORK = "iso27001-2022"
THEMES = {"A.5": ("Organizational controls", 37), "A.6": ("People controls", 8),
          "A.7": ("Physical controls", 14), "A.8": ("Technological controls", 34)}
CONTROLS = [f"{theme}.{n}" for theme, (_, count) in THEMES.items() for n in range(1, count + 1)]
CLAUSES = [
    "4", "4.1", "4.2", "4.3", "4.4", "5", "5.1", "5.2", "5.3",
    "6", "6.1", "6.1.1", "6.1.2", "6.1.3", "6.2", "6.3",
    "7", "7.1", "7.2", "7.3", "7.4", "7.5", "7.5.1", "7.5.2", "7.5.3",
    "8", "8.1", "8.2", "8.3",
    "9", "9.1", "9.2", "9.2.1", "9.2.2", "9.3", "9.3.1", "9.3.2", "9.3.3",
    "10", "10.1", "10.2",
]
# The clauses that ask for documented information (one item or more each).
DOCUMENTED = {"4.3", "5.2", "6.1.2", "6.1.3", "6.2", "7.2", "7.5.1", "8.1", "8.2", "8.3", "9.1", "9.2.2",
              "9.3.3", "10.2"}
# ISO/IEC 42001 controls with no genuine 27001 neighbour: left unmapped on purpose (the file's header).
UNMAPPED_42001 = {"A.4.6", "A.5.2", "A.5.3", "A.5.4", "A.5.5", "A.6.2.3", "A.7.4", "A.7.5", "A.8.2", "A.9.3",
                  "A.10.4"}


# --- the catalog -------------------------------------------------------------------------------

def test_it_loads_through_the_registry() -> None:
    catalog = load_catalog(FRAMEWORK)
    assert FRAMEWORK in available()
    assert (catalog.framework, catalog.title) == (FRAMEWORK, "ISO/IEC 27001:2022")
    assert catalog is load_catalog(FRAMEWORK)
    assert [(k.id, k.cited_in) for k in catalog.kinds] == [
        ("clause", "clauses"), ("theme", None), ("control", "controls")]
    assert catalog.cited("A.5.1", "controls") is catalog.control("A.5.1")
    assert catalog.cited("A.5", "controls") is None  # a theme is no citable control
    assert catalog.cited("6.1.3", "clauses") is catalog.clause("6.1.3")


def test_exactly_93_controls_in_four_themes() -> None:
    catalog = load_catalog(FRAMEWORK)
    assert [c.id for c in catalog.controls] == CONTROLS
    assert len(CONTROLS) == 93
    assert [(t.id, t.title, t.parent) for t in catalog.of_kind("theme")] == [
        (theme, title, None) for theme, (title, _) in THEMES.items()]
    for theme, (_, count) in THEMES.items():
        assert [c.id for c in catalog.controls_of(theme)] == [f"{theme}.{n}" for n in range(1, count + 1)]
    for item in (*catalog.of_kind("theme"), *catalog.controls):
        assert item.title and item.description and item.description != item.title, item.id


@pytest.mark.parametrize(("control", "title"), [
    ("A.5.1", "Policies for information security"), ("A.5.7", "Threat intelligence"),
    ("A.5.23", "Information security for use of cloud services"), ("A.5.34", "Privacy and protection of PII"),
    ("A.5.37", "Documented operating procedures"), ("A.6.8", "Information security event reporting"),
    ("A.7.14", "Secure disposal or re-use of equipment"), ("A.8.1", "User endpoint devices"),
    ("A.8.15", "Logging"), ("A.8.28", "Secure coding"),
    ("A.8.34", "Protection of information systems during audit testing"),
])
def test_short_titles(control: str, title: str) -> None:
    assert load_catalog(FRAMEWORK).control(control).title == title  # type: ignore[union-attr]


def test_every_clause_of_4_to_10_is_listed_once_in_order() -> None:
    catalog = load_catalog(FRAMEWORK)
    assert [c.id for c in catalog.clauses] == CLAUSES
    assert [c.id for c in catalog.top_clauses] == ["4", "5", "6", "7", "8", "9", "10"]
    assert catalog.clause("6.1.4") is None and catalog.clause("8.4") is None  # 42001's alone
    for clause in catalog.clauses:
        assert clause.title and clause.description, clause.id
        assert clause.parent is None or catalog.clause(clause.parent) is not None, clause.id


def test_descriptions_are_not_the_standards_normative_text() -> None:
    # A cheap guard against pasted requirement or control text: ours never says "shall" or "should".
    for item in load_catalog(FRAMEWORK).items:
        words = item.description.lower().split()
        assert "shall" not in words and "should" not in words, item.id


def test_documented_information_refers_to_real_types_and_record_kinds() -> None:
    schemas = load_schemas(PROJECT, "schemas")
    kinds = set(schemas.by_type["record"].field_schema("record_kind")["enum"]) | set(schemas.kinds["record"])
    catalog = load_catalog(FRAMEWORK)
    listed = (*catalog.documented_information, *catalog.expected_evidence)
    assert len(catalog.documented_information) == 17 and len(catalog.expected_evidence) == 2
    assert len({i.id for i in listed}) == len(listed)  # unique within the catalog
    for item in listed:
        assert item.expected_types and set(item.expected_types) <= set(schemas.by_type), item.id
        assert set(item.expected_record_kinds) <= kinds, item.id
        assert not item.expected_record_kinds or "record" in item.expected_types, item.id
    assert {i.clause for i in catalog.documented_information} == DOCUMENTED
    soa = [i for i in catalog.documented_information if i.expected_types == ("soa",)]
    assert [(i.clause, i.id) for i in soa] == [("6.1.3", "isms-statement-of-applicability")]


# --- suggestions and explanations ----------------------------------------------------------------

@pytest.mark.parametrize(("wrong", "meant", "why"), [
    ("A.5.38", "A.5.37", "Annex A theme A.5, Organizational controls, stops at A.5.37"),
    ("A.6.9", "A.6.8", "Annex A theme A.6, People controls, stops at A.6.8"),
    ("A.7.15", "A.7.14", "Annex A theme A.7, Physical controls, stops at A.7.14"),
    ("A.8.35", "A.8.34", "Annex A theme A.8, Technological controls, stops at A.8.34"),
    ("A.5", "A.5.1", "A.5 is a theme, not a control"),
    ("A.9.1", None, "Annex A has no theme A.9; the themes are A.5 to A.8"),
    ("A.12.4.1", None, "Annex A has no theme A.12; the themes are A.5 to A.8"),  # a 27001:2013 id
    ("A.5.1.1", "A.5.1", ""),
    ("A.5.0", "A.5.1", ""),
    ("6.1.4", "6.1.3",
     "clause 6.1, Actions to address risks and opportunities, stops at 6.1.3 in ISO/IEC 27001:2022"),
    ("8.4", "8.3", "clause 8, Operation, stops at 8.3 in ISO/IEC 27001:2022"),
    ("9.2.3", "9.2.2", "clause 9.2, Internal audit, stops at 9.2.2 in ISO/IEC 27001:2022"),
    ("4.3.1", "4.3", ""),
    ("11", "10", ""),
    ("3", "4", ""),
    ("nonsense", None, ""),
])
def test_suggestions_follow_27001_numbering(wrong: str, meant: str | None, why: str) -> None:
    catalog = load_catalog(FRAMEWORK)
    assert catalog.control(wrong) is None and catalog.clause(wrong) is None
    assert (catalog.suggest(wrong), catalog.explain(wrong)) == (meant, why)


def test_past_last_is_silent_without_a_template() -> None:
    # 42001 declares no past_last explanation, so its A.7.7 keeps its old answer (tests/test_catalogs.py).
    iso = load_catalog("iso42001")
    assert (iso.suggest("A.7.7"), iso.explain("A.7.7")) == ("A.7.6", "")


# --- the crosswalk to ISO/IEC 42001 -------------------------------------------------------------

def test_the_crosswalk_ids_resolve_on_both_sides() -> None:
    walk = crosswalk.between("iso42001", FRAMEWORK)
    assert walk is not None and not walk.advisory and walk.sources
    iso42001, iso27001 = load_catalog("iso42001"), load_catalog(FRAMEWORK)
    for m in walk.mappings:
        assert iso42001.get(m.source_id) is not None, m.source_id
        assert iso27001.get(m.target_id) is not None, m.target_id
        assert m.relationship in RELATIONSHIPS and m.rationale and m.source, (m.source_id, m.target_id)
        kinds = (iso42001.get(m.source_id).kind, iso27001.get(m.target_id).kind)  # type: ignore[union-attr]
        assert kinds in {("clause", "clause"), ("control", "control")}, (m.source_id, m.target_id)
    pairs = [(m.source_id, m.target_id) for m in walk.mappings]
    assert len(pairs) == len(set(pairs))


def test_every_42001_clause_is_mapped_and_the_unmapped_controls_are_the_declared_ones() -> None:
    walk = crosswalk.between("iso42001", FRAMEWORK)
    assert walk is not None
    iso42001 = load_catalog("iso42001")
    assert [c.id for c in iso42001.clauses if not walk.of(c.id)] == []
    assert {c.id for c in iso42001.controls if not walk.of(c.id)} == UNMAPPED_42001
    # Twins keep their number, except 42001's impact assessment clauses, which 27001 lacks.
    off = {(m.source_id, m.target_id) for m in walk.mappings
           if iso42001.clause(m.source_id) and m.source_id != m.target_id}
    assert off == {("6.1.4", "6.1.2"), ("8.4", "8.2")}
    assert {m.relationship for m in walk.mappings if m.source_id in {"6.1.4", "8.4"}} == {"related"}
    # No 42001 control is the same as a 27001 one: their subjects differ.
    assert {m.relationship for m in walk.mappings if iso42001.control(m.source_id)} == {"related"}


# The clause twins that are not `equivalent`: where 42001's clause differs in substance (docs/crosswalks.md).
NOT_EQUIVALENT = {
    "4.1": "superset",  # 42001 adds determining the organization's AI roles
    "4.3": "related", "5.2": "related", "6.2": "related",  # scope, policy and objectives of AI
    "6.1.1": "related", "6.1.2": "related", "6.1.3": "related", "8.2": "related", "8.3": "related",
    "6.1.4": "related", "8.4": "related",  # the impact assessment, mapped to the nearest risk clause
    "9.3.2": "subset",  # 27001 adds review inputs
}


def test_clause_relationships_say_where_42001_differs_in_substance() -> None:
    walk = crosswalk.between("iso42001", FRAMEWORK)
    assert walk is not None
    iso42001 = load_catalog("iso42001")
    clauses = {m.source_id: m.relationship for m in walk.mappings if iso42001.clause(m.source_id)}
    assert {c: r for c, r in clauses.items() if r != "equivalent"} == NOT_EQUIVALENT
    equivalent = sum(1 for r in clauses.values() if r == "equivalent")
    assert equivalent == len(iso42001.clauses) - len(NOT_EQUIVALENT)
    counts = {r: sum(1 for m in walk.mappings if m.relationship == r) for r in RELATIONSHIPS}
    assert counts == {"equivalent": 31, "subset": 1, "superset": 1, "related": 45}


@pytest.mark.parametrize(("iso42001", "iso27001"), [
    ("A.2.2", "A.5.1"), ("A.3.2", "A.5.2"), ("A.3.3", "A.6.8"), ("A.6.2.8", "A.8.15"),
    ("A.10.3", "A.5.19"), ("A.10.3", "A.5.22"), ("A.7.2", "A.5.34"), ("6.1.3", "6.1.3"),
])
def test_known_neighbours(iso42001: str, iso27001: str) -> None:
    walk = crosswalk.between("iso42001", FRAMEWORK)
    assert walk is not None and iso27001 in {m.target_id for m in walk.of(iso42001)}


def test_read_backwards_from_27001() -> None:
    back = crosswalk.between(FRAMEWORK, "iso42001")
    assert back is not None and (back.source, back.target) == (FRAMEWORK, "iso42001")
    assert {m.target_id for m in back.of("A.5.1")} == {"A.2.2", "A.2.3", "A.2.4"}
    assert [m.relationship for m in back.of("9.3.2")] == ["superset"]  # 27001 asks for more inputs
    assert [m.relationship for m in back.of("4.1")] == ["subset"]  # 42001 adds the AI roles
    assert [m.relationship for m in back.of("5.2")] == ["related"]
    assert [(w.target, m.target_id) for w, m in crosswalk.neighbours(FRAMEWORK, "A.8.15")] == [
        ("iso42001", "A.6.2.8")]
