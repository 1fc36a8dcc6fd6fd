"""Records as evidence: the AI system inventory, assessments, audits, reviews, nonconformities.

Kind-specific fields (`assesses`, `in_scope`, `corrective_actions`, ...) are
declared by the record schema, not the built-in model, so they arrive as extra
fields; the accessors here read them defensively, because a value the schema
rejected is reported by the schema rules and must not crash a rule here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from aims_lint.corpus import Corpus
from aims_lint.dates import add_months
from aims_lint.doctypes import SUPPLIER, SUPPLIER_ASSESSMENT
from aims_lint.document import SourceFile
from aims_lint.model import Record

Evidence = tuple[SourceFile, Record]


def records(corpus: Corpus, kind: str) -> list[Evidence]:
    """Records in force (not superseded) whose kind takes the built-in behaviour `kind`
    (`aims_lint.doctypes`: AI_SYSTEM, NONCONFORMITY, ...), in path order."""
    return [
        (s, d) for s, d in corpus.typed
        if isinstance(d, Record) and s.behaviour == kind and d.active
    ]


def approved(corpus: Corpus, kind: str) -> list[Evidence]:
    return [(s, d) for s, d in records(corpus, kind) if d.status == "approved"]


def extra(doc: Record, name: str) -> Any:
    return (doc.model_extra or {}).get(name)


def strings(doc: Record, name: str) -> tuple[str, ...]:
    value = extra(doc, name)
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def assessing(evidence: Iterable[Evidence], subject: str) -> list[Evidence]:
    """The records whose `assesses` lists `subject`."""
    return [(s, d) for s, d in evidence if subject in strings(d, "assesses")]


def by_subject(evidence: Iterable[Evidence]) -> dict[str, list[Evidence]]:
    """`assessing` for every subject at once, in the same order.

    Rules that look up each AI system build this once: asking `assessing`
    per system scans every assessment for every system (quadratic).
    """
    index: dict[str, list[Evidence]] = {}
    for source, doc in evidence:
        for subject in dict.fromkeys(strings(doc, "assesses")):  # listed twice, counted once
            index.setdefault(subject, []).append((source, doc))
    return index


def latest(evidence: Iterable[Evidence]) -> Evidence | None:
    """The record with the latest event date; undated records count as oldest."""
    ordered = sorted(evidence, key=lambda e: (e[1].event_date or date.min, e[0].path))
    return ordered[-1] if ordered else None


def older_than(day: date | None, months: int, today: date) -> bool:
    """True when `day` is more than `months` months before `today` (or unknown)."""
    return day is None or add_months(day, months) < today


def date_pointer(source: SourceFile) -> str:
    """Where a record's date is written: its `event_date`, or its `id` when it has none."""
    return "/event_date" if "event_date" in source.data else "/id"


def stale_message(assessment: Record, systems: list[str], months: int) -> str:
    """Why the latest assessment of `systems` is older than its cycle of `months` (AIMS801, AIMS802)."""
    when = f"event_date {assessment.event_date}" if assessment.event_date else "no event_date"
    named = ", ".join(systems)
    return (f"{assessment.record_kind} {assessment.id} ({when}) is the latest for AI system {named} "
            f"and is older than its cycle of {months} months (assessment_max_age_months); "
            "reassess and record the new assessment")


# AI discovery (aims_lint/ai_usage/, docs/inventory.md): where an AI system lives and which models it
# uses. Read defensively like every kind-specific field: an entry the schema rejects is skipped here.


@dataclass(frozen=True)
class SourceEntry:
    """One `sources` entry of an AI system: `path` inside `repo` ("" for this repository)."""

    index: int  # position in the list, for the finding's pointer
    repo: str
    path: str


@dataclass(frozen=True)
class ModelEntry:
    """One `models` entry of an AI system; `supplier` is a supplier record's id or free text."""

    index: int
    id: str
    version: str
    supplier: str


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    return value.strip() if isinstance(value, str) else ""


def source_entries(doc: Record) -> tuple[SourceEntry, ...]:
    value = extra(doc, "sources")
    if not isinstance(value, list):
        return ()
    found = []
    for index, entry in enumerate(value):
        if isinstance(entry, dict) and _text(entry, "path"):
            repo = _text(entry, "repo")
            found.append(SourceEntry(index, "" if repo == "." else repo, _text(entry, "path")))
    return tuple(found)


def model_entries(doc: Record) -> tuple[ModelEntry, ...]:
    value = extra(doc, "models")
    if not isinstance(value, list):
        return ()
    return tuple(
        ModelEntry(index, _text(entry, "id"), _text(entry, "version"), _text(entry, "supplier"))
        for index, entry in enumerate(value)
        if isinstance(entry, dict) and _text(entry, "id")
    )


def model_key(model_id: str) -> str:
    """How model ids compare: hub ids are case-insensitive (`Org/Model` is `org/model`)."""
    return model_id.strip().casefold()


def find_supplier(corpus: Corpus, named: str) -> Evidence | None:
    """The supplier register record in force that `named` means: its id, else its legal name
    (`supplier`, case and spacing aside); None when none does."""
    register = records(corpus, SUPPLIER)
    for source, doc in register:
        if doc.id == named:
            return source, doc
    wanted = " ".join(named.split()).casefold()
    for source, doc in register:
        name = extra(doc, "supplier")
        if isinstance(name, str) and " ".join(name.split()).casefold() == wanted:
            return source, doc
    return None


def supplier_assessments(corpus: Corpus, supplier: Record) -> list[Evidence]:
    """The approved supplier assessments in force of a supplier register record: those its
    `assessments` lists, and those whose `assesses` names it."""
    listed = set(strings(supplier, "assessments"))
    return [
        (s, d) for s, d in approved(corpus, SUPPLIER_ASSESSMENT)
        if d.id in listed or supplier.id in strings(d, "assesses")
    ]


@dataclass(frozen=True)
class SupplierStanding:
    """Whether a model's supplier is assessed, as AIMS1222 and the site's inventory coverage
    page judge it: `state` is "assessed", "stale" (latest assessment older than its cycle),
    "unassessed" (no approved assessment), "unregistered" (no supplier record in force is named)
    or "unnamed" (the entry names no supplier)."""

    state: str
    supplier: Evidence | None = None
    assessment: Evidence | None = None


def supplier_standing(corpus: Corpus, named: str, months: int, today: date) -> SupplierStanding:
    if not named:
        return SupplierStanding("unnamed")
    found = find_supplier(corpus, named)
    if found is None:
        return SupplierStanding("unregistered")
    assessment = latest(supplier_assessments(corpus, found[1]))
    if assessment is None:
        return SupplierStanding("unassessed", found)
    if older_than(assessment[1].event_date, months, today):
        return SupplierStanding("stale", found, assessment)
    return SupplierStanding("assessed", found, assessment)
