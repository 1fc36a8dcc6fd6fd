"""The risks that risk assessments and the risk treatment plan list in their `risks` field.

Each entry is `{id, title, level, treatment, accepted_by, accepted_on, expires}`
(schemas/record-risk-assessment.schema.yaml). The schema reports a malformed
entry; here every field is read defensively, so a value it rejected is simply
absent for the rules (AIMS860-AIMS864) instead of a crash.

An assessment may leave an accepted risk's acceptance to the treatment plan,
where top management records it: an entry of an approved plan with the same
risk id holds it (`acceptance`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from aims_lint.corpus import Corpus
from aims_lint.dates import parse_day
from aims_lint.doctypes import AI_SYSTEM, RISK_ASSESSMENT, RISK_TREATMENT_PLAN
from aims_lint.document import SourceFile
from aims_lint.inventory import Evidence, approved, extra, records, strings
from aims_lint.model import Record
from aims_lint.positions import join_pointer
from aims_lint.risk_criteria import LEVELS, TREATMENTS

FIELD = "risks"


@dataclass(frozen=True)
class Risk:
    source: SourceFile
    record: Record
    index: int
    entry: dict[str, Any]

    def text(self, name: str) -> str | None:
        value = self.entry.get(name)
        return value if isinstance(value, str) and value.strip() else None

    @property
    def id(self) -> str | None:
        return self.text("id")

    @property
    def label(self) -> str:
        return self.id or f"risk {self.index + 1}"

    @property
    def level(self) -> str | None:
        value = self.text("level")
        return value if value in LEVELS else None

    @property
    def treatment(self) -> str | None:
        value = self.text("treatment")
        return value if value in TREATMENTS else None

    @property
    def accepted_by(self) -> str | None:
        return self.text("accepted_by")

    @property
    def accepted_on(self) -> date | None:
        return parse_day(self.entry.get("accepted_on"))

    @property
    def expires(self) -> date | None:
        return parse_day(self.entry.get("expires"))

    def pointer(self, name: str = "") -> str:
        """The entry's field `name`; the entry itself when it has no such field."""
        if name and name in self.entry:
            return join_pointer(FIELD, self.index, name)
        return join_pointer(FIELD, self.index)


def risks_of(source: SourceFile, record: Record) -> list[Risk]:
    value = extra(record, FIELD)
    if not isinstance(value, list):
        return []
    return [Risk(source, record, i, entry) for i, entry in enumerate(value) if isinstance(entry, dict)]


def assessments(corpus: Corpus) -> list[Evidence]:
    return approved(corpus, RISK_ASSESSMENT)


def plans(corpus: Corpus) -> list[Evidence]:
    return approved(corpus, RISK_TREATMENT_PLAN)


def all_risks(corpus: Corpus) -> Iterator[Risk]:
    """Every risk of every approved assessment and treatment plan, in path order."""
    for source, record in sorted([*assessments(corpus), *plans(corpus)], key=lambda e: e[0].path):
        yield from risks_of(source, record)


def plan_acceptances(corpus: Corpus) -> dict[str, Risk]:
    """Risk id to its acceptance in an approved treatment plan (the latest plan wins)."""
    found: dict[str, Risk] = {}
    ordered = sorted(plans(corpus), key=lambda e: (e[1].event_date or date.min, e[0].path))
    for source, record in ordered:
        for risk in risks_of(source, record):
            if risk.id and risk.treatment == "accept" and risk.accepted_by:
                found[risk.id] = risk
    return found


def systems_at_risk(corpus: Corpus) -> dict[str, dict[str, Record]]:
    """Risk id to the AI systems in force (by id) whose approved risk assessments list it."""
    systems = systems_in_force(corpus)
    found: dict[str, dict[str, Record]] = {}
    for source, record in assessments(corpus):
        assessed = {i: systems[i] for i in strings(record, "assesses") if i in systems}
        for risk in risks_of(source, record):
            if risk.id:
                found.setdefault(risk.id, {}).update(assessed)
    return found


def systems_in_force(corpus: Corpus) -> dict[str, Record]:
    return {doc.id: doc for _, doc in records(corpus, AI_SYSTEM)}


def systems_of(
    risk: Risk, systems: dict[str, Record], by_risk: dict[str, dict[str, Record]]
) -> list[Record]:
    """The AI systems in force a risk belongs to: an assessment's `assesses`; for a
    treatment plan's entry, the systems whose assessments list the same risk id."""
    if risk.source.behaviour == RISK_ASSESSMENT:
        return [systems[i] for i in strings(risk.record, "assesses") if i in systems]
    return list(by_risk.get(risk.id or "", {}).values())
