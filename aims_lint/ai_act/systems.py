"""The AI systems of an inventory under the EU AI Act, and how each of their duties stands.

Free of the rule machinery, so the readiness report can ask the same
question the rules ask (`standing`) and the two cannot disagree. The duties
of a corpus are worked out once (`duties` caches them per corpus, as the
corpus caches its own indexes), however many of AIMS1101-AIMS1114 and the
readiness report ask, each taking the keys and the day it wants.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import date

from aims_lint.ai_act.artefacts import FRAMEWORK, candidates, meeting
from aims_lint.ai_act.classification import Classification, classify
from aims_lint.ai_act.obligations import Due, due
from aims_lint.catalog import Catalog, CatalogError, load_catalog
from aims_lint.corpus import Corpus
from aims_lint.doctypes import AI_SYSTEM
from aims_lint.document import SourceFile
from aims_lint.inventory import records
from aims_lint.model import Record


@dataclass(frozen=True)
class System:
    source: SourceFile
    record: Record
    classification: Classification


@dataclass(frozen=True)
class Standing:
    """One duty of one system in force on the day asked: the documents that meet it (none: unmet)."""

    system: System
    due: Due
    documents: tuple[str, ...]


def catalog() -> Catalog | None:
    """The Act's packaged catalog; None if this installation has none (then nothing has a date)."""
    try:
        return load_catalog(FRAMEWORK)
    except CatalogError:
        return None


def systems(corpus: Corpus) -> list[System]:
    """The AI systems in the inventory in force (not superseded), in path order."""
    return [System(s, d, classify(d)) for s, d in records(corpus, AI_SYSTEM)]


def duties(corpus: Corpus, keys: tuple[str, ...] | None = None) -> list[Standing]:
    """Every duty (all, or those named by `keys`) of each system in use, whatever day it applies from:
    the readiness report lists those not in force yet as upcoming."""
    found = _all_duties(corpus)
    return list(found) if keys is None else [s for s in found if s.due.obligation.key in keys]


# A corpus is a mutable dataclass, so unhashable: the cache is keyed on its id, held with a weak
# reference whose callback drops the entry when the corpus goes (an id is reused only after that).
_CACHE: dict[int, tuple[weakref.ref[Corpus], tuple[Standing, ...]]] = {}


def _all_duties(corpus: Corpus) -> tuple[Standing, ...]:
    key = id(corpus)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is corpus:
        return hit[1]
    found = _work_out(corpus)
    _CACHE[key] = (weakref.ref(corpus, lambda _gone: _CACHE.pop(key, None)), found)
    return found


def _work_out(corpus: Corpus) -> tuple[Standing, ...]:
    acts = catalog()
    if acts is None:
        return ()
    pool = candidates(corpus)
    return tuple(
        Standing(system, duty, meeting(duty.obligation.artefact, system.record, pool))
        for system in systems(corpus) if system.classification.in_use
        for duty in due(acts, system.classification)
    )


def standing(corpus: Corpus, today: date, keys: tuple[str, ...] | None = None) -> list[Standing]:
    """Every duty (all, or those named by `keys`) in force on `today` for each system in use."""
    return [s for s in duties(corpus, keys) if s.due.in_force(today)]
