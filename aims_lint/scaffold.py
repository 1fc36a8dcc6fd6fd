"""What a new document starts as: its id, its values, its template and its file name.

`aims-lint new` (aims_lint/commands/new.py) writes one document and `aims-lint
adopt` (aims_lint/commands/adopt.py) heads existing files; both take their
ids and values from here. Everything is read from the type's schema, so a
type with no code of its own (a `standard`) is scaffolded like a policy:

- the id is one above the highest in use, from the id pattern
  (`^STD-[0-9]{3}$`) or, lacking a usable one, from `x-aims.id_prefix`;
- the template is the repository's `templates/TYPE.md` (or
  `templates/TYPE-KIND.md` for a record kind), else the packaged one, else a
  front matter made from the schema's required fields, each one the tool
  cannot know left as a named placeholder (as `adopt` writes them);
- a type takes a kind (`--kind`) when its schema declares `record_kind`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import click

from aims_lint.adopting import header_for
from aims_lint.atomic import WriteRefused
from aims_lint.config import ConfigError, Settings
from aims_lint.corpus import Corpus
from aims_lint.dates import add_months
from aims_lint.doctypes import AI_SYSTEM, LEGACY_KINDS
from aims_lint.editing import yaml_scalar
from aims_lint.frontmatter import FenceError, parse, split_fences
from aims_lint.schemas import SchemaSet, TypeSchema

TEMPLATE_DIR = "templates"
KIND_FIELD = "record_kind"
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_]+)\s*\}\}")
# An id pattern such as ^POL-[0-9]{3}$ or ^REC-[0-9]{3,}$: a prefix and a run of digits.
_ID_PATTERN = re.compile(r"\^([A-Za-z][A-Za-z0-9_]*-?)(?:\[0-9\]|\\d)\{(\d+)(,\d*)?\}\$")
_PREFIX_WIDTH = 3  # digits of an id made from x-aims.id_prefix alone: STD-001


@dataclass(frozen=True)
class NewRequest:
    doc_type: str
    title: str
    owner: str | None = None
    approver: str | None = None
    kind: str | None = None  # record kind, for a type that has kinds


def template_values(
    corpus: Corpus, schema: TypeSchema, request: NewRequest, today: date, taken: Collection[str] = ()
) -> dict[str, str | int]:
    cycle = schema.default_review_cycle or 12
    owner = request.owner or _registry_role(corpus, "owner", "--owner")
    approver = request.approver or _registry_role(corpus, "approver", "--approver")
    for option, role in (("--owner", owner), ("--approver", approver)):
        if corpus.roles and role not in corpus.roles:
            known = ", ".join(sorted(corpus.roles))
            raise click.UsageError(f"unknown role '{role}' for {option}; known roles: {known}")
    return {
        "id": next_id(corpus, schema, taken),
        "title": " ".join(request.title.split()),
        "type": schema.type,
        "owner": owner,
        "approver": approver,
        "record_kind": request.kind or "",
        "today": today.isoformat(),
        "year": str(today.year),
        "review_cycle_months": cycle,
        "next_review": add_months(today, cycle).isoformat(),
        "due_date": (today + timedelta(days=30)).isoformat(),
    }


def next_id(corpus: Corpus, schema: TypeSchema, taken: Collection[str] = ()) -> str:
    """One more than the highest id of this type's pattern in use, never a gap: an id
    once used may still be cited in records and history. `taken` are ids handed out
    in this run and not yet on disk (adopt gives several files ids at once)."""
    prefix, width, open_ended = _id_shape(schema)
    used = re.compile(re.escape(prefix) + r"([0-9]+)")
    # Every file's id counts, even one that fails its schema: its id is taken all the same.
    ids = {s.data.get("id") for s in corpus.sources} | set(taken)
    numbers = [int(m.group(1)) for i in ids if isinstance(i, str) and (m := used.fullmatch(i))]
    number = max(numbers, default=0) + 1
    if not open_ended and len(str(number)) > width:
        raise ConfigError(f"no free id left for pattern {schema.id_pattern!r}")
    found = f"{prefix}{number:0{width}d}"
    pattern = schema.id_pattern
    if pattern and re.search(pattern, found) is None:
        raise ConfigError(
            f"{schema.path}: the id {found} made from x-aims.id_prefix does not match {pattern!r}"
        )
    return found


def _id_shape(schema: TypeSchema) -> tuple[str, int, bool]:
    """(prefix with its dash, digits, whether more digits may follow) of the type's ids."""
    match = _ID_PATTERN.fullmatch(schema.id_pattern or "")
    if match is not None:
        return match.group(1), int(match.group(2)), match.group(3) is not None
    if schema.id_prefix:
        return f"{schema.id_prefix}-", _PREFIX_WIDTH, True
    raise ConfigError(
        f"{schema.path}: cannot derive new ids from the id pattern {schema.id_pattern!r}; "
        "expected a prefix and digits such as ^POL-[0-9]{3}$, or set x-aims.id_prefix"
    )


def takes_kind(schema: TypeSchema) -> bool:
    """A type whose documents each have a kind (records): its schema declares the kind field."""
    return KIND_FIELD in schema.declared


def kinds_of(schemas: SchemaSet, schema: TypeSchema) -> list[str] | None:
    """The kinds a type allows, sorted: those of its enum and those with a schema of their own;
    None when the schema does not list them (any kind its pattern admits)."""
    own = set(schemas.kinds.get(schema.type, {}))
    enum = schema.field_schema(KIND_FIELD).get("enum")
    if not isinstance(enum, list) and not own:
        return None
    return sorted(own | {k for k in (enum or []) if isinstance(k, str)})


def kind_behaviour(schemas: SchemaSet, schema: TypeSchema, kind: str | None) -> str | None:
    """The built-in behaviour a kind takes: its own schema's, else the built-in kind of that name."""
    own = schemas.kinds.get(schema.type, {}).get(kind or "")
    if own is not None:
        return own.behaviour
    return kind if kind in LEGACY_KINDS else None


def find_template(root: Path, doc_type: str, kind: str | None) -> tuple[str, str] | None:
    """The template text and where it came from: the repository's, else the packaged one;
    None when there is neither (the schema then makes the front matter: `from_schema`)."""
    names = ([f"{doc_type}-{kind}.md"] if kind else []) + [f"{doc_type}.md"]
    for name in names:
        own = root / TEMPLATE_DIR / name
        if own.is_file():
            return own.read_text(encoding="utf-8"), f"{TEMPLATE_DIR}/{name}"
    packaged = resources.files("aims_lint").joinpath("data", "templates")
    for name in names:
        item = packaged.joinpath(name)
        if item.is_file():
            return item.read_text(encoding="utf-8"), f"packaged template {name}"
    return None


def known_values(schema: TypeSchema, values: dict[str, str | int]) -> dict[str, str | int]:
    """What the tool can fill in of a new document's required fields (a draft, version 0.1,
    owned and approved by the default roles, reviewed today); the rest is the author's."""
    status = schema.field_schema("status").get("enum")
    draft = "draft" if not isinstance(status, list) or not status or "draft" in status else str(status[0])
    known: dict[str, str | int] = {
        "id": values["id"],
        "title": values["title"],
        "type": schema.type,
        "status": draft,
        "version": "0.1",
        "owner": values["owner"],
        "approver": values["approver"],
        "last_reviewed": values["today"],
        "next_review": values["next_review"],
    }
    if values["record_kind"]:
        known[KIND_FIELD] = values["record_kind"]
    return {k: v for k, v in known.items() if k in schema.required and v != ""}


def from_schema(schema: TypeSchema, values: dict[str, str | int]) -> str:
    """A document for a type with no template: every required field, known or a placeholder."""
    header = header_for(schema, known_values(schema, values))
    lines = ["---", *(f"{k}: {yaml_scalar(v)}" for k, v in header.fields.items()), "---"]
    return "\n".join([*lines, "", f"# {values['title']}", ""])


def render_template(template: str, values: dict[str, str | int], origin: str) -> str:
    head, body = _split(template, origin)

    def value(match: re.Match[str], *, yaml: bool) -> str:
        name = match.group(1)
        if name not in values:
            raise ConfigError(f"{origin}: unknown placeholder {{{{ {name} }}}}; known: {', '.join(values)}")
        return yaml_scalar(values[name]) if yaml else str(values[name])

    content = _PLACEHOLDER.sub(lambda m: value(m, yaml=True), head)
    content += _PLACEHOLDER.sub(lambda m: value(m, yaml=False), body)
    parsed = parse(content.encode("utf-8"), max_bytes=10 * len(content) + 1024)
    if parsed.problems:
        problem = parsed.problems[0]
        raise ConfigError(
            f"{origin}: renders to front matter that does not parse (line {problem.line}: {problem.message})"
        )
    return content


def file_name(title: str, doc_id: str, today: date, *, dated: bool) -> str:
    """A slug of the title; a dated document (a record other than an inventory entry)
    starts with the year."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].rstrip("-") or doc_id.lower()
    if dated and not slug.startswith(f"{today.year}-"):
        slug = f"{today.year}-{slug}"
    return f"{slug}.md"


def dated(schemas: SchemaSet, schema: TypeSchema, kind: str | None) -> bool:
    """Records are named after their year; AI system inventory entries last, and are not."""
    return takes_kind(schema) and kind_behaviour(schemas, schema, kind) != AI_SYSTEM


def _split(template: str, origin: str) -> tuple[str, str]:
    """(front matter with both fences, body); placeholders are filled differently in each."""
    try:
        fences = split_fences(template)
    except FenceError as exc:
        raise ConfigError(f"{origin}: a template must start with '---' front matter: {exc}") from None
    return template[: fences.body], template[fences.body :]


def _registry_role(corpus: Corpus, field: str, option: str) -> str:
    """The roles registry's own owner (or approver): who runs the system, by default."""
    for _, registry in corpus.registries:
        role = getattr(registry, field)
        if isinstance(role, str) and role:
            return role
    raise click.UsageError(f"no roles registry to take a default from; give {option} ROLE")


@dataclass(frozen=True)
class Scaffolded:
    """A new document, not yet written: where it goes and what it says."""

    doc_id: str
    rel: str  # repository-relative, posix
    target: Path
    content: str


def scaffold(
    settings: Settings, schemas: SchemaSet, corpus: Corpus, today: date, request: NewRequest,
    taken: Collection[str] = (),
) -> Scaffolded:
    """The document `aims-lint new` writes for `request` (and `discover --draft`, which then
    fills in what it found); `taken` are ids handed out in this run and not yet on disk."""
    schema = schemas.by_type.get(request.doc_type)
    if schema is None:
        known = ", ".join(sorted(schemas.by_type))
        raise click.UsageError(f"unknown type '{request.doc_type}'; known: {known}")
    _check_kind(schemas, schema, request)
    values = template_values(corpus, schema, request, today, taken)
    found = find_template(settings.root, request.doc_type, request.kind)
    if found is None:
        own = schemas.for_document(schema, {"record_kind": request.kind})
        content = from_schema(own, values)
    else:
        content = render_template(found[0], values, found[1])
    name = file_name(request.title, str(values["id"]), today, dated=dated(schemas, schema, request.kind))
    target = settings.root / _folder(schema) / name
    rel = target.relative_to(settings.root).as_posix()
    inside_repository(settings.root, target, rel)
    return Scaffolded(str(values["id"]), rel, target, content)


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
