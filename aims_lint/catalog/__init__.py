"""ISO/IEC 42001:2023 as data: clauses, Annex A objectives and controls, required records.

The catalog in `iso42001.yaml` is the single source for every identifier check,
the SoA skeleton of `aims-lint init` and the readiness report. It is parsed on
first use, once per process, so importing a rule module costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

from aims_lint.catalog.suggest import explain, nearest


@dataclass(frozen=True)
class DocumentedInformation:
    """A document or record the standard expects for a clause, and what can satisfy it."""

    id: str
    title: str
    clause: str
    expected_types: tuple[str, ...]
    expected_record_kinds: tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    id: str
    title: str
    description: str
    documented_information: tuple[DocumentedInformation, ...] = ()

    @property
    def parent(self) -> str | None:
        return self.id.rsplit(".", 1)[0] if "." in self.id else None

    @property
    def top(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class Objective:
    id: str
    title: str
    description: str
    parent: str | None = None


@dataclass(frozen=True)
class Control:
    id: str
    objective: str
    title: str
    description: str


@dataclass(frozen=True)
class Catalog:
    standard: str
    clauses: tuple[Clause, ...]
    objectives: tuple[Objective, ...]
    controls: tuple[Control, ...]
    _index: dict[str, Clause | Objective | Control] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        items: list[Clause | Objective | Control] = [*self.clauses, *self.objectives, *self.controls]
        for item in items:
            self._index[item.id] = item

    def clause(self, clause_id: str) -> Clause | None:
        found = self._index.get(clause_id)
        return found if isinstance(found, Clause) else None

    def control(self, control_id: str) -> Control | None:
        found = self._index.get(control_id)
        return found if isinstance(found, Control) else None

    def objective(self, objective_id: str) -> Objective | None:
        found = self._index.get(objective_id)
        return found if isinstance(found, Objective) else None

    @cached_property
    def top_clauses(self) -> tuple[Clause, ...]:
        """Clauses 4 to 10, the ones an audit cycle must cover."""
        return tuple(c for c in self.clauses if c.parent is None)

    @cached_property
    def documented_information(self) -> tuple[DocumentedInformation, ...]:
        return tuple(item for c in self.clauses for item in c.documented_information)

    def controls_of(self, objective_id: str) -> tuple[Control, ...]:
        return tuple(c for c in self.controls if c.objective == objective_id)

    def suggest(self, identifier: str) -> str | None:
        """The known clause or control an unknown id most likely meant, if any."""
        return nearest(self, identifier)

    def explain(self, identifier: str) -> str:
        """Why an unknown id is wrong, in a few words ("" when there is nothing to add)."""
        return explain(self, identifier)


def covers(listed: str, clause_id: str) -> bool:
    """A listed clause covers `clause_id` when it is that clause or one of its sub-clauses."""
    return listed == clause_id or listed.startswith(clause_id + ".")


@cache
def load_catalog() -> Catalog:
    """The packaged catalog, parsed once per process."""
    import yaml  # deferred: `aims-lint --help` and rule imports must not pay for YAML

    from aims_lint.yaml12 import CoreLoader

    text = resources.files("aims_lint.catalog").joinpath("iso42001.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=CoreLoader)  # CoreLoader is a safe loader
    return _build(raw)


def suggest(identifier: str) -> str | None:
    """Did-you-mean for an unknown clause or control id (module-level shortcut)."""
    return load_catalog().suggest(identifier)


def _build(raw: dict[str, Any]) -> Catalog:
    clauses = tuple(_clause(c) for c in raw["clauses"])
    objectives = tuple(
        Objective(str(o["id"]), o["title"], o["description"], o.get("parent")) for o in raw["objectives"]
    )
    controls = tuple(
        Control(str(c["id"]), str(c["objective"]), c["title"], c["description"]) for c in raw["controls"]
    )
    return Catalog(str(raw["standard"]), clauses, objectives, controls)


def _clause(raw: dict[str, Any]) -> Clause:
    clause_id = str(raw["id"])
    items = tuple(
        DocumentedInformation(
            str(d["id"]), d["title"], clause_id,
            tuple(d.get("expected_types") or ()), tuple(d.get("expected_record_kinds") or ()),
        )
        for d in raw.get("documented_information") or ()
    )
    return Clause(clause_id, raw["title"], raw["description"], items)
