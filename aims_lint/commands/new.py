"""`aims-lint new TYPE "Title"`: scaffold a document from the organisation's template.

Templates live in the repository under `templates/` (`policy.md`,
`procedure.md`, `record.md`, and `record-KIND.md` for a record kind with its
own fields), so an organisation changes them like any other document. A type
without a template there falls back to the packaged default. In a template,
`{{ name }}` stands for a value; in the front matter it stands for a whole
YAML value and is written quoted where YAML needs it.

The run holds the repository lock from reading the ids in use to creating the
file, so two `new` runs never take the same next free id, and the file is
created only if its name is free. A folder that is a link leading out of the
repository is refused (exit 2): the document would be written elsewhere.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import click

from aims_lint.atomic import WriteRefused, write_atomic
from aims_lint.config import ConfigError, Settings
from aims_lint.corpus import Corpus
from aims_lint.dates import add_months
from aims_lint.editing import yaml_scalar
from aims_lint.engine import build_context, lint
from aims_lint.frontmatter import FenceError, parse, split_fences
from aims_lint.repo_lock import repository_lock
from aims_lint.report import text as text_report
from aims_lint.schemas import TypeSchema

TEMPLATE_DIR = "templates"
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_]+)\s*\}\}")
# An id pattern such as ^POL-[0-9]{3}$ or ^REC-[0-9]{3,}$: a prefix and a run of digits.
_ID_PATTERN = re.compile(r"\^([A-Za-z][A-Za-z0-9_]*-?)(?:\[0-9\]|\\d)\{(\d+)(,\d*)?\}\$")


@dataclass(frozen=True)
class NewRequest:
    doc_type: str
    title: str
    owner: str | None = None
    approver: str | None = None
    kind: str | None = None  # record kind, for records


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
    _check_kind(schema, request)
    values = template_values(ctx.corpus, schema, request, today)
    template, origin = find_template(settings.root, request.doc_type, request.kind)
    content = render_template(template, values, origin)
    target = settings.root / _folder(schema) / file_name(request, str(values["id"]), today)
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
    pattern = schema.id_pattern or ""
    match = _ID_PATTERN.fullmatch(pattern)
    if match is None:
        raise ConfigError(
            f"{schema.path}: cannot derive new ids from the id pattern {pattern!r}; "
            "expected a prefix and digits such as ^POL-[0-9]{3}$"
        )
    prefix, width, open_ended = match.group(1), int(match.group(2)), match.group(3)
    used = re.compile(re.escape(prefix) + r"([0-9]+)")
    # Every file's id counts, even one that fails its schema: its id is taken all the same.
    ids = {s.data.get("id") for s in corpus.sources} | set(taken)
    numbers = [int(m.group(1)) for i in ids if isinstance(i, str) and (m := used.fullmatch(i))]
    number = max(numbers, default=0) + 1
    if open_ended is None and len(str(number)) > width:
        raise ConfigError(f"no free id left for pattern {pattern!r}")
    return f"{prefix}{number:0{width}d}"


def find_template(root: Path, doc_type: str, kind: str | None) -> tuple[str, str]:
    """The template text and where it came from: the repository's, else the packaged one."""
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
    raise ConfigError(f"no template for type '{doc_type}': add {TEMPLATE_DIR}/{doc_type}.md")


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


def file_name(request: NewRequest, doc_id: str, today: date) -> str:
    """A slug of the title; records other than inventory entries start with the year."""
    text = unicodedata.normalize("NFKD", request.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].rstrip("-") or doc_id.lower()
    dated = request.doc_type == "record" and request.kind != "ai-system"
    if dated and not slug.startswith(f"{today.year}-"):
        slug = f"{today.year}-{slug}"
    return f"{slug}.md"


def _split(template: str, origin: str) -> tuple[str, str]:
    """(front matter with both fences, body); placeholders are filled differently in each."""
    try:
        fences = split_fences(template)
    except FenceError as exc:
        raise ConfigError(f"{origin}: a template must start with '---' front matter: {exc}") from None
    return template[: fences.body], template[fences.body :]


def _check_kind(schema: TypeSchema, request: NewRequest) -> None:
    kinds = schema.field_schema("record_kind").get("enum")
    if schema.type != "record":
        if request.kind:
            raise click.UsageError("--kind applies to records only")
        return
    if not request.kind:
        listed = f"; one of: {', '.join(kinds)}" if isinstance(kinds, list) else ""
        raise click.UsageError(f"a record needs --kind{listed}")
    if isinstance(kinds, list) and request.kind not in kinds:
        raise click.UsageError(f"unknown record kind '{request.kind}'; one of: {', '.join(kinds)}")


def _registry_role(corpus: Corpus, field: str, option: str) -> str:
    """The roles registry's own owner (or approver): who runs the system, by default."""
    for _, registry in corpus.registries:
        role = getattr(registry, field)
        if isinstance(role, str) and role:
            return role
    raise click.UsageError(f"no roles registry to take a default from; give {option} ROLE")


def _folder(schema: TypeSchema) -> str:
    if not schema.folders:
        raise ConfigError(f"{schema.path}: x-aims.folders is empty; new documents need a folder")
    return schema.folders[0]
