"""The framework table (aims_lint/catalog/frameworks.py): its rows, and reading and writing qualified ids."""

from __future__ import annotations

import pytest

from aims_lint.catalog import available, load_catalog
from aims_lint.catalog.frameworks import (
    DEFAULT_FRAMEWORK,
    FRAMEWORKS,
    by_prefix,
    framework,
    ids,
    local_ids,
    parse,
    qualified,
)


def test_the_table() -> None:
    assert [(f.id, f.prefix, f.certifiable) for f in FRAMEWORKS] == [
        ("iso42001", "ISO42001", True),
        ("iso27001-2022", "ISO27001", True),
        ("nist-ai-rmf-1.0", "NIST-AI-RMF", False),
        ("eu-ai-act", "EU-AI-ACT", False),
    ]
    assert ids() == ("iso42001", "iso27001-2022", "nist-ai-rmf-1.0", "eu-ai-act")
    assert DEFAULT_FRAMEWORK == "iso42001" and FRAMEWORKS[0].id == DEFAULT_FRAMEWORK
    for row in FRAMEWORKS:
        assert framework(row.id) is row and by_prefix(row.prefix) is row
        assert row.title.strip()
    assert framework("iso27001") is None and by_prefix("ISO2700") is None and by_prefix("iso27001") is None


@pytest.mark.parametrize(("text", "fw", "prefix", "local"), [
    ("A.6.2.4", "iso42001", None, "A.6.2.4"),
    ("6.1.3", "iso42001", None, "6.1.3"),
    ("ISO42001:A.6.2.4", "iso42001", "ISO42001", "A.6.2.4"),
    ("ISO27001:A.5.1", "iso27001-2022", "ISO27001", "A.5.1"),
    ("ISO27001:6.1.3", "iso27001-2022", "ISO27001", "6.1.3"),
    ("NIST-AI-RMF:GOVERN-1.1", "nist-ai-rmf-1.0", "NIST-AI-RMF", "GOVERN-1.1"),
    ("EU-AI-ACT:Art-27", "eu-ai-act", "EU-AI-ACT", "Art-27"),
    ("ISO2700:A.5.1", None, "ISO2700", "A.5.1"),  # an unknown prefix: no framework (AIMS610)
    ("NIST:GOVERN-1.1", None, "NIST", "GOVERN-1.1"),
    ("iso27001:A.5.1", "iso42001", None, "iso27001:A.5.1"),  # no capital: not a prefix, a 42001 id
    ("ISO27001:", "iso27001-2022", "ISO27001", ""),
])
def test_parse(text: str, fw: str | None, prefix: str | None, local: str) -> None:
    cited = parse(text)
    assert (cited.text, cited.framework, cited.prefix, cited.local) == (text, fw, prefix, local)
    assert cited.known is (fw is not None)


def test_an_unqualified_id_belongs_to_the_default_given() -> None:
    """Inside a 27001 SoA, `A.5.1` is 27001's; a prefix still wins over the default."""
    assert parse("A.5.1", "iso27001-2022").framework == "iso27001-2022"
    assert parse("ISO42001:A.2.2", "iso27001-2022").framework == "iso42001"
    assert parse("EU-AI-ACT:Art-4", "iso27001-2022").framework == "eu-ai-act"


@pytest.mark.parametrize(("fw", "local", "written"), [
    ("iso42001", "A.2.2", "A.2.2"),  # 42001's ids are written bare
    ("iso42001", "4.3", "4.3"),
    ("iso27001-2022", "A.5.1", "ISO27001:A.5.1"),
    ("nist-ai-rmf-1.0", "MAP-1.1", "NIST-AI-RMF:MAP-1.1"),
    ("eu-ai-act", "Art-113", "EU-AI-ACT:Art-113"),
])
def test_qualified_and_parse_round_trip(fw: str, local: str, written: str) -> None:
    assert qualified(fw, local) == written
    back = parse(written)
    assert (back.framework, back.local) == (fw, local)
    assert back.qualified == written
    # The ISO42001: spelling reads as the same id and writes canonically, bare.
    if fw == DEFAULT_FRAMEWORK:
        assert parse(f"ISO42001:{local}").qualified == local


def test_an_unknown_prefix_is_written_as_it_was() -> None:
    assert parse("ISO2700:A.5.1").qualified == "ISO2700:A.5.1"


def test_qualified_refuses_a_framework_not_in_the_table() -> None:
    with pytest.raises(KeyError):
        qualified("iso9001", "4.1")


def test_local_ids_of_one_framework_in_order_once_each() -> None:
    cited = ["A.2.2", "ISO27001:A.5.1", "ISO42001:A.2.2", "ISO27001:A.5.2", "ISO27001:A.5.1",
             "NIST-AI-RMF:GOVERN-1.1", "ISO2700:A.5.3", "A.6.2.4"]
    assert local_ids(cited) == ("A.2.2", "A.6.2.4")
    assert local_ids(cited, "iso27001-2022") == ("A.5.1", "A.5.2")
    assert local_ids(cited, "nist-ai-rmf-1.0") == ("GOVERN-1.1",)
    assert local_ids(cited, "eu-ai-act") == ()
    # The SoA's own framework as the default: its bare ids are that framework's.
    assert local_ids(["A.5.1", "ISO42001:A.2.2"], "iso27001-2022", default="iso27001-2022") == ("A.5.1",)
    assert local_ids(["A.5.1", 7, None], "iso42001") == ("A.5.1",)  # type: ignore[list-item]


@pytest.mark.parametrize("fw", ids())
def test_qualified_local_ids_round_trip(fw: str) -> None:
    """Writing a framework's ids qualified and reading them back gives the same ids, in order."""
    local = ["4.1", "A.5.1", "GOVERN-1.1", "Art-27"]
    assert local_ids([qualified(fw, i) for i in local], fw) == tuple(local)


def test_the_packaged_catalogs_and_the_table_agree() -> None:
    """Every row of the table has its packaged catalog, and every catalog is a row, titled alike."""
    table = {f.id: f for f in FRAMEWORKS}
    assert set(available()) == set(table)
    for fw in available():
        catalog = load_catalog(fw)
        assert catalog.framework == fw
        assert catalog.title == table[fw].title, fw
        # Ids never contain the separator: an id with ":" is always qualified (frameworks.py).
        assert not [item.id for item in catalog.items if ":" in item.id], fw
        # Every catalog has something documents cite, in `clauses` or `controls`.
        assert catalog.kinds_cited_in("clauses") or catalog.kinds_cited_in("controls"), fw
    # The certifiable ones have clauses and controls, as an SoA and a Stage 1 readiness need.
    for row in FRAMEWORKS:
        if row.certifiable:
            catalog = load_catalog(row.id)
            assert catalog.kinds_cited_in("clauses") and catalog.kinds_cited_in("controls"), row.id
