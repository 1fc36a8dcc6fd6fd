"""A catalog's id grammar, as its data file declares it: how to cut an id into its ancestors' ids.

`A.6.2.5` with separator `.` has the prefixes `A`, `A.6`, `A.6.2` and itself;
`GOVERN 1.2` with separators ` .` has `GOVERN`, `GOVERN 1` and itself. The
suggestions (suggest.py) walk these prefixes; the numbers compared are the
last part's, so `A.7.7` is nearer `A.7.6` than `A.7.2`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Numbering:
    """One numbering rule: the ids it reads, and which kind such an id should name."""

    target: str  # the kind an id of this shape names ("control")
    within: tuple[str, ...]  # kinds that hold targets ("objective"); the target itself may hold some
    separators: str = "."
    match: str = ""  # regular expression an id must match from its start; "" reads every id
    reserved: tuple[str, ...] = ()  # last parts no target takes under a holder ("1": the statement)
    explain: dict[str, str] = field(default_factory=dict)  # message templates, see docs/catalogs.md

    def reads(self, identifier: str) -> bool:
        return re.match(self.match, identifier) is not None

    def parts(self, identifier: str) -> list[str]:
        return re.split(f"[{re.escape(self.separators)}]", identifier)

    def prefix(self, identifier: str, length: int) -> str:
        """The id cut to its first `length` parts, separators as written."""
        cuts = [m.start() for m in re.finditer(f"[{re.escape(self.separators)}]", identifier)]
        return identifier if length > len(cuts) else identifier[: cuts[length - 1]]


def number(part: str) -> int:
    """The number a part stands for (0 when it is not one, so `²` or `x` is no crash)."""
    return int(part) if part.isdecimal() else 0
