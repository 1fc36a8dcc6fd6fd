"""The entries of other frameworks' SoAs that share a 42001 control's implementation (`same_as`).

AIMS621 (the shared control is undecided, or missing) and AIMS622 (it is
excluded) judge the same entries against the same ISO/IEC 42001 SoA and
word the start of their findings alike; this module walks those entries
once, so the two rules cannot disagree on which entries they read or how
they name them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from aims_lint.catalog import load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK
from aims_lint.corpus import Corpus
from aims_lint.results import Finding
from aims_lint.rule import RuleInfo
from aims_lint.soa import Entry, Soa, control_name, current, statements


@dataclass(frozen=True)
class Sharing:
    soa: Soa  # the SoA of another framework the entry is in
    entry: Entry  # an entry with `same_as`
    base: Soa | None  # the current ISO/IEC 42001 SoA, which `same_as` is read from
    known: bool  # `same_as` names an ISO/IEC 42001 Annex A control (else AIMS620 reports it)

    @property
    def start(self) -> str:
        """"ISO/IEC 27001:2022 control A.5.34 shares its implementation with A.7.2": how findings begin."""
        name = control_name(self.soa.framework, self.entry.control or f"entry {self.entry.index + 1}")
        return f"{name} shares its implementation with {self.entry.same_as}"

    def at(self, rule: RuleInfo, message: str) -> Finding:
        """A finding of `rule` on the entry's `same_as`."""
        return rule.at(self.soa.source, self.entry.pointer("same_as"), message)


def sharings(corpus: Corpus) -> Iterator[Sharing]:
    """Every entry with `same_as` in an SoA in force of a framework other than ISO/IEC 42001, in path
    then entry order (`same_as` in the 42001 SoA itself shares nothing: AIMS620 reports it)."""
    catalog = load_catalog()
    base = current(corpus)
    for soa in statements(corpus, None):
        if soa.framework == DEFAULT_FRAMEWORK:
            continue
        for entry in soa.entries:
            if entry.same_as is not None:
                yield Sharing(soa, entry, base, catalog.control(entry.same_as) is not None)
