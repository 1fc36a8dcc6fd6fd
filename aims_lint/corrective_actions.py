"""The actions of a nonconformity, read the same way from both of the fields that hold them.

A nonconformity lists its corrections and corrective actions in `actions`
(`{id, owner, due, status: open|done}`); records written for 0.1 use
`corrective_actions` (`{action, owner, due, done_on}`), where an action is done
once it has a `done_on` date. The rules, the roles check and the dashboard ask
this module, so each reads both fields and none decides "done" on its own.
Values the schema rejects (an item that is not a mapping) are left out here:
the schema rules report them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from aims_lint.dates import parse_day
from aims_lint.model import Document
from aims_lint.positions import join_pointer

# Both fields, the current one first: the order rules report and the dashboard lists actions in.
FIELDS: tuple[str, ...] = ("actions", "corrective_actions")
LEGACY_FIELD = "corrective_actions"


@dataclass(frozen=True)
class Action:
    """One action of a nonconformity, with where it is written."""

    field: str  # "actions" or "corrective_actions"
    index: int
    data: dict[str, Any]

    def pointer(self, key: str | None = None) -> str:
        """The JSON pointer of the action, or of one of its keys."""
        return join_pointer(self.field, self.index, key) if key else join_pointer(self.field, self.index)

    @property
    def done(self) -> bool:
        if self.field == LEGACY_FIELD:
            return bool(self.data.get("done_on"))
        return self.data.get("status") == "done"

    @property
    def due(self) -> date | None:
        return parse_day(self.data.get("due"))

    @property
    def done_on(self) -> date | None:
        """The day the action was finished, when it says (optional in `actions`)."""
        return parse_day(self.data.get("done_on"))

    @property
    def owner(self) -> str | None:
        owner = self.data.get("owner")
        return owner if isinstance(owner, str) else None

    @property
    def state_pointer(self) -> str:
        """Where the action says whether it is done: `status`, or for 0.1 actions `done_on`."""
        key = "done_on" if self.field == LEGACY_FIELD else "status"
        return self.pointer(key) if key in self.data else self.pointer()

    @property
    def label(self) -> str:
        """How a message names it: its id, else its place in the list."""
        ident = self.data.get("id")
        if isinstance(ident, str) and ident.strip():
            return f"action {ident.strip()}"
        noun = "corrective action" if self.field == LEGACY_FIELD else "action"
        return f"{noun} {self.index + 1}"


def actions_of(doc: Document) -> list[Action]:
    """Every action a nonconformity lists, `actions` first, each list in its order."""
    found = []
    for field in FIELDS:
        value = (doc.model_extra or {}).get(field)
        if isinstance(value, list):
            found += [Action(field, i, item) for i, item in enumerate(value) if isinstance(item, dict)]
    return found


def open_actions(doc: Document) -> Iterator[Action]:
    return (a for a in actions_of(doc) if not a.done)
