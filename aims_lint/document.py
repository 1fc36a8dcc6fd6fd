"""One file through the pipeline: read, parse, validate against its schema, type it.

Each stage records what went wrong as `Problem`s tagged with the rule they belong
to; the rule modules in `aims_lint.rules` turn them into findings. Nothing here
raises for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from aims_lint.discover import Candidate
from aims_lint.frontmatter import ParsedFile, parse
from aims_lint.model import MODELS, Document
from aims_lint.positions import join_pointer, locate, locate_key
from aims_lint.schemas import SchemaSet, TypeSchema
from aims_lint.validate import Problem, classify


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
        return self.path.split("/", 1)[0]

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        find = locate_key if key else locate
        return find(self.parsed.root, pointer, self.parsed.line_offset)


def load(candidate: Candidate, schemas: SchemaSet, max_bytes: int) -> SourceFile:
    if candidate.refused:
        source = SourceFile(candidate.path, ParsedFile())
        source.problems.append(Problem("unsafe-path", "", candidate.refused, 1, 1))
        return source
    try:
        raw = _read(candidate, max_bytes)
    except OSError as exc:
        source = SourceFile(candidate.path, ParsedFile())
        source.problems.append(
            Problem("unreadable-file", "", f"cannot read file: {exc.strerror}", 1, 1)
        )
        return source
    source = SourceFile(candidate.path, parse(raw, max_bytes=max_bytes))
    source.problems.extend(
        Problem(p.rule, "", p.message, p.line, p.column) for p in source.parsed.problems
    )
    if source.parsed.data is not None:
        _validate(source, schemas)
    return source


def _read(candidate: Candidate, max_bytes: int) -> bytes:
    with candidate.absolute.open("rb") as handle:
        return handle.read(max_bytes + 1)  # enough to know it is too large, no more


def _validate(source: SourceFile, schemas: SchemaSet) -> None:
    declared = source.data.get("type")
    schema = schemas.by_type.get(declared) if isinstance(declared, str) else None
    source.schema = schema or schemas.for_folder(source.folder)
    if source.schema is None:
        return
    for error in source.schema.errors(source.data):
        for problem in classify(error):
            line, column = source.locate(problem.pointer, key=problem.at_key)
            source.problems.append(problem.at(line, column))
    source.model = _typed(source, source.schema)


def _typed(source: SourceFile, schema: TypeSchema) -> Document | None:
    """Build the typed model; fields the schema already rejected are left out."""
    model_class = MODELS[schema.type]
    data = dict(source.data)
    cycle = schema.default_review_cycle
    if cycle is not None:
        data.setdefault("review_cycle_months", cycle)
    error: ValidationError | None = None
    for _ in range(2):
        try:
            return model_class.model_validate(data)
        except ValidationError as exc:
            error = exc
            bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
            if not bad or not bad.isdisjoint(_REQUIRED_BY_MODEL):
                break
            data = {k: v for k, v in data.items() if k not in bad}
    if error is not None and not source.problems:
        # The schema accepted what the built-in model cannot read: the
        # organisation loosened a field the rules depend on.
        first = error.errors()[0]
        pointer = join_pointer(*first["loc"])
        line, column = source.locate(pointer)
        message = f"'{pointer.lstrip('/')}' cannot be read by the built-in rules: {first['msg']}"
        source.problems.append(Problem("schema-violation", pointer, message, line, column))
    return None


_REQUIRED_BY_MODEL = frozenset({"id", "title", "type", "status", "record_kind"})
