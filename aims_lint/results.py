"""What a run produces: the findings, and the result every reporter, the site and evidence read.

The bottom layer of the package (see `[tool.importlinter]` in pyproject.toml):
`Finding` and `Severity` are made by rules and read by everything above them,
and `LintResult` is what `engine.lint()` returns. Keeping the result here,
not in the engine, lets a reporter or a page read a run without importing
the orchestrator that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names in annotations only: the result carries them, it never calls them
    from aims_lint.corpus import Corpus
    from aims_lint.history import History
    from aims_lint.rule import Rule

CAP = 20
"""At most this many findings of one rule per document; one summary finding stands for the rest."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    # What `aims-lint discover` reports of AI use it found (AIMS1201-AIMS1209): evidence, not a
    # fault, so it never fails a run, not even with --strict. No `check` rule is a note unless
    # `severity` in the configuration makes it one.
    NOTE = "note"


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
    # A discovery finding about one use of AI (aims_lint/ai_usage/evidence.py `Use`): its kind, the
    # short text that shows it and the scanner's confidence, which `discover --format json` reports.
    # "" for every other finding (every `check` finding, and a finding about a record).
    kind: str = ""
    evidence: str = ""
    confidence: str = ""

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def suppress(self, reason: str) -> Finding:
        return replace(self, suppressed=reason)

    @property
    def counts(self) -> bool:
        """Suppressed findings are reported but never fail a run."""
        return self.suppressed is None


@dataclass
class LintResult:
    findings: list[Finding]
    corpus: Corpus
    rules: tuple[Rule, ...]
    today: date
    checked: list[str] = field(default_factory=list)  # paths whose findings are reported
    # Codes of the registered rules that `select` or `ignore` left out, sorted: readiness must
    # not call a system ready that was only judged in part (aims_lint/stage1.py).
    deselected: tuple[str, ...] = ()
    # (rule, path) of each error finding that `severity` lowered, sorted: readiness names them too.
    lowered: tuple[tuple[str, str], ...] = ()
    # The history the rules read, with the past revisions and proofs they loaded (None when no
    # rule needed it): the site reuses it, so a render reads each revision once.
    history: History | None = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.counts and f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.counts and f.severity is Severity.WARNING)

    @property
    def suppressed(self) -> int:
        return sum(1 for f in self.findings if not f.counts)

    def exit_code(self, *, strict: bool = False) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0
