"""What a rule is: an id, a name, a severity, docs, and a pure `check`.

A rule is a module in `aims_lint.rules` with a module docstring (what it checks,
why, a passing and a failing example), a `RULE = RuleInfo(...)` and a
`check(ctx)` generator. Rules never read files, call git or print: they take
the corpus in `Context` and yield findings.

A rule of the parse or validate stage reports the problems those stages keyed
with its `RuleKey` (`aims_lint.problem`): its `RULE` is a `StageRuleInfo`
carrying that key and its `check` is `RULE.recorded(ctx)`. `wiring_errors`
is what the registry checks at import (one rule per key, one key per stage
rule, every module with a docstring, a `RULE` and a `check`), and
`signature_errors` what the meta-tests check of each `check`.

Git history is data too. A rule that needs it says `needs_history=True`, and
the engine reads the log once. A rule that reads documents as they were at
past commits (AIMS901, AIMS904) also has a `revisions(ctx)` generator that
names every revision its `check` will read (`ReadsRevisions`); the engine
loads them all, in one git process, into the read-only `History` before any
rule runs. Why loaded up front rather than a reader handed to the rules:
see `aims_lint/history/history.py`.
"""

from __future__ import annotations

import inspect
import typing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from aims_lint.config import Settings
from aims_lint.corpus import Corpus
from aims_lint.document import SourceFile
from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.schemas import SchemaSet

if TYPE_CHECKING:
    from aims_lint.ai_usage.evidence import Discovery
    from aims_lint.body_templates import BodyTemplate, TemplateKey
    from aims_lint.history import History, Read


@dataclass(frozen=True)
class Context:
    corpus: Corpus
    settings: Settings
    schemas: SchemaSet
    today: date
    # Git history, loaded once per run and only when a selected rule declares
    # `needs_history` (or in --base mode); None otherwise. Read-only, with the
    # past revisions every selected rule's `revisions(ctx)` named already loaded.
    history: History | None = None
    # Paths the run was asked about that are no document (aims_lint/selection.py; AIMS020).
    unclaimed: tuple[str, ...] = ()
    # The templates of the documents the body rules judge, read by the engine
    # (aims_lint/body_templates.py); AIMS1004 compares bodies with them.
    templates: Mapping[TemplateKey, BodyTemplate] = field(default_factory=dict)
    # What `aims-lint discover` found in the source trees it scanned (aims_lint/ai_usage/); set
    # only for the discovery rules (RuleInfo.discovery), None in every `check`.
    discovered: Discovery | None = None


@dataclass(frozen=True)
class RuleInfo:
    # stable, never reused: AIMS + three digits (four for the body rules AIMS1001-AIMS1049, the
    # EU AI Act rules AIMS1101-AIMS1149 and the discovery rules AIMS1201-AIMS1249)
    code: str
    name: str  # kebab-case
    severity: Severity
    summary: str  # one line for listings
    needs_history: bool = False  # the engine reads git history only when a selected rule says so
    # A discovery rule (AIMS1201-AIMS1249) judges what `aims-lint discover` found in source trees
    # (Context.discovered): it runs only under `discover`, never in a `check`, which scans no code.
    discovery: bool = False

    def at(self, source: SourceFile, pointer: str, message: str, *, key: bool = False) -> Finding:
        line, column = source.locate(pointer, key=key)
        return self.finding(source.path, line, column, message, pointer)

    def finding(
        self, path: str, line: int, column: int, message: str, pointer: str = ""
    ) -> Finding:
        return Finding(path, line, column, self.code, self.name, self.severity, message, pointer)


@dataclass(frozen=True)
class StageRuleInfo(RuleInfo):
    """A rule whose findings are the problems the parse and validate stages keyed for it."""

    key: RuleKey = field(kw_only=True)

    def recorded(self, ctx: Context) -> Iterator[Finding]:
        """Findings for the problems keyed with this rule's key."""
        for source in ctx.corpus.sources:
            for problem in source.problems:
                if problem.rule is self.key:
                    yield self.finding(
                        source.path, problem.line, problem.column, problem.message, problem.pointer
                    )


class Rule(Protocol):
    """The shape of a rule module; mypy checks every module in the registry against it."""

    __doc__: str | None
    RULE: RuleInfo

    def check(self, ctx: Context) -> Iterator[Finding]: ...


def wiring_errors(modules: Iterable[ModuleType]) -> list[str]:
    """What keeps these modules from being the registry; [] when nothing does.

    The registry imports its modules by name, so mypy cannot hold them to
    `Rule`: this checks their shape, and ties the stages' keys to rules. It runs
    at every start-up, so the signature of `check` is compared in the tests
    instead (`signature_errors`; resolving 64 signatures took 26 ms).
    """
    modules = list(modules)
    errors = [error for module in modules for error in _shape_errors(module)]
    return errors or _key_errors([module.RULE for module in modules])


def _shape_errors(module: ModuleType) -> list[str]:
    name = module.__name__
    errors = [] if isinstance(module.__doc__, str) else [f"{name} has no docstring"]
    if not isinstance(getattr(module, "RULE", None), RuleInfo):
        errors.append(f"{name}.RULE is not a RuleInfo")
    if not inspect.isfunction(getattr(module, "check", None)):
        errors.append(f"{name}.check is not a function")
    return errors


def signature_errors(module: ModuleType) -> list[str]:
    """How `module.check` differs from `Rule.check`: names, kinds and resolved annotations."""
    check = getattr(module, "check", None)
    if inspect.isfunction(check) and _signature(check) == _signature(Rule.check, bound=True):
        return []
    return [f"{module.__name__}.check is not `def check(ctx: Context) -> Iterator[Finding]`"]


def _signature(function: Callable[..., object], *, bound: bool = False) -> object:
    """What mypy compares: parameter names and kinds, annotations as the types they name."""
    hints = typing.get_type_hints(function)
    parameters = list(inspect.signature(function).parameters.values())[1 if bound else 0 :]
    return [(p.name, p.kind, hints.get(p.name)) for p in parameters], hints.get("return")


def _key_errors(infos: list[RuleInfo]) -> list[str]:
    staged = [info for info in infos if isinstance(info, StageRuleInfo)]
    claimed = Counter(info.key for info in staged)
    errors = [f"no rule has the stage key RuleKey.{key.name}" for key in RuleKey if key not in claimed]
    errors += [f"several rules have the stage key RuleKey.{k.name}" for k, n in claimed.items() if n > 1]
    errors += [
        f"{info.code} is named {info.name!r} but keyed RuleKey.{info.key.name} ({info.key.value!r})"
        for info in staged
        if info.name != info.key.value
    ]
    keys = {key.value: key for key in RuleKey}
    errors += [
        f"{info.code} {info.name} is a stage rule without its key: make RULE a "
        f"StageRuleInfo(..., key=RuleKey.{keys[info.name].name})"
        for info in infos
        if info.name in keys and not isinstance(info, StageRuleInfo)
    ]
    return errors
@runtime_checkable
class ReadsRevisions(Rule, Protocol):
    """A rule that reads documents as they were at past commits.

    `revisions(ctx)` is called with the history attached and before any rule
    runs; it yields each (commit, path) its `check` will pass to
    `History.front_matter` or `History.snapshot`, with the blob id the log
    gave (a superset is fine). Reading one it did not name raises
    `RevisionNotLoaded`.
    """

    def revisions(self, ctx: Context) -> Iterator[Read]: ...


@runtime_checkable
class VerifiesSignatures(Rule, Protocol):
    """A rule that judges the SSH signatures on approval commits (approval_evidence "signed").

    `signed_commits(ctx)` is called after the revisions are loaded and before
    any rule runs; it yields each commit id whose signature (or a signed tag
    on it) its `check` will read from `History.signatures`. The engine
    verifies them all in one pass against the allowed-signers file made from
    the roles registry (`History.with_signatures`).
    """

    def signed_commits(self, ctx: Context) -> Iterator[str]: ...


@runtime_checkable
class ReadsForgeNotes(Rule, Protocol):
    """A rule that reads the forge's approval records (approval_evidence "forge").

    `reads_forge(ctx)` says whether this run needs them (False when no
    document is at the forge level); the engine then reads every note under
    `refs/notes/aims-approvals` once (`History.with_forge`) before any rule runs.
    """

    def reads_forge(self, ctx: Context) -> bool: ...

