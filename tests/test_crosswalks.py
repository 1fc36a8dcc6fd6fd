"""Every packaged crosswalk holds to its two catalogs: each id resolves, each mapping says why.

Resolving means the id is an item of its catalog (`load_catalog(fw).get(id)`) of a kind documents
cite (in `clauses` or `controls`), since `aims-lint crosswalk` prints ids for documents to cite.

The checks run over `crosswalk.available()`, every file in
`aims_lint/catalog/crosswalks/`, so a new crosswalk is held to them the day it
is added. `problems` is tried on a crosswalk built to break each check, so the
checks can fail.
"""

from __future__ import annotations

from collections import Counter

import pytest

from aims_lint.catalog import available as catalogs
from aims_lint.catalog import load_catalog
from aims_lint.catalog.crosswalk import RELATIONSHIPS, Crosswalk, available, build, parsed
from aims_lint.catalog.frameworks import ids

ADVISORY_FRAMEWORKS = {"eu-ai-act"}  # no authoritative mapping of the AI Act to ISO/IEC 42001 exists


def problems(walk: Crosswalk) -> list[str]:
    """What is wrong with a crosswalk, one line each ([] when nothing)."""
    found: list[str] = []
    for side in (walk.source, walk.target):
        if side not in ids() or side not in catalogs():
            return [f"framework {side} has no row in frameworks.py or no catalog"]
    source, target = load_catalog(walk.source), load_catalog(walk.target)
    if not walk.title.strip() or not walk.sources:
        found.append("a crosswalk needs a title and the sources it was checked against")
    if walk.advisory is not bool(ADVISORY_FRAMEWORKS & {walk.source, walk.target}):
        found.append(f"advisory is {walk.advisory}")
    for m in walk.mappings:
        where = f"{m.source_id} -> {m.target_id}"
        sides = ((m.source_id, walk.source, source), (m.target_id, walk.target, target))
        for item_id, framework, catalog in sides:
            item = catalog.get(item_id)
            if item is None:
                found.append(f"{where}: {item_id} is not in {framework}")
            elif not any(k.id == item.kind and k.cited_in for k in catalog.kinds):
                # the command prints ids to paste into `clauses` or `controls`: they must be citable there
                found.append(f"{where}: {item_id} is of kind {item.kind}, which documents do not cite")
        if m.relationship not in RELATIONSHIPS:
            found.append(f"{where}: relationship {m.relationship}")
        if not m.rationale.strip() or not m.source.strip():
            found.append(f"{where}: no rationale or no source")
    twice = Counter((m.source_id, m.target_id) for m in walk.mappings)
    found.extend(f"{a} -> {b} is mapped {n} times" for (a, b), n in sorted(twice.items()) if n > 1)
    if not walk.mappings:
        found.append("no mappings")
    return found


@pytest.mark.parametrize(("source", "target"), available())
def test_every_id_of_every_packaged_crosswalk_resolves_and_every_mapping_says_why(
    source: str, target: str
) -> None:
    assert problems(parsed(source, target)) == []


def test_the_checks_can_fail() -> None:
    bad = build({
        "source": "iso42001", "target": "iso42001", "title": "Broken", "advisory": True,
        "sources": ["a test"], "source_reference": "our analysis",
        "mappings": [
            {"from": "A.2.2", "to": "A.2.3", "relationship": "related", "rationale": "Fine."},
            {"from": "A.2.2", "to": "A.2.3", "relationship": "subset", "rationale": "Twice."},
            {"from": "A.5.38", "to": "6.1.2", "relationship": "related", "rationale": "No such control."},
            {"from": "A.2.2", "to": "GOVERN-1.1", "relationship": "related", "rationale": "Wrong catalog."},
            {"from": "A.2.3", "to": "6.1.2", "relationship": "equivalent", "rationale": "  "},
            {"from": "A.2", "to": "6.1.2", "relationship": "related", "rationale": "An objective."},
        ],
    })
    assert problems(bad) == [
        "advisory is True",
        "A.5.38 -> 6.1.2: A.5.38 is not in iso42001",
        "A.2.2 -> GOVERN-1.1: GOVERN-1.1 is not in iso42001",
        "A.2.3 -> 6.1.2: no rationale or no source",
        "A.2 -> 6.1.2: A.2 is of kind objective, which documents do not cite",
        "A.2.2 -> A.2.3 is mapped 2 times",
    ]
    assert problems(build({"source": "iso42001", "target": "iso9001", "title": "x", "mappings": []})) == [
        "framework iso9001 has no row in frameworks.py or no catalog"]


def test_each_packaged_crosswalk_is_named_after_two_known_frameworks() -> None:
    for source, target in available():
        assert source in ids() and target in ids() and source != target
        assert (target, source) not in available()  # one file per pair; `between` reads it both ways


def test_the_crosswalks_the_issue_asks_for_ship_and_only_the_ai_act_one_is_advisory() -> None:
    assert available() == (("iso42001", "eu-ai-act"), ("iso42001", "iso27001-2022"),
                           ("iso42001", "nist-ai-rmf-1.0"))
    assert [parsed(a, b).advisory for a, b in available()] == [True, False, False]
