"""The packaged EU AI Act catalog (Regulation (EU) 2024/1689) and its advisory crosswalk to ISO/IEC 42001.

The expectations here are the Regulation's own numbering, written out a second
time by hand so that an edit to the data file has to agree with them: all 113
articles under their 13 chapters, the dates of application of Art. 113, the
Annex III points and the Annex I acts. The crosswalk test resolves every id
against both catalogs.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from aims_lint.catalog import available, crosswalk, load_catalog
from aims_lint.catalog.crosswalk import RELATIONSHIPS
from aims_lint.schemas import load_schemas
from tests.conftest import PROJECT

FRAMEWORK = "eu-ai-act"
# Chapter -> (first article, last article), from the Official Journal text.
CHAPTERS = {
    "I": (1, 4), "II": (5, 5), "III": (6, 49), "IV": (50, 50), "V": (51, 56), "VI": (57, 63),
    "VII": (64, 70), "VIII": (71, 71), "IX": (72, 94), "X": (95, 96), "XI": (97, 98), "XII": (99, 101),
    "XIII": (102, 113),
}
CHAPTER_TITLES = {
    "I": "General provisions", "II": "Prohibited AI practices", "III": "High-risk AI systems",
    "V": "General-purpose AI models",
    "IX": "Post-market monitoring, information sharing and market surveillance",
    "XII": "Penalties", "XIII": "Final provisions",
}
# Art. 113: the general date, and the articles that apply earlier.
GENERAL = date(2026, 8, 2)
# As amended by Regulation (EU) 2026/1744: the high-risk obligations start later, by basis.
HIGH_RISK_ANNEX_III = date(2027, 12, 2)
HIGH_RISK_ANNEX_I = date(2028, 8, 2)
EARLY = {
    date(2025, 2, 2): [*range(1, 6)],  # (a) Chapters I and II
    # (b) Chapter III Section 4, Chapters V, VII and XII (except Art. 101), and Art. 78
    date(2025, 8, 2): [*range(28, 40), *range(51, 57), *range(64, 71), 78, 99, 100],
}
DATES = [
    ("Art-1", date(2025, 2, 2)), ("Art-4", date(2025, 2, 2)), ("Art-5", date(2025, 2, 2)),
    ("Art-6", GENERAL), ("Art-9", GENERAL), ("Art-26", GENERAL), ("Art-27", GENERAL),
    ("Art-28", date(2025, 8, 2)), ("Art-39", date(2025, 8, 2)), ("Art-40", GENERAL),
    ("Art-50", GENERAL), ("Art-51", date(2025, 8, 2)), ("Art-56", date(2025, 8, 2)), ("Art-57", GENERAL),
    ("Art-64", date(2025, 8, 2)), ("Art-70", date(2025, 8, 2)), ("Art-71", GENERAL), ("Art-72", GENERAL),
    ("Art-73", GENERAL), ("Art-77", GENERAL), ("Art-78", date(2025, 8, 2)), ("Art-79", GENERAL),
    ("Art-99", date(2025, 8, 2)), ("Art-100", date(2025, 8, 2)), ("Art-101", GENERAL), ("Art-113", GENERAL),
    ("Annex-III-5(b)", HIGH_RISK_ANNEX_III), ("Annex-III-2", HIGH_RISK_ANNEX_III),
    ("Annex-I-medical-devices", HIGH_RISK_ANNEX_I),
]
# Titles of the articles modelled in detail (facts of the Regulation).
TITLES = {
    "Art-4": "AI literacy", "Art-5": "Prohibited AI practices",
    "Art-6": "Classification rules for high-risk AI systems", "Art-9": "Risk management system",
    "Art-10": "Data and data governance", "Art-11": "Technical documentation", "Art-12": "Record-keeping",
    "Art-13": "Transparency and provision of information to deployers", "Art-14": "Human oversight",
    "Art-15": "Accuracy, robustness and cybersecurity",
    "Art-16": "Obligations of providers of high-risk AI systems",
    "Art-17": "Quality management system", "Art-18": "Documentation keeping",
    "Art-19": "Automatically generated logs", "Art-23": "Obligations of importers",
    "Art-24": "Obligations of distributors", "Art-25": "Responsibilities along the AI value chain",
    "Art-26": "Obligations of deployers of high-risk AI systems",
    "Art-27": "Fundamental rights impact assessment for high-risk AI systems",
    "Art-28": "Notifying authorities",
    "Art-43": "Conformity assessment", "Art-47": "EU declaration of conformity", "Art-48": "CE marking",
    "Art-49": "Registration",
    "Art-50": "Transparency obligations for providers and deployers of certain AI systems",
    "Art-72": "Post-market monitoring by providers and post-market monitoring plan for high-risk AI systems",
    "Art-73": "Reporting of serious incidents", "Art-113": "Entry into force and application",
}
DETAILED = [
    4, 5, 6, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 23, 24, 25, 26, 27, 43, 47, 48, 49, 50, 72, 73,
]
ANNEX_III = {
    "1": "abc", "2": "", "3": "abcd", "4": "ab", "5": "abcd", "6": "abcde", "7": "abcd", "8": "ab",
}
ANNEX_I_A = [
    "machinery", "toys", "recreational-craft", "lifts", "atex", "radio-equipment", "pressure-equipment",
    "cableways", "ppe", "gas-appliances", "medical-devices", "in-vitro-diagnostics",
]
ANNEX_I_B = [
    "civil-aviation-security", "two-three-wheel-vehicles", "agricultural-vehicles", "marine-equipment",
    "rail-interoperability", "motor-vehicles", "vehicle-general-safety", "civil-aviation",
]


def _articles() -> list[str]:
    return [f"Art-{n}" for n in range(1, 114)]


# --- articles and chapters ---------------------------------------------------------------------

def test_the_catalog_is_packaged_under_its_framework_id() -> None:
    assert FRAMEWORK in available()
    catalog = load_catalog(FRAMEWORK)
    assert (catalog.framework, catalog.title) == (FRAMEWORK, "EU AI Act (Regulation (EU) 2024/1689)")
    assert [k.id for k in catalog.kinds] == ["chapter", "article", "annex-iii-point", "annex-i-act"]


def test_exactly_articles_1_to_113_in_order_each_with_a_title_and_our_description() -> None:
    catalog = load_catalog(FRAMEWORK)
    assert [a.id for a in catalog.of_kind("article")] == _articles()
    for article in catalog.of_kind("article"):
        assert article.title and article.description, article.id
        # Paraphrase, not the legal text: the Regulation's "shall" never appears in our words.
        assert not re.search(r"\bshall\b", article.description, re.IGNORECASE), article.id


def test_thirteen_chapters_hold_their_article_ranges() -> None:
    catalog = load_catalog(FRAMEWORK)
    assert [c.id for c in catalog.of_kind("chapter")] == [f"Chapter-{r}" for r in CHAPTERS]
    assert [c.id for c in catalog.children(None, "chapter")] == [f"Chapter-{r}" for r in CHAPTERS]
    for roman, (first, last) in CHAPTERS.items():
        held = [a.id for a in catalog.children(f"Chapter-{roman}", "article")]
        assert held == [f"Art-{n}" for n in range(first, last + 1)], roman
    for roman, title in CHAPTER_TITLES.items():
        assert catalog.get(f"Chapter-{roman}", "chapter").title == title  # type: ignore[union-attr]


@pytest.mark.parametrize(("article", "title"), sorted(TITLES.items()))
def test_titles_of_the_articles_modelled_in_detail(article: str, title: str) -> None:
    assert load_catalog(FRAMEWORK).get(article).title == title  # type: ignore[union-attr]


def test_the_articles_modelled_in_detail_say_more() -> None:
    catalog = load_catalog(FRAMEWORK)
    short = [n for n in DETAILED if len(catalog.get(f"Art-{n}").description) < 250]  # type: ignore[union-attr]
    assert short == []


def test_only_articles_are_cited_and_only_in_controls() -> None:
    catalog = load_catalog(FRAMEWORK)
    assert catalog.kinds_cited_in("controls") == ("article",)
    assert catalog.kinds_cited_in("clauses") == ()
    assert catalog.cited("Art-27", "controls") is not None
    for not_cited in ("Chapter-III", "Annex-III-5(b)", "Annex-I-medical-devices"):
        assert catalog.get(not_cited) is not None and catalog.cited(not_cited, "controls") is None


# --- dates of application (Art. 113) -----------------------------------------------------------

@pytest.mark.parametrize(("item", "day"), DATES)
def test_dates_of_application(item: str, day: date) -> None:
    assert load_catalog(FRAMEWORK).get(item).applies_from == day  # type: ignore[union-attr]


def test_every_article_applies_from_the_day_article_113_gives_it() -> None:
    early = {f"Art-{n}": day for day, numbers in EARLY.items() for n in numbers}
    catalog = load_catalog(FRAMEWORK)
    got = {a.id: a.applies_from for a in catalog.of_kind("article")}
    assert got == {a: early.get(a, GENERAL) for a in _articles()}
    assert all(c.applies_from is None for c in catalog.of_kind("chapter"))


def test_article_6_records_the_later_date_of_its_first_paragraph() -> None:
    description = load_catalog(FRAMEWORK).get("Art-6").description  # type: ignore[union-attr]
    assert "2 August 2027" in description and "Annex III" in description


# --- annexes -----------------------------------------------------------------------------------

def test_annex_iii_points_and_their_lettered_sub_points() -> None:
    catalog = load_catalog(FRAMEWORK)
    expected = []
    for point, letters in ANNEX_III.items():
        expected.append((f"Annex-III-{point}", None))
        expected += [(f"Annex-III-{point}({x})", f"Annex-III-{point}") for x in letters]
    assert [(i.id, i.parent) for i in catalog.of_kind("annex-iii-point")] == expected
    assert "creditworthiness" in catalog.get("Annex-III-5(b)").title.lower()  # type: ignore[union-attr]
    assert "insurance" in catalog.get("Annex-III-5(c)").title.lower()  # type: ignore[union-attr]


@pytest.mark.parametrize(("basis", "item"), [
    ("annex-iii:5(b)", "Annex-III-5(b)"), ("annex-iii:2", "Annex-III-2"),
    ("annex-iii:8(a)", "Annex-III-8(a)"), ("annex-i:medical-devices", "Annex-I-medical-devices"),
    ("annex-i:civil-aviation", "Annex-I-civil-aviation"),
])
def test_an_inventory_basis_names_a_catalog_item(basis: str, item: str) -> None:
    # The convention the AI Act rules use: annex-iii:X -> Annex-III-X, annex-i:<slug> -> Annex-I-<slug>.
    annex, _, local = basis.partition(":")
    named = {"annex-iii": "Annex-III-", "annex-i": "Annex-I-"}[annex] + local
    assert named == item and load_catalog(FRAMEWORK).get(named) is not None


def test_annex_i_lists_its_twenty_acts_in_sections_a_and_b() -> None:
    catalog = load_catalog(FRAMEWORK)
    assert [i.id for i in catalog.of_kind("annex-i-act")] == [f"Annex-I-{s}" for s in ANNEX_I_A + ANNEX_I_B]
    for number, slug in enumerate(ANNEX_I_A + ANNEX_I_B, start=1):
        section = "A" if number <= 12 else "B"
        item = catalog.get(f"Annex-I-{slug}")
        assert item is not None and f"Section {section}, point {number}." in item.description, slug
        assert item.section == section, slug  # what the AI Act rules read (Art. 2(2) for Section B)
    assert "2017/745" in catalog.get("Annex-I-medical-devices").title  # type: ignore[union-attr]


# --- documented information --------------------------------------------------------------------

def test_documented_information_names_real_types_and_record_kinds() -> None:
    schemas = load_schemas(PROJECT, "schemas")
    kinds = set(schemas.by_type["record"].field_schema("record_kind")["enum"]) | set(schemas.kinds["record"])
    catalog = load_catalog(FRAMEWORK)
    items = catalog.documented_information + catalog.expected_evidence
    for item in items:
        assert set(item.expected_types) <= {"policy", "procedure", "record", "soa", "roles"}, item.id
        assert set(item.expected_record_kinds) <= kinds, item.id
        assert not item.expected_record_kinds or "record" in item.expected_types, item.id
    assert len({i.id for i in items}) == len(items)
    by_article: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for i in catalog.documented_information:
        by_article.setdefault(i.clause, []).append((i.expected_types, i.expected_record_kinds))
    assert by_article["Art-27"] == [(("record",), ("impact-assessment",))]
    # The reports themselves, and the procedure that AIMS1108 asks for.
    assert by_article["Art-73"] == [(("record",), ("incident",)), (("policy", "procedure"), ())]
    assert by_article["Art-4"] == [(("policy", "procedure", "record"), ("training",))]
    assert "procedure" in by_article["Art-17"][0][0]


# --- did you mean ------------------------------------------------------------------------------

@pytest.mark.parametrize("wrong", ["Art-114", "Art-0", "Art-27a", "Art-200"])
def test_an_article_outside_1_to_113_is_explained_not_guessed(wrong: str) -> None:
    catalog = load_catalog(FRAMEWORK)
    assert catalog.get(wrong) is None
    assert catalog.suggest(wrong) is None
    # the message's head says the id is no article; the explanation does not say it again
    assert catalog.explain(wrong) == (
        "the Act as published has Art-1 to Art-113; articles an amendment inserts with a letter (Art-4a, "
        "reported for Regulation (EU) 2026/1744) are not in this catalog yet: cite the base article and "
        "name the amending act"
    )


@pytest.mark.parametrize("inserted", ["Art-4a", "Art-60a", "Art-75a", "Art-75d"])
def test_an_article_inserted_by_amendment_gets_an_explanation(inserted: str) -> None:
    catalog = load_catalog(FRAMEWORK)
    assert catalog.get(inserted) is None and catalog.suggest(inserted) is None
    assert "inserts with a letter" in catalog.explain(inserted)
    assert "Regulation (EU) 2026/1744" in catalog.explain(inserted)
    # The base regulation's articles are all still there, and nothing else of kind article.
    assert sum(1 for i in catalog.items if i.kind == "article") == 113


def test_a_chapter_named_where_an_article_belongs() -> None:
    catalog = load_catalog(FRAMEWORK)
    assert catalog.suggest("Chapter-III") == "Art-6"
    assert catalog.explain("Chapter-III") == (
        "Chapter-III is a chapter, not an article; cite one of its articles"
    )


# --- the advisory crosswalk to ISO/IEC 42001 ---------------------------------------------------

def test_the_crosswalk_is_advisory_and_every_id_resolves() -> None:
    walk = crosswalk.between("iso42001", FRAMEWORK)
    assert walk is not None and walk.advisory and "advisory" in walk.title
    iso, act = load_catalog("iso42001"), load_catalog(FRAMEWORK)
    for m in walk.mappings:
        assert iso.get(m.source_id) is not None and iso.get(m.source_id).kind in {"clause", "control"}, m  # type: ignore[union-attr]
        assert act.cited(m.target_id, "controls") is not None, m
        assert m.relationship in RELATIONSHIPS and m.relationship != "equivalent", m
        assert m.rationale and m.source == "our analysis", m
    assert len({(m.source_id, m.target_id) for m in walk.mappings}) == len(walk.mappings)


def test_the_crosswalk_covers_the_obligations_a_management_system_carries() -> None:
    walk = crosswalk.between("iso42001", FRAMEWORK)
    assert walk is not None
    targets = {m.target_id for m in walk.mappings}
    assert {f"Art-{n}" for n in (4, 9, 10, 11, 12, 13, 14, 15, 17, 26, 27, 72, 73)} <= targets


def test_read_backwards_from_an_article() -> None:
    back = crosswalk.between(FRAMEWORK, "iso42001")
    assert back is not None and back.advisory
    assert {(m.target_id, m.relationship) for m in back.of("Art-10")} >= {("A.7.4", "superset")}
    assert {m.target_id for m in back.of("Art-27")} >= {"6.1.4", "8.4", "A.5.2"}


# Runs of words the Act's own text uses, which a description in our words does not repeat
# (CONTRIBUTING: ids and titles are facts, descriptions are ours).
ACT_WORDING = ("visibly, legibly and indelibly", "sufficiently representative",
               "free of errors and complete", "to the best extent possible")


def test_no_description_repeats_the_acts_wording() -> None:
    catalog = load_catalog("eu-ai-act")
    copied = [(i.id, phrase) for i in catalog.items for phrase in ACT_WORDING
              if phrase in " ".join((i.description or "").split())]
    assert copied == []
