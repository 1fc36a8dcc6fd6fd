"""CloseMatches must answer exactly as difflib.get_close_matches(word, candidates, n=1)."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from aims_lint.similar import CloseMatches

IDS = st.text(alphabet="RECPOL-0123", max_size=9)


def _difflib(word: str, candidates: list[str]) -> str | None:
    found = difflib.get_close_matches(word, candidates, n=1)
    return found[0] if found else None


@settings(max_examples=500, deadline=None)
@given(IDS, st.lists(IDS, max_size=40))
def test_same_answer_as_difflib(word: str, candidates: list[str]) -> None:
    assert CloseMatches(candidates).best(word) == _difflib(word, candidates)


def test_typical_typos_among_many_ids() -> None:
    ids = [f"REC-{n:04d}" for n in range(1, 3000)] + [f"POL-{n:03d}" for n in range(1, 300)]
    matches = CloseMatches(ids)
    for word in ("REC-00123", "POL-0042", "PRO-001", "RC-0042", "XYZ", "REC-1234"):
        assert matches.best(word) == _difflib(word, ids)
    assert matches.best("REC-00123") == "REC-0123"
    assert matches.best("XYZ") is None


def test_ties_go_to_the_greatest_id_as_in_difflib() -> None:
    assert CloseMatches(["AB-1", "AB-2"]).best("AB-3") == _difflib("AB-3", ["AB-1", "AB-2"]) == "AB-2"
