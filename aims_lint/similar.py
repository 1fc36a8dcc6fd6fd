"""Did-you-mean over thousands of ids, with exactly difflib's answer but without its cost.

`difflib.get_close_matches(word, ids, n=1)` compares the word with every id:
about 30 ms for 10,000 ids, paid again for every unknown reference. This
module gives the same answer (the id with the highest `SequenceMatcher.ratio`
of at least 0.6; on a tie the greatest id, as difflib's `heapq.nlargest`
picks) but first bounds each id's ratio from above by the characters it shares
with the word, the bound difflib's own `quick_ratio` uses. Ids with the same
characters share one bound (REC-0123 and REC-0321 do), so the bounds cost a
few hundred small sums; exact ratios are then computed best bound first, and
the search stops as soon as no remaining bound can beat the best ratio found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher

CUTOFF = 0.6  # difflib.get_close_matches' default


class CloseMatches:
    """Build once from the candidates, then ask `best(word)` as often as needed."""

    def __init__(self, candidates: Iterable[str]) -> None:
        groups: dict[str, list[str]] = {}
        for candidate in dict.fromkeys(candidates):  # unique, first-seen order
            groups.setdefault("".join(sorted(candidate)), []).append(candidate)
        self._groups = [(Counter(key), len(key), members) for key, members in groups.items()]

    def best(self, word: str) -> str | None:
        """`difflib.get_close_matches(word, candidates, n=1)`, as a string or None."""
        wanted = Counter(word)
        bounded: list[tuple[float, list[str]]] = []
        for counts, length, members in self._groups:
            shared = sum(min(n, wanted[char]) for char, n in counts.items())
            bound = _ratio(shared, length + len(word))
            if bound >= CUTOFF:
                bounded.append((bound, members))
        bounded.sort(key=lambda item: item[0], reverse=True)
        matcher = SequenceMatcher()
        matcher.set_seq2(word)  # as difflib does: the word is seq2, each candidate seq1
        best: tuple[float, str] | None = None
        for bound, members in bounded:
            if best is not None and bound < best[0]:
                break  # the ratio never exceeds the bound, so nothing left can win
            for candidate in members:
                matcher.set_seq1(candidate)
                found = (matcher.ratio(), candidate)
                if found[0] >= CUTOFF and (best is None or found > best):
                    best = found
        return best[1] if best else None


def _ratio(matches: int, length: int) -> float:
    """difflib's formula, so that bounds and ratios compare exactly."""
    return 2.0 * matches / length if length else 1.0
