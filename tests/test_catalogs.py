"""Open catalogs: any framework loads through one interface, from a data file alone.

ISO/IEC 42001 is the packaged catalog; a second, made-up framework written to a
temporary file here gets its hierarchy, titles and suggestions through the same
`Catalog`, from its own numbering rules. The ISO suggestions are pinned to a
table recorded from the ISO-specific code these data-driven rules replaced
(the parent of the commit that opened the catalogs), for 1,464 ids.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aims_lint.catalog import CatalogError, available, load_catalog, read_catalog
from aims_lint.catalog.frameworks import FRAMEWORKS
from aims_lint.cli import main
from tests.conftest import TODAY, new_repo

RECORDED = Path(__file__).parent / "data" / "iso42001_suggestions.json"

DEMO = """\
framework: demo-rmf
title: Demo Risk Framework 1.0
kinds:
  - {id: function, label: function}
  - {id: category, label: category}
  - {id: subcategory, label: subcategory}
numbering:
  - match: '[A-Z]+( |$)'
    separators: " ."
    target: subcategory
    within: [category]
    explain:
      wrong_kind: "{id} is a {kind}; name one of its {target} entries"
items:
  - {id: GOVERN, kind: function, title: Govern}
  - {id: GOVERN 1, kind: category, title: Policies}
  - {id: GOVERN 1.1, kind: subcategory, title: Legal requirements}
  - {id: GOVERN 1.2, kind: subcategory, title: Trustworthy characteristics}
  - {id: GOVERN 1.3, kind: subcategory, title: Risk tolerance}
  - {id: GOVERN 2, kind: category, title: Accountability}
  - {id: GOVERN 2.1, kind: subcategory, title: Roles}
  - {id: MAP, kind: function, title: Map}
  - {id: MAP 1, kind: category, title: Context}
  - {id: MAP 1.1, kind: subcategory, title: Intended purpose, description: What the system is for.}
"""


def _demo(tmp_path: Path, text: str = DEMO, name: str = "demo-rmf.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_registry_lists_every_packaged_catalog_and_each_loads() -> None:
    # every packaged catalog is a framework of the prefix table (frameworks.py), and 42001 is always one
    assert "iso42001" in available()
    assert set(available()) <= {f.id for f in FRAMEWORKS} and list(available()) == sorted(available())
    for framework in available():
        assert load_catalog(framework).framework == framework
    assert load_catalog() is load_catalog("iso42001")


def test_an_unknown_framework_names_the_available_ones() -> None:
    with pytest.raises(CatalogError, match=r"no catalog for framework 'nist'; available: (.+, )?iso42001\b"):
        load_catalog("nist")


def test_iso_suggestions_and_explanations_are_what_they_were() -> None:
    catalog = load_catalog()
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert len(recorded) == 1464
    now = {i: [catalog.suggest(i), catalog.explain(i)] for i in recorded}
    assert now == recorded


@pytest.mark.parametrize(("wrong", "meant"), [("²", None), ("4.²", "4.1"), ("A.2.²", "A.2.2")])
def test_digits_that_are_not_numbers_are_no_crash(wrong: str, meant: str | None) -> None:
    assert load_catalog().suggest(wrong) == meant  # int("²") raised in the ISO-specific code


def test_iso_kinds_and_hierarchy_through_the_generic_interface() -> None:
    catalog = load_catalog()
    assert [k.id for k in catalog.kinds] == ["clause", "objective", "control"]
    assert catalog.get("A.6.1.2", "control") is catalog.control("A.6.1.2")
    assert catalog.get("A.6.1.2", "clause") is None
    assert [i.id for i in catalog.children("A.6")] == ["A.6.1", "A.6.2"]
    assert len(catalog.descendants("A.6", "control")) == 9
    assert [i.id for i in catalog.children(None, "clause")] == ["4", "5", "6", "7", "8", "9", "10"]
    assert catalog.get("9.2.2") is not None and catalog.get("9.2.2").parent == "9.2"  # type: ignore[union-attr]
    assert catalog.label("objective") == "control objective"


def test_a_second_catalog_from_a_data_file_gets_its_own_suggestions(tmp_path: Path) -> None:
    demo = read_catalog(_demo(tmp_path))
    assert (demo.framework, demo.title) == ("demo-rmf", "Demo Risk Framework 1.0")
    assert [i.id for i in demo.children("GOVERN 1")] == ["GOVERN 1.1", "GOVERN 1.2", "GOVERN 1.3"]
    assert demo.get("GOVERN 1.2").parent == "GOVERN 1"  # type: ignore[union-attr]  # derived from " ."
    assert demo.get("GOVERN 1").parent == "GOVERN"  # type: ignore[union-attr]
    assert [i.id for i in demo.descendants("GOVERN", "subcategory")] == [
        "GOVERN 1.1", "GOVERN 1.2", "GOVERN 1.3", "GOVERN 2.1"]
    assert demo.get("MAP 1.1").description == "What the system is for."  # type: ignore[union-attr]
    assert demo.suggest("GOVERN 1.7") == "GOVERN 1.3"  # nearest number under the category
    assert demo.suggest("GOVERN 2.0") == "GOVERN 2.1"
    assert demo.suggest("GOVERN 1") == "GOVERN 1.1"  # a category where a subcategory belongs: its first
    assert demo.suggest("GOVERN 9.1") is None  # no such category: no guess
    assert demo.suggest("A.6.1.1") is None  # ISO's numbering is ISO's, not this framework's
    assert demo.explain("MAP 1") == "MAP 1 is a category; name one of its subcategory entries"
    assert demo.explain("GOVERN 1.7") == ""  # no template for that situation: nothing to add
    assert (demo.clauses, demo.controls) == ((), ())  # kinds the built-in rules read: none here


@pytest.mark.parametrize(("change", "message"), [
    (("kind: category, title: Policies", "kind: chapter, title: Policies"), "kind 'chapter' is not declared"),
    (("title: Context}", "title: Context, parent: MAPPING}"), "parent MAPPING must be listed before it"),
    (("  - {id: MAP 1, kind: category, title: Context}\n",
      "  - {id: MAP 1, kind: category, title: Context}\n  - {id: MAP 1, kind: category, title: Again}\n"),
     "item MAP 1 is listed twice"),
    (("    target: subcategory", "    target: outcome"), "unknown \\['outcome'\\]"),
    (("wrong_kind:", "misspelt:"), "unknown \\['misspelt'\\]"),
    (("items:", "entries:"), "not a catalog: KeyError"),
    (("title: Demo", "title: [Demo"), "cannot read catalog"),
    (("title: Context}", "title: Context, section: [A]}"), "item MAP 1: section must be a string"),
])
def test_a_broken_catalog_file_is_a_catalog_error(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in DEMO
    with pytest.raises(CatalogError, match=message):
        read_catalog(_demo(tmp_path, DEMO.replace(old, new, 1)))


def test_the_file_name_is_the_framework_id(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="framework 'demo-rmf' must match the file name"):
        read_catalog(_demo(tmp_path, name="other.yaml"))


def test_a_clause_id_with_a_superscript_is_a_finding_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.complete_aims import complete_files

    files = complete_files()
    path = "procedures/risk-treatment.md"
    files[path] = files[path].replace('clauses: ["6.1.3"]', 'clauses: ["6.1.3", "6.²"]')
    root = new_repo(tmp_path / "repo", files)
    code = main(["check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code == 1
    assert [f["message"] for f in findings if f["rule"] == "AIMS601"] == [
        "clause '6.²' is not a clause of ISO/IEC 42001:2023; did you mean '6.2'? "
        "(the id contains the character superscript two (U+00B2))"]


def test_the_example_in_the_docs_is_a_valid_catalog(tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent / "docs" / "catalogs.md").read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    demo = read_catalog(_demo(tmp_path, example))
    assert demo.get("GOVERN 1.1").documented_information[0].id == "legal-register"  # type: ignore[union-attr]
    assert demo.suggest("GOVERN 1.4") == "GOVERN 1.1"
