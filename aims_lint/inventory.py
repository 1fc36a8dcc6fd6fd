"""Records as evidence: the AI system inventory, assessments, audits, reviews, nonconformities.

Kind-specific fields (`assesses`, `in_scope`, `corrective_actions`, ...) are
declared by the record schema, not the built-in model, so they arrive as extra
fields; the accessors here read them defensively, because a value the schema
rejected is reported by the schema rules and must not crash a rule here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from aims_lint.corpus import Corpus
from aims_lint.dates import add_months
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
