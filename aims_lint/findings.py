"""The one record every stage produces and every reporter consumes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

CAP = 20
"""At most this many findings of one rule per document; one summary finding stands for the rest."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """A problem at a place: repo-relative path, 1-based line and column.

    Field order is the sort order, so sorting findings gives the stable,
    file-then-position order every reporter relies on.
    """

    path: str
    line: int
    column: int
    rule: str  # stable code, e.g. AIMS301
    name: str  # kebab-case rule name, e.g. unknown-role
    severity: Severity
    message: str
    json_path: str = ""  # JSON pointer of the field, "" for the whole file
    suppressed: str | None = field(default=None, compare=False)  # the written reason
    omitted: int = field(default=0, compare=False)  # on a cap's summary: how many it stands for

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def suppress(self, reason: str) -> Finding:
        return replace(self, suppressed=reason)

    @property
    def counts(self) -> bool:
        """Suppressed findings are reported but never fail a run."""
        return self.suppressed is None
