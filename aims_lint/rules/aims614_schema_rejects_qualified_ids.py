"""A schema must accept the framework-qualified ids its documents cite.

Documents may cite other frameworks (`ISO27001:A.5.1`, `NIST-AI-RMF:GOVERN-1.1`)
and write `ISO42001:` before 42001's own ids. A repository whose schemas were
copied before that holds `clauses` and `controls` to 42001's shapes only, and
every qualified id would be a pattern-mismatch error (AIMS104): dozens of
findings on the documents for one out-of-date line in a schema. Instead,
such errors are this rule's, reported once per schema file, on the line of the
pattern that rejects them (or, if that line cannot be found, at the first id),
with the pattern the shipped schemas use now. An id whose prefix is unknown,
or whose shape no schema accepts, is still AIMS104's.

The same goes for the fields an SoA gained with several frameworks: an old
SoA schema closes its properties without `framework` (a 27001 SoA's
`framework: iso27001-2022`) or an entry's `same_as`, and each use would be an
unknown-field error. They are reported here too, once per schema file, on its
`additionalProperties` line, with the definition the shipped schema gives them.

Passing::

    # schemas/policy.schema.yaml
    controls:
      items: {type: string, pattern: "^(?:(?:ISO42001:)?A\\.(?:[2-9]|10)(?:\\.[0-9]+){1,2}|[A-Z]...)$"}

Failing::

    # schemas/policy.schema.yaml, older than framework-qualified ids
    controls:
      items: {type: string, pattern: "^A\\.(?:[2-9]|10)(?:\\.[0-9]+){1,2}$"}
    # policies/security.md
    controls: ["ISO27001:A.5.1"]
    # schemas/soa.schema.yaml, without `framework` in its properties
    # policies/statement-of-applicability-iso27001-2022.md
    framework: iso27001-2022
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from aims_lint.document import SourceFile
from aims_lint.positions import pointer_parts
from aims_lint.problem import Problem, RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo
from aims_lint.schema_upgrade import (
    SOA_BEHAVIOUR,
    as_yaml,
    citing_field,
    closing_position,
    current_definition,
    current_pattern,
    new_field,
    pattern_position,
)
from aims_lint.schemas import SchemaSet, TypeSchema

RULE = StageRuleInfo(
    "AIMS614",
    "schema-rejects-qualified-ids",
    Severity.ERROR,
    "Schemas must accept framework-qualified ids in clauses and controls.",
    key=RuleKey.SCHEMA_REJECTS_QUALIFIED_IDS,
)


@dataclass
class _Stale:
    """One schema file's out-of-date patterns and what they rejected."""

    path: str
    line: int
    column: int
    fields: dict[str, None] = field(default_factory=dict)  # citing fields whose pattern is old
    added: dict[str, None] = field(default_factory=dict)  # SoA fields it does not declare
    documents: dict[str, None] = field(default_factory=dict)
    first: str = ""  # an id it rejected, as written
    count: int = 0
    uses: int = 0  # of the added fields


def check(ctx: Context) -> Iterator[Finding]:
    stale: dict[str, _Stale] = {}
    for source in ctx.corpus.sources:
        for problem in source.problems:
            if problem.rule is RULE.key:
                _note(stale, ctx.schemas, source, problem)
    for entry in sorted(stale.values(), key=lambda s: (s.path, s.line)):
        yield RULE.finding(entry.path, entry.line, entry.column, _message(entry))


def _note(stale: dict[str, _Stale], schemas: SchemaSet, source: SourceFile, problem: Problem) -> None:
    parts: list[str | int] = [int(p) if p.isdecimal() else p for p in pointer_parts(problem.pointer)]
    name = citing_field(parts)
    added = new_field(parts) if name is None else None
    if name is None and added is None:  # the validate stage records only these; nothing to report
        return
    path, line, column = _where(schemas, source, problem, name or added or "")
    entry = stale.setdefault(path, _Stale(path, line, column))
    entry.line, entry.column = min((entry.line, entry.column), (line, column))  # the first pattern line
    entry.documents.setdefault(source.path)
    if added is not None:
        entry.added.setdefault(added)
        entry.uses += 1
        return
    entry.fields.setdefault(name or "")
    value: Any = source.data
    for part in parts:
        value = value[part]  # the path of a schema error on this very data
    entry.first = entry.first or str(value)
    entry.count += 1


def _where(schemas: SchemaSet, source: SourceFile, problem: Problem, name: str) -> tuple[str, int, int]:
    """The schema file holding the rejecting pattern below the field's key, and its line; else the
    document's id itself (a pattern written elsewhere, or in a form the search does not read)."""
    for schema in _candidates(schemas, source.schema):
        if not problem.schema_pattern:  # an added field: where the schema closes its properties
            if schema.behaviour == SOA_BEHAVIOUR and (spot := closing_position(schema.text, name)):
                return schema.path, spot[0], spot[1]
            continue
        found = pattern_position(schema.text, problem.schema_pattern, name)
        if found is not None:
            return schema.path, found[0], found[1]
    return source.path, problem.line, problem.column


def _candidates(schemas: SchemaSet, own: TypeSchema | None) -> list[TypeSchema]:
    """The document's own schema, its type's (a record kind's `$ref`s lead there), then every other."""
    every = [*schemas.by_type.values(), *(k for kinds in schemas.kinds.values() for k in kinds.values())]
    first = [own, schemas.by_type.get(own.type)] if own is not None else []
    ordered: dict[str, TypeSchema] = {}
    for schema in [*first, *every]:
        if schema is not None:
            ordered.setdefault(schema.path, schema)
    return list(ordered.values())


def _message(entry: _Stale) -> str:
    docs = "document" if len(entry.documents) == 1 else "documents"
    first_doc = next(iter(entry.documents))
    parts = []
    if entry.fields:
        names = ", ".join(f"`{f}`" for f in sorted(entry.fields))
        ids = "id" if entry.count == 1 else "ids"
        parts.append(f"its pattern for {names} rejects {entry.count} qualified {ids} in "
                     f"{len(entry.documents)} {docs} (first '{entry.first}' in {first_doc})")
    if entry.added:
        names = ", ".join(f"`{f}`" for f in sorted(entry.added))
        times = "time" if entry.uses == 1 else "times"
        parts.append(f"it does not declare {names}, which SoAs use {entry.uses} {times} "
                     f"(first in {first_doc})")
    fixes = [f"`{f}`: pattern: {as_yaml(current_pattern(f))}" for f in sorted(entry.fields)]
    fixes += [f"`{f}`: {json.dumps(current_definition(f))}" for f in sorted(entry.added)]
    what = "pattern" if not entry.added else "definitions"
    return (
        f"this schema predates framework-qualified ids: {'; '.join(parts)}; copy the {what} from the shipped "
        f"schemas (aims_lint/data/schemas/ in the installed package, or the schemas an `aims-lint init` "
        f"writes): {'; '.join(fixes)}"
    )
