"""`aims-lint new TYPE "Title"`: scaffold a document of any type from its schema.

Templates live in the repository under `templates/` (`policy.md`,
`procedure.md`, `record.md`, and `record-KIND.md` for a record kind with its
own fields), so an organisation changes them like any other document. A type
without a template there falls back to the packaged default, and a type with
neither (a `standard` added as a schema only) gets a front matter made from
its schema (aims_lint/scaffold.py). In a template, `{{ name }}` stands for a
value; in the front matter it stands for a whole YAML value and is written
quoted where YAML needs it.

The run holds the repository lock from reading the ids in use to creating the
file, so two `new` runs never take the same next free id, and the file is
created only if its name is free. A folder that is a link leading out of the
repository is refused (exit 2): the document would be written elsewhere.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from aims_lint.atomic import WriteRefused, write_atomic
from aims_lint.config import ConfigError, Settings
from aims_lint.engine import build_context, lint
from aims_lint.repo_lock import repository_lock
from aims_lint.report import text as text_report
from aims_lint.scaffold import (
    NewRequest,
    dated,
    file_name,
    find_template,
    from_schema,
    kinds_of,
    render_template,
    takes_kind,
    template_values,
)
from aims_lint.schemas import SchemaSet, TypeSchema


def run_new(settings: Settings, today: date, request: NewRequest) -> int:
    with repository_lock(settings.root):
        created = _create(settings, today, request)
    if created is None:
        return 1
    sys.stdout.write(f"{created}\n")
    # The findings say what to fill in next; the document exists either way, so exit 0.
    result = lint(settings, today, [created])
    if result.findings:
        sys.stderr.write(text_report.render(result))
    return 0


def _create(settings: Settings, today: date, request: NewRequest) -> str | None:
    """Create the document; its repository-relative path, or None when the name is taken."""
    ctx = build_context(settings, today)
    schema = ctx.schemas.by_type.get(request.doc_type)
    if schema is None:
        known = ", ".join(sorted(ctx.schemas.by_type))
        raise click.UsageError(f"unknown type '{request.doc_type}'; known: {known}")
    _check_kind(ctx.schemas, schema, request)
    values = template_values(ctx.corpus, schema, request, today)
    found = find_template(settings.root, request.doc_type, request.kind)
    if found is None:
        own = ctx.schemas.for_document(schema, {"record_kind": request.kind})
        content = from_schema(own, values)
    else:
        content = render_template(found[0], values, found[1])
    name = file_name(request.title, str(values["id"]), today, dated=dated(ctx.schemas, schema, request.kind))
    target = settings.root / _folder(schema) / name
    rel = target.relative_to(settings.root).as_posix()
    inside_repository(settings.root, target, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(target, content.encode("utf-8"), exclusive=True)
    except FileExistsError:
        sys.stderr.write(f"aims-lint: {rel} already exists; not overwriting it\n")
        return None
    return rel


def inside_repository(root: Path, target: Path, shown: str) -> None:
    """Refuse a target that a symbolic link on its way leads out of the repository."""
    base = root.resolve()
    if not target.resolve().is_relative_to(base):
        raise WriteRefused(
            f"refusing to write {shown}: a symbolic link on its path leads outside the repository ({base})"
        )


def _check_kind(schemas: SchemaSet, schema: TypeSchema, request: NewRequest) -> None:
    if not takes_kind(schema):
        if request.kind:
            raise click.UsageError(f"--kind applies to records only; a {schema.type} has no kinds")
        return
    kinds = kinds_of(schemas, schema)
    listed = f"; one of: {', '.join(kinds)}" if kinds else ""
    if not request.kind:
        raise click.UsageError(f"a {schema.type} needs --kind{listed}")
    if kinds is not None and request.kind not in kinds:
        raise click.UsageError(f"unknown record kind '{request.kind}'{listed}")


def _folder(schema: TypeSchema) -> str:
    if not schema.folders:
        raise ConfigError(f"{schema.path}: x-aims.folders is empty; new documents need a folder")
    return schema.folders[0]
