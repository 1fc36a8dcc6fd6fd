"""One file through the pipeline: read, parse, validate against its schema, type it.

Each stage records what went wrong as `Problem`s keyed by the rule they belong
to (`aims_lint.problem`); the rule modules in `aims_lint.rules` turn them into findings. Nothing here
raises for bad input.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK
from aims_lint.discover import Candidate
from aims_lint.doctypes import LEGACY_KINDS, SOA, model_for
from aims_lint.frontmatter import ParsedFile, parse
from aims_lint.model import Document, Record
from aims_lint.placeholders import placeholder_fields
from aims_lint.positions import join_pointer, locate, locate_key, pointer_parts, scalar_text
from aims_lint.problem import Problem, RuleKey
from aims_lint.schemas import SchemaSet, TypeSchema
from aims_lint.unsafe_text import file_name_problem
from aims_lint.validate import classify


@dataclass
class SourceFile:
    """A document file as the rules see it: where it is, what it says, what is wrong."""

    path: str
    parsed: ParsedFile
    schema: TypeSchema | None = None
    model: Document | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        return self.parsed.data or {}

    @property
    def folder(self) -> str:
        """The folder the file is in, as a repo-relative path (`governance/policies`)."""
        return self.path.rpartition("/")[0]

    @property
    def behaviour(self) -> str | None:
        """The built-in behaviour this document takes (`aims_lint/doctypes.py`); for a
        record, its kind's (`ai-system`, `nonconformity`, ...) when the kind has one."""
        if self.schema is None:
            return None
        if self.schema.record_kind is None and isinstance(self.model, Record):
            kind = self.model.record_kind
            return kind if kind in LEGACY_KINDS else self.schema.behaviour
        return self.schema.behaviour

    @property
    def controlled(self) -> bool:
        """Versioned and approved: its behaviour says so or, lacking one, its schema requires
        a version. Changing such a document needs a version bump and a new approval."""
        if self.schema is None:
            return False
        semantics = self.schema.semantics
        if semantics is not None:
            return semantics.controlled
        return "version" in self.schema.required

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        find = locate_key if key else locate
        return find(self.parsed.root, pointer, self.parsed.line_offset)


def load(candidate: Candidate, schemas: SchemaSet, max_bytes: int) -> SourceFile:
    if candidate.refused:
        source = SourceFile(candidate.path, ParsedFile())
        source.problems.append(Problem(RuleKey.UNSAFE_PATH, candidate.refused))
        return source
    try:
        raw = _read(candidate, max_bytes)
    except OSError as exc:
        source = SourceFile(candidate.path, ParsedFile())
        source.problems.append(Problem(RuleKey.UNREADABLE_FILE, f"cannot read file: {exc.strerror}"))
        return source
    source = SourceFile(candidate.path, parse(raw, max_bytes=max_bytes))
    unsafe_name = file_name_problem(candidate.path)
    if unsafe_name:  # still read and checked; only its name is the problem
        source.problems.append(Problem(RuleKey.UNSAFE_FILE_NAME, f"file name {unsafe_name}"))
    source.problems.extend(source.parsed.problems)
    if source.parsed.data is not None:
        _validate(source, schemas)
    return source


def _read(candidate: Candidate, max_bytes: int) -> bytes:
    # Non-blocking open and a check on the opened file (not a stat before it):
    # a FIFO named *.md would otherwise block the run forever waiting for a writer.
    fd = os.open(candidate.absolute, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        # Enough to know it is too large, no more. Asking for the limit at once would
        # allocate it (1 MiB) for every file, which doubled the reading time.
        limit = max_bytes + 1
        data = handle.read(min(status.st_size + 1, limit))
        if len(data) == status.st_size + 1 and len(data) < limit:  # it grew meanwhile
            data += handle.read(limit - len(data))
        return data


def _validate(source: SourceFile, schemas: SchemaSet) -> None:
    declared = source.data.get("type")
    schema = schemas.by_type.get(declared) if isinstance(declared, str) else None
    schema = schema or schemas.for_path(source.path)
    if schema is None:
        return
    source.schema = schemas.for_document(schema, source.data)
    # A placeholder is reported once, as a to-do; the wrong type or value it holds is not news.
    pending = dict(placeholder_fields(source.data))
    seen: set[Problem] = set()  # one problem, one finding, however many errors reached it
    framework = _soa_framework(source)
    for error in source.schema.errors(source.data):
        if error.absolute_path and error.absolute_path[0] in pending:
            continue
        written = scalar_text(source.parsed.root, join_pointer(*error.absolute_path))
        for problem in classify(error, written, source.schema.declared, source.schema.behaviour, framework):
            line, column = source.locate(problem.pointer, key=problem.at_key)
            located = problem.at(line, column)
            if located not in seen:
                seen.add(located)
                source.problems.append(located)
    for name, wanted in pending.items():
        pointer = join_pointer(name)
        message = f"'{name}' is still a placeholder; fill in {wanted}"
        line, column = source.locate(pointer)
        source.problems.append(Problem(RuleKey.PLACEHOLDER_VALUE, message, line, column, pointer))
    source.model = _typed(source, source.schema)


def _soa_framework(source: SourceFile) -> str | None:
    """The framework an SoA decides on, for the suggestions of its schema errors (`framework:`, ISO/IEC
    42001 when absent or not a string); None for any other document."""
    if source.schema is None or source.behaviour != SOA:
        return None
    written = source.data.get("framework")
    return written if isinstance(written, str) else DEFAULT_FRAMEWORK


def _typed(source: SourceFile, schema: TypeSchema) -> Document | None:
    """Build the typed model; fields the schema already rejected are left out."""
    model_class = model_for(schema.behaviour)
    # Keys such as `true:` or `1:` are the schema's to report (unknown field); the model
    # would report them again, and pydantic names the key True as 1, at the wrong place.
    data = {key: value for key, value in source.data.items() if isinstance(key, str)}
    cycle = schema.default_review_cycle
    if cycle is not None:
        data.setdefault("review_cycle_months", cycle)
    # Top-level fields the schema already rejected; their model errors are not news.
    flagged = {(pointer_parts(p.pointer) or [""])[0] for p in source.problems if p.pointer}
    for _ in range(2):
        try:
            return model_class.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors()
            for error in errors:
                if _field(error) not in flagged:
                    _report_unreadable(source, error)
            flagged.update(_field(error) for error in errors)
            bad = {_field(error) for error in errors if error["loc"]}
            if not bad or not bad.isdisjoint(_REQUIRED_BY_MODEL):
                break
            data = _without(data, errors)
    return None


def _without(data: dict[str, Any], errors: list[ErrorDetails]) -> dict[str, Any]:
    """The data minus what the model rejected: the bad items of a list, else the whole field.

    Dropping only the bad item keeps one broken role (or SoA entry) from taking
    every other one with it, which would flood the repository with findings.
    """
    whole: set[str] = set()
    items: dict[str, set[int]] = {}
    for error in errors:
        loc = error["loc"]
        if not loc:
            continue
        name = str(loc[0])
        if len(loc) > 1 and isinstance(loc[1], int) and isinstance(data.get(name), list):
            items.setdefault(name, set()).add(loc[1])
        else:
            whole.add(name)
    kept = {k: v for k, v in data.items() if k not in whole}
    for name, bad in items.items():
        if name in kept:
            kept[name] = [item for index, item in enumerate(data[name]) if index not in bad]
    return kept


def _field(error: ErrorDetails) -> str:
    return str(error["loc"][0]) if error["loc"] else ""


def _report_unreadable(source: SourceFile, error: ErrorDetails) -> None:
    """The schema accepted what the built-in model cannot read: the organisation
    loosened a field the rules depend on. Reported even when the field is then
    left out, or the rules reading it would go quiet without a word."""
    pointer = join_pointer(*error["loc"])
    line, column = source.locate(pointer)
    message = f"'{pointer.lstrip('/')}' cannot be read by the built-in rules: {error['msg']}"
    source.problems.append(Problem(RuleKey.SCHEMA_VIOLATION, message, line, column, pointer))


_REQUIRED_BY_MODEL = frozenset({"id", "title", "type", "status", "record_kind"})
