"""The NIST AI RMF 1.0 catalog and its crosswalk from ISO/IEC 42001, held to the framework's numbering.

The id sets are written out here by hand from the AI RMF Core (NIST AI 100-1, Tables 1-4), so a
missing, extra or renumbered item in the data file fails a test. The crosswalk is checked from
both sides: every id it names is an item of its catalog, and every subcategory has a 42001
neighbour.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from aims_lint.catalog import Catalog, available, load_catalog, read_catalog
from aims_lint.catalog.crosswalk import RELATIONSHIPS, between
from aims_lint.catalog.frameworks import FRAMEWORKS, qualified

NIST = "nist-ai-rmf-1.0"
# subcategories per category, as the AI RMF Core numbers them
SHAPE = {
    "GOVERN": (7, 3, 2, 3, 2, 2),
    "MAP": (6, 3, 5, 2, 2),
    "MEASURE": (3, 13, 3, 3),
    "MANAGE": (4, 4, 2, 3),
}
FUNCTIONS = ["GOVERN", "MAP", "MEASURE", "MANAGE"]
THE_FUNCTIONS = "the functions are GOVERN, MAP, MEASURE and MANAGE"
CATEGORIES = [f"{f}-{c}" for f, counts in SHAPE.items() for c in range(1, len(counts) + 1)]
SUBCATEGORIES = [
    f"{f}-{c}.{s}" for f, counts in SHAPE.items() for c, n in enumerate(counts, 1) for s in range(1, n + 1)
]


@pytest.fixture(scope="module")
def nist() -> Catalog:
    return load_catalog(NIST)


def test_the_catalog_is_packaged_under_the_framework_id_of_the_prefix_table(nist: Catalog) -> None:
    assert NIST in available()
    row = next(f for f in FRAMEWORKS if f.id == NIST)
    assert (nist.framework, nist.title) == (NIST, row.title) == (NIST, "NIST AI RMF 1.0")
    assert not row.certifiable
    assert qualified(NIST, "GOVERN-1.1") == "NIST-AI-RMF:GOVERN-1.1"


def test_exact_id_sets_four_functions_19_categories_72_subcategories(nist: Catalog) -> None:
    assert [i.id for i in nist.of_kind("function")] == FUNCTIONS
    assert [i.id for i in nist.of_kind("category")] == CATEGORIES
    assert [i.id for i in nist.of_kind("subcategory")] == SUBCATEGORIES
    assert (len(CATEGORIES), len(SUBCATEGORIES)) == (19, 72)
    assert len(nist.items) == 4 + 19 + 72  # nothing else in the file


@pytest.mark.parametrize(("function", "per_function"), [("GOVERN", 19), ("MAP", 18), ("MEASURE", 22),
                                                        ("MANAGE", 13)])
def test_subcategories_per_function_and_per_category(nist: Catalog, function: str, per_function: int) -> None:
    assert len(nist.descendants(function, "subcategory")) == per_function
    counts = tuple(len(nist.children(c.id, "subcategory")) for c in nist.children(function, "category"))
    assert counts == SHAPE[function]


def test_parents_follow_the_numbering(nist: Catalog) -> None:
    for function in nist.of_kind("function"):
        assert function.parent is None
    for category in nist.of_kind("category"):
        assert category.parent == category.id.split("-")[0]
    for sub in nist.of_kind("subcategory"):
        assert sub.parent == sub.id.split(".")[0]
    two_digits = nist.get("MEASURE-2.13")
    assert two_digits is not None and two_digits.parent == "MEASURE-2"
    assert [i.id for i in nist.children(None)] == FUNCTIONS


def test_documents_cite_categories_and_subcategories_in_controls_never_functions(nist: Catalog) -> None:
    assert nist.kinds_cited_in("controls") == ("category", "subcategory")
    assert nist.kinds_cited_in("clauses") == ()
    assert nist.cited("GOVERN-1.1", "controls") is not None
    assert nist.cited("GOVERN-1", "controls") is not None
    assert nist.cited("GOVERN", "controls") is None
    assert nist.cited("GOVERN-1.1", "clauses") is None


def test_every_item_has_a_short_title_and_a_one_line_description(nist: Catalog) -> None:
    for item in nist.items:
        assert item.title and len(item.title.split()) <= 6, item.id
        assert item.description and "\n" not in item.description and len(item.description) < 160, item.id
    titles = [i.title for i in nist.of_kind("subcategory")]
    assert len(set(titles)) == len(titles)  # a title tells a subcategory apart


@pytest.mark.parametrize(("wrong", "meant", "why"), [
    ("GOVERN-7.1", "GOVERN-6.1", "GOVERN has the categories GOVERN-1 to GOVERN-6"),
    ("MAP-6.1", "MAP-5.1", "MAP has the categories MAP-1 to MAP-5"),
    ("GOVERN-1.8", "GOVERN-1.7", "GOVERN-1 stops at GOVERN-1.7"),
    ("MEASURE-2.14", "MEASURE-2.13", "MEASURE-2 stops at MEASURE-2.13"),
    ("MEASURE-2.0", "MEASURE-2.1", ""),
    ("GOVERN-7", "GOVERN-6", ""),  # a category that does not exist: the function's nearest
    ("GOVERN", "GOVERN-1", "GOVERN is a function; cite one of its categories or subcategories"),
    ("GOVERN 1.1", "GOVERN-1.1", "write the function and the number with a hyphen, as in GOVERN-1.1"),
    ("GOVRN-1.1", None, f"NIST AI RMF has no function GOVRN; {THE_FUNCTIONS}"),
    ("A.5.2", None, f"NIST AI RMF has no function A; {THE_FUNCTIONS}"),  # a 42001 id given the NIST prefix
])
def test_suggestions_and_explanations_follow_the_nist_numbering(
        nist: Catalog, wrong: str, meant: str | None, why: str) -> None:
    known = nist.get(wrong)
    assert known is None or known.kind == "function"  # nothing a document may cite
    assert nist.suggest(wrong) == meant
    assert nist.explain(wrong) == why


def test_the_packaged_file_passes_the_checks_of_a_file_read_by_path(tmp_path: Path) -> None:
    text = resources.files("aims_lint.catalog").joinpath(f"{NIST}.yaml").read_text(encoding="utf-8")
    copy = tmp_path / f"{NIST}.yaml"
    copy.write_text(text, encoding="utf-8")
    assert [i.id for i in read_catalog(copy).items] == [i.id for i in load_catalog(NIST).items]


# --- the crosswalk ---------------------------------------------------------------------------------

def test_every_crosswalk_id_resolves_in_its_catalog_on_both_sides(nist: Catalog) -> None:
    walk = between("iso42001", NIST)
    assert walk is not None and not walk.advisory
    iso = load_catalog("iso42001")
    assert walk.mappings
    for m in walk.mappings:
        item = iso.get(m.source_id)
        assert item is not None and item.kind in ("clause", "control"), m
        assert nist.get(m.target_id, "subcategory") is not None, m
        assert m.relationship in RELATIONSHIPS and m.rationale and m.source, m
    pairs = [(m.source_id, m.target_id) for m in walk.mappings]
    assert len(pairs) == len(set(pairs))


def test_every_subcategory_has_a_42001_neighbour_and_every_annex_a_control_a_nist_one(nist: Catalog) -> None:
    walk = between("iso42001", NIST)
    assert walk is not None
    assert {m.target_id for m in walk.mappings} == set(SUBCATEGORIES)
    iso = load_catalog("iso42001")
    assert {m.source_id for m in walk.mappings} >= {c.id for c in iso.controls}


def test_the_crosswalk_reads_backwards_from_nist() -> None:
    back = between(NIST, "iso42001")
    assert back is not None and (back.source, back.target) == (NIST, "iso42001")
    incidents = {m.target_id: m.relationship for m in back.of("MANAGE-4.3")}
    assert incidents == {"A.8.4": "superset", "10.2": "related"}  # 42001 A.8.4 is the narrower one
    assert {m.target_id for m in back.of("GOVERN-1.6")} == {"A.4.2", "4.3"}
