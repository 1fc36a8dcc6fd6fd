"""`aims-lint review`: record a periodic review (and, when asked, a re-approval).

Sets `last_reviewed` and `next_review` (one review cycle later); with `--bump`
or `--approve` also `version`, `approved_on`, `approver` and `status`. Nothing
else in the file changes (see `aims_lint.editing`). A file that fails to parse
is never touched: its findings are printed and the command exits 1.

The whole run, from reading the documents to writing the file, holds the
repository lock, so two reviews of one file take turns and both edits land.
The values are planned from the bytes that are edited: if another program
changed the file meanwhile, the review is planned and made again on its
content, once (see `aims_lint.repo_lock`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

from aims_lint.approvals.holders import holders_on
from aims_lint.config import Settings
from aims_lint.corpus import Corpus
from aims_lint.dates import add_months
from aims_lint.document import SourceFile
from aims_lint.editing import EditError, edit_bytes
from aims_lint.engine import build_context
from aims_lint.frontmatter import parse
from aims_lint.model import Document, Role
from aims_lint.repo_lock import replace_if_unchanged, repository_lock

DEFAULT_CYCLE = 12  # months, when neither the document nor its schema says


@dataclass(frozen=True)
class ReviewRequest:
    reference: str  # document id or repo-relative path
    by: str  # role id of the reviewer (and approver, when approving)
    on: date
    bump: str | None = None  # "minor" or "major"
    approve: bool = False


def run_review(settings: Settings, today: date, request: ReviewRequest, message: bool) -> int:
    if request.on > today:
        raise click.UsageError(f"--date {request.on} is after today ({today}); record reviews that happened")
    with repository_lock(settings.root):
        return _review(settings, today, request, message)


def _review(settings: Settings, today: date, request: ReviewRequest, message: bool) -> int:
    corpus = build_context(settings, today).corpus
    source = _find(corpus, settings.root, request.reference)
    refusal = _parse_findings(source)
    if refusal:
        sys.stderr.write(refusal + f"aims-lint: {source.path} does not parse; not editing it\n")
        return 1
    role = _role(corpus, request.by)
    values: dict[str, str] = {}

    def change(current: bytes) -> bytes:
        values.clear()
        values.update(planned_values(_as_read(source, current, settings.max_file_bytes), request))
        return edit_bytes(current, values)

    try:
        path = settings.root / source.path
        replace_if_unchanged(path, path.read_bytes(), change)
    except EditError as exc:
        sys.stderr.write(f"aims-lint: {source.path}: {exc}\n")
        return 1
    except OSError as exc:  # disk full, file size limit, read-only folder: the original is untouched
        sys.stderr.write(f"aims-lint: {source.path}: cannot write: {exc.strerror or exc}; file unchanged\n")
        return 1
    sys.stderr.write(f"{source.path}: " + ", ".join(f"{k} {v}" for k, v in values.items()) + "\n")
    if message:
        sys.stdout.write(commit_message(source, request, values, role))
    return 0


def _as_read(source: SourceFile, raw: bytes, max_bytes: int) -> SourceFile:
    """`source` as these bytes say (the file may have changed since the documents were read)."""
    parsed = parse(raw, max_bytes=max_bytes)
    if parsed.problems or parsed.data is None:
        raise EditError("the file was changed meanwhile and no longer parses; not editing it")
    return SourceFile(source.path, parsed, source.schema)


def planned_values(source: SourceFile, request: ReviewRequest) -> dict[str, str]:
    """The new values, in front-matter order (insertions next to each other keep it)."""
    data = source.data
    values: dict[str, str] = {}
    approving = request.approve or request.bump is not None
    if approving:
        values["status"] = "approved"
    if request.bump:
        values["version"] = bump_version(data.get("version"), request.bump)
    if approving:
        values["approver"] = request.by
        values["approved_on"] = request.on.isoformat()
    values["last_reviewed"] = request.on.isoformat()
    values["next_review"] = add_months(request.on, _cycle(source)).isoformat()
    return values


def bump_version(current: object, part: str) -> str:
    if not isinstance(current, str) or not _is_version(current):
        raise click.UsageError(f'cannot bump version {current!r}: expected MAJOR.MINOR such as "1.0"')
    major, minor = (int(p) for p in current.split("."))
    return f"{major + 1}.0" if part == "major" else f"{major}.{minor + 1}"


def commit_message(source: SourceFile, request: ReviewRequest, values: dict[str, str], role: Role) -> str:
    """A commit message whose trailers the history reads back as review and approval evidence."""
    doc = source.model
    doc_id = doc.id if doc else str(source.data.get("id", source.path))
    title = " ".join(str(doc.title if doc else source.data.get("title", "")).split())
    approving = "approved_on" in values
    verb = "Approve" if approving else "Review"
    version = f" version {values['version']}" if "version" in values else ""
    lines = [
        f"{verb} {doc_id} {title}{version}".rstrip(),
        "",
        f"Reviewed on {values['last_reviewed']} by {request.by}; next review due {values['next_review']}.",
        "",
    ]
    person = _person(role, request.on)
    lines.append(f"Reviewed-by: {person}")
    if approving:
        lines.append(f"Approved-by: {person}")
    return "\n".join(lines) + "\n"


def _find(corpus: Corpus, root: Path, reference: str) -> SourceFile:
    matches = [s for s in corpus.sources if s.data.get("id") == reference]
    if not matches:
        target = (Path.cwd() / reference).resolve()
        rel = target.relative_to(root).as_posix() if target.is_relative_to(root) else reference
        matches = [s for s in corpus.sources if s.path in (reference, rel)]
    if not matches:
        raise click.UsageError(f"no document with id or path '{reference}'")
    if len(matches) > 1:
        paths = ", ".join(s.path for s in matches)
        raise click.UsageError(f"id '{reference}' is used by several documents ({paths}); give the path")
    return matches[0]


def _parse_findings(source: SourceFile) -> str:
    """The parse-stage problems as `path:line:col: error rule: message` lines ("" when none)."""
    problems = list(source.parsed.problems)
    lines = [f"{source.path}:{p.line}:{p.column}: error {p.rule}: {p.message}\n" for p in problems]
    if source.parsed.data is None and not lines:
        lines = [f"{source.path}:{p.line}:{p.column}: error {p.rule}: {p.message}\n" for p in source.problems]
    if source.parsed.data is None and not lines:
        lines = [f"{source.path}:1:1: error: front matter could not be read\n"]
    return "".join(lines)


def _role(corpus: Corpus, role_id: str) -> Role:
    role = corpus.roles.get(role_id)
    if role is None:
        known = ", ".join(sorted(corpus.roles)) or "none: the roles registry is missing"
        raise click.UsageError(f"unknown role '{role_id}' for --by; known roles: {known}")
    if role.vacant:
        raise click.UsageError(f"role '{role_id}' has no holder in the roles registry; reviews need a person")
    return role


def _person(role: Role, day: date) -> str:
    """Who held the role on the review day (a past holder, for a review recorded late), as
    "Name <email>": the approval rules (AIMS911) look for that person on that day."""
    on_the_day = holders_on(role, day)
    holder = on_the_day[0] if on_the_day else role.holder
    assert holder is not None and holder.name  # vacant roles are refused by _role
    return f"{holder.name} <{holder.email}>" if holder.email else holder.name


def _cycle(source: SourceFile) -> int:
    doc: Document | None = source.model
    if doc is not None and doc.review_cycle_months:
        return doc.review_cycle_months
    raw = source.data.get("review_cycle_months")
    if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
        return raw
    default = source.schema.default_review_cycle if source.schema else None
    return default or DEFAULT_CYCLE


def _is_version(value: str) -> bool:
    parts = value.split(".")
    return len(parts) == 2 and all(p.isdigit() and p.isascii() for p in parts)
