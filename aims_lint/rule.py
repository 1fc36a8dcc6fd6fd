"""What a rule is: an id, a name, a severity, docs, and a pure `check`.

A rule is a module in `aims_lint.rules` with a module docstring (what it checks,
why, a passing and a failing example), a `RULE = RuleInfo(...)` and a
`check(ctx)` generator. Rules never read files, call git or print: they take
the corpus in `Context` and yield findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from aims_lint.config import Settings
from aims_lint.corpus import Corpus
from aims_lint.document import SourceFile
from aims_lint.findings import Finding, Severity
from aims_lint.schemas import SchemaSet

if TYPE_CHECKING:
    from aims_lint.history import History


@dataclass(frozen=True)
class Context:
    corpus: Corpus
    settings: Settings
    schemas: SchemaSet
    today: date
    # Git history, loaded once per run and only when a selected rule declares
    # `needs_history` (or in --base mode); None otherwise.
    history: History | None = None
    # Paths the run was asked about that are no document (aims_lint/selection.py; AIMS020).
    unclaimed: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleInfo:
    code: str  # stable, never reused: AIMS + three digits
    name: str  # kebab-case
    severity: Severity
    summary: str  # one line for listings
    needs_history: bool = False  # the engine reads git history only when a selected rule says so

    def at(self, source: SourceFile, pointer: str, message: str, *, key: bool = False) -> Finding:
        line, column = source.locate(pointer, key=key)
        return self.finding(source.path, line, column, message, pointer)

    def finding(
        self, path: str, line: int, column: int, message: str, pointer: str = ""
    ) -> Finding:
        return Finding(path, line, column, self.code, self.name, self.severity, message, pointer)

    def recorded(self, ctx: Context) -> Iterator[Finding]:
        """Findings for the problems the parse and schema stages tagged with this rule."""
        for source in ctx.corpus.sources:
            for problem in source.problems:
                if problem.rule == self.name:
                    yield self.finding(
                        source.path, problem.line, problem.column, problem.message, problem.pointer
                    )


class Rule(Protocol):
    """The shape of a rule module; mypy checks every module in the registry against it."""

    __doc__: str | None
    RULE: RuleInfo

    def check(self, ctx: Context) -> Iterator[Finding]: ...
