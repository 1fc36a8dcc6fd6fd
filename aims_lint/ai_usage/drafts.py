"""`aims-lint discover --draft`: draft register entries for what the inventory does not know.

For the uses AIMS1220 reports (AI use under no AI system record's `sources`), this writes a
draft AI system record per place they were found, with `sources` naming that place and the
evidence listed in its body; for each model among them whose provider has no supplier register
record, a draft supplier record too, which the system's `models[].supplier` names.

Drafts are made by the code `aims-lint new` uses (`scaffold.scaffold`: the next free id, the
repository's template, the file name) and then filled in with `editing.edit_text`, so they look
like any new record. A draft is `status: draft` with `in_scope: false`: whether the system is in
the management system's scope is a decision for its owner, and until it is taken `check` holds
the draft to no assessment. Nothing is ever overwritten (the file is created only if its name
is free), and a second run writes nothing: the drafts' `sources` register the uses they were
written for, and a drafted supplier is found again by its name.

Places: the folder of each use, inside the configured repository that holds it (or the aims
repository); a folder inside another one of the same run is counted with the outer one, so a
project with a lock file at its top and code below is one draft. A place outside the aims
repository and every configured one gets no draft, but a message naming the repository entry
to add: a `sources` entry of `../x` would name this machine's folders, not a repository.
"""

from __future__ import annotations

import posixpath
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from aims_lint.ai_usage.evidence import Discovery, Kind, Use
from aims_lint.ai_usage.reconcile import described, place, unregistered_uses, within
from aims_lint.ai_usage.sources import repositories, repository_table
from aims_lint.atomic import write_atomic
from aims_lint.config import Settings
from aims_lint.corpus import Corpus
from aims_lint.doctypes import AI_SYSTEM
from aims_lint.editing import EditError, Value, edit_text
from aims_lint.escape import text as md
from aims_lint.inventory import find_supplier, records, source_entries
from aims_lint.repo_lock import repository_lock
from aims_lint.scaffold import NewRequest, Scaffolded, scaffold
from aims_lint.schemas import SchemaSet

RECORD = "record"
SUPPLIER_KIND = "supplier"


@dataclass(frozen=True)
class Place:
    """Where a draft system lives: `path` inside `repo` ("" for the aims repository)."""

    repo: str
    path: str

    def source(self) -> dict[str, str]:
        return {"repo": self.repo, "path": self.path} if self.repo else {"path": self.path}

    def label(self) -> str:
        if self.repo:
            return self.repo if self.path == "." else f"{self.repo}/{self.path}"
        return "the aims repository" if self.path == "." else self.path


@dataclass(frozen=True)
class Drafted:
    written: tuple[str, ...]  # repository-relative paths of the drafts created, in order
    skipped: tuple[str, ...]  # why a draft was not written (its file name is taken)


def write_drafts(
    settings: Settings, schemas: SchemaSet, corpus: Corpus, discovery: Discovery, today: date
) -> Drafted:
    """Write the drafts for the unregistered uses of `discovery`; see the module docstring."""
    groups = _groups(settings, unregistered_uses(corpus, discovery), discovery)
    registered = {
        (e.repo, posixpath.normpath(e.path))
        for _, doc in records(corpus, AI_SYSTEM) for e in source_entries(doc)
    }
    written: list[str] = []
    skipped: list[str] = []
    taken: list[str] = []
    with repository_lock(settings.root):
        suppliers: dict[str, str] = {}  # provider -> supplier record id, drafted in this run
        for where, uses in groups:
            if (where.repo, where.path) in registered:
                continue  # a record names this place, yet it does not resolve here: AIMS1224 says why
            if not where.repo and (where.path == ".." or where.path.startswith("../")):
                # A `sources` entry without `repo` lies in the aims repository; this machine's
                # folders beside it are no place a record can name for every reader.
                skipped.append(
                    f"no draft for {where.path}: it lies outside the aims repository and every "
                    f"configured repository; add {repository_table(settings, '<name>')} with "
                    f"`path` = \"{where.path}\" (or a folder above it) to draft it"
                )
                continue
            try:
                models = _models(settings, schemas, corpus, today, uses, suppliers, taken, written, skipped)
                made = _system(settings, schemas, corpus, discovery, today, where, uses, models, taken)
            except EditError as exc:  # the repository's own template is written so it cannot
                skipped.append(f"no draft for {where.label()}: its template cannot take the values: {exc}")
                continue
            if _write(made, skipped):
                written.append(made.rel)
    return Drafted(tuple(written), tuple(skipped))


def _groups(settings: Settings, uses: list[Use], discovery: Discovery) -> list[tuple[Place, list[Use]]]:
    """The uses by place, a place inside another of the same repository merged into it."""
    by_place: dict[Place, list[Use]] = {}
    for use in uses:
        found = place(discovery, use)
        if found is not None:
            by_place.setdefault(_place(settings, posixpath.dirname(found)), []).append(use)
    merged: dict[Place, list[Use]] = {}
    for where in sorted(by_place, key=lambda p: (p.repo, p.path.count("/"), p.path)):
        outer = next((m for m in merged if m.repo == where.repo and _inside(where.path, m.path)), None)
        merged.setdefault(outer or where, []).extend(by_place[where])
    # By (repo, path): a Place has no order of its own, and two places are the normal case.
    return sorted(((p, sorted(u)) for p, u in merged.items()), key=lambda g: (g[0].repo, g[0].path))


def _inside(path: str, outer: str) -> bool:
    return outer == "." or path == outer or path.startswith(outer + "/")


def _place(settings: Settings, folder: str) -> Place:
    """A folder as a `sources` entry: in the configured repository holding it (the innermost),
    else in the aims repository, else relative to it."""
    best: tuple[int, str, str] | None = None
    for name, checkout in repositories(settings).items():
        base = checkout.resolve().as_posix()
        if within(folder, base) and (best is None or len(base) > best[0]):
            best = (len(base), name, base)
    if best is not None:
        return Place(best[1], posixpath.relpath(folder, best[2]))
    return Place("", posixpath.relpath(folder, settings.root.resolve().as_posix()))


def _shown(settings: Settings, use: Use, discovery_place: str | None) -> str:
    """Where a use is, for the draft's body: repository and path, not this machine's folders."""
    if discovery_place is None:
        return f"{use.path}:{use.line}"
    where = _place(settings, posixpath.dirname(discovery_place))
    name = posixpath.basename(discovery_place)
    path = name if where.path == "." else f"{where.path}/{name}"
    return f"{where.repo}:{path}:{use.line}" if where.repo else f"{path}:{use.line}"


def _models(
    settings: Settings, schemas: SchemaSet, corpus: Corpus, today: date, uses: list[Use],
    suppliers: dict[str, str], taken: list[str], written: list[str], skipped: list[str],
) -> list[dict[str, str]]:
    """The draft system's `models`, drafting a supplier record for a provider the register lacks."""
    entries: dict[str, dict[str, str]] = {}
    for use in uses:
        if not use.model or use.model in entries:
            continue
        provider = _provider(use)
        supplier = "Fill this in: the supplier register record's id"
        if provider:
            known = find_supplier(corpus, provider)
            if known is not None:
                supplier = known[1].id
            elif provider in suppliers:
                supplier = suppliers[provider]
            else:
                made = _supplier(settings, schemas, corpus, today, provider, uses, taken)
                if _write(made, skipped):
                    written.append(made.rel)
                    suppliers[provider] = supplier = made.doc_id
        entry = {"id": use.model}
        if use.version:
            entry["version"] = use.version
        entry["supplier"] = supplier
        entries[use.model] = entry
    return list(entries.values())


def _provider(use: Use) -> str:
    """Who supplies a use's model: a hub id's owner (`meta-llama` of `meta-llama/Llama-3.1-8B`:
    the hub only distributes it, so "hugging-face" would make one supplier of every hub model),
    else the provider its signature names."""
    owner, slash, _ = use.model.partition("/")
    if use.kind is Kind.HUB_MODEL and slash and owner:
        return owner
    if use.provider:
        return use.provider
    return owner if slash and owner else ""


def _system(
    settings: Settings, schemas: SchemaSet, corpus: Corpus, discovery: Discovery, today: date, where: Place,
    uses: list[Use], models: list[dict[str, str]], taken: list[str],
) -> Scaffolded:
    title = f"{where.label()}: AI use found by discovery"
    made = scaffold(settings, schemas, corpus, today, NewRequest(RECORD, title, kind=AI_SYSTEM), taken)
    taken.append(made.doc_id)
    values: dict[str, Value] = {
        "summary": f"Draft written by aims-lint discover --draft for the AI use found in {where.label()}.",
        "in_scope": False,
        "sources": [where.source()],
        "models": models,
    }
    content = edit_text(made.content, values)
    rows = [
        f"| {_cell(_shown(settings, u, place(discovery, u)))} | {_cell(described(u))} | {_cell(u.evidence)} "
        f"| {u.confidence.value} |"
        for u in uses
    ]
    intro = (
        f"`aims-lint discover` found these on {today.isoformat()} under no AI system record's "
        "`sources`. Decide whether they are this one AI system, fill in the fields above, and set "
        "`in_scope` once the scope is decided."
    )
    body = [
        "", "## Evidence found by discovery", "", *textwrap.wrap(intro, 78), "",
        "| Where | What | Evidence | Confidence |", "|---|---|---|---|", *rows, "",
    ]
    return Scaffolded(made.doc_id, made.rel, made.target, content.rstrip("\n") + "\n" + "\n".join(body))


def _cell(value: str) -> str:
    """A table cell that shows `value` as typed: a code span, or every metacharacter escaped when
    the value holds a backtick (a code span cannot then be delimited simply)."""
    one_line = " ".join(value.split()).replace("|", "\\|")
    return f"`{one_line}`" if "`" not in one_line else md(one_line)


def _supplier(
    settings: Settings, schemas: SchemaSet, corpus: Corpus, today: date, provider: str,
    uses: Iterable[Use], taken: list[str],
) -> Scaffolded:
    title = f"{provider}: supplier found by discovery"
    made = scaffold(settings, schemas, corpus, today, NewRequest(RECORD, title, kind=SUPPLIER_KIND), taken)
    taken.append(made.doc_id)
    models = {u.model: u.version or "Fill this in" for u in uses if u.model and _provider(u) == provider}
    values: dict[str, Value] = {
        "summary": f"Draft written by aims-lint discover --draft: models from {provider} are in use.",
        # The name discovery knows it by: a later run finds this record again by it (find_supplier).
        "supplier": provider,
        "supplies": "Models: " + ", ".join(sorted(models)),
        "models": [{"id": m, "version": v} for m, v in sorted(models.items())],
    }
    return Scaffolded(made.doc_id, made.rel, made.target, edit_text(made.content, values))


def _write(made: Scaffolded, skipped: list[str]) -> bool:
    """Create the draft's file, never over an existing one."""
    target: Path = made.target
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(target, made.content.encode("utf-8"), exclusive=True)
    except FileExistsError:
        skipped.append(f"{made.rel} already exists; not overwriting it")
        return False
    return True
