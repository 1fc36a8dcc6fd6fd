"""The document ids a document refers to, in every field that holds them (`doctypes.REFERENCE_FIELDS`).

`related` is a typed field of every document; the others (`suppliers`,
`assessments`, `systems_in_scope`) are declared by a kind's or type's
schema and arrive as extra fields, so they are read defensively: a value the
schema rejected is the schema rules' finding, never a crash here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from aims_lint.doctypes import REFERENCE_FIELDS
from aims_lint.model import Document
from aims_lint.positions import join_pointer


@dataclass(frozen=True)
class Reference:
    field: str
    index: int
    target: str

    @property
    def pointer(self) -> str:
        return join_pointer(self.field, self.index)

    def names(self) -> str:
        """How a message names the reference: "related document X", "suppliers entry X"."""
        if self.field == "related":
            return f"related document {self.target}"
        return f"{self.field} entry {self.target}"


def references(doc: Document) -> Iterator[Reference]:
    """Every id `doc` refers to, field by field in `REFERENCE_FIELDS` order, then in list order."""
    extra = doc.model_extra or {}
    for name in REFERENCE_FIELDS:
        values = doc.related if name == "related" else extra.get(name)
        if isinstance(values, list):
            for index, value in enumerate(values):
                if isinstance(value, str):
                    yield Reference(name, index, value)
