"""Which roles registry a signed approval is judged against: the registry as last approved before it.

The keys, their owners and the holders that the "signed" level checks a
signature against are not read from the work tree: anyone who can push can
add a key of their own under a holder's entry there. Each approval commit is
judged against the registry as its newest *trusted* approval before that
commit recorded it (an approval reachable from the commit's parents, not the
commit itself), so a key planted in a change to the registry cannot vouch
for that change, nor for anything signed later on the strength of it.

A registry approval is trusted when a good signature on its commit (or a
signed tag on it) is by someone who held the registry's approver role on its
`approved_on`, with a key the registry before it lists. Two anchors start the
chain, and docs/approvals.md names them to the auditor: the registry's first
approval trusts itself, and so does any registry approval made while the
trusted registry before it listed no key at all (nothing could verify the
change; from the first trusted approval that lists a key on, every change to
the registry needs a signature). The first anchor is taken once per
repository: the oldest registry approval of all, on any path. The approver
whose signature a registry approval needs is the one the trusted revision of
that file before it names, not the one the new revision claims; a registry
on a path with no trusted revision yet (a new file) needs the approver of
the trusted registry before it, never the one it names itself. An untrusted
registry approval is passed over: the approvals after it are judged against
the trusted one before it.

Pure: the verdicts are read from `History.signatures`. `pending` names the
registry approvals whose verdict the chain needs next, with the
allowed-signers text to verify each with; `with_trusted_signatures` (the
engine's hook, and the history command's) loads them and asks again until
nothing is pending, one `git log` per step, and then verifies the other
commits grouped by the registry they are judged against.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from pydantic import ValidationError

from aims_lint.approvals.events import approval_events, reads
from aims_lint.approvals.holders import every_holder, holders_on
from aims_lint.approvals.model import ApprovalEvent, SignatureCheck
from aims_lint.approvals.signers import principal, signers_text
from aims_lint.corpus import Corpus
from aims_lint.dates import parse_day
from aims_lint.doctypes import ROLES
from aims_lint.history import History, Read
from aims_lint.history.model import FileHistory
from aims_lint.model import Role, RolesRegistry

Roles = Mapping[str, Role]


@dataclass(frozen=True)
class Trust:
    """The registry approvals of the history that are trusted, and what each commit is judged by."""

    # every registry path: the work tree's active ones in the corpus's order, then its retired
    # ones, then deleted lineages (under a key no work-tree path has, "deleted:N:path")
    paths: tuple[str, ...]
    # (registry path in the work tree, approval), oldest first: the path may have been another then
    trusted: tuple[tuple[str, ApprovalEvent], ...] = ()
    pending: Mapping[str, str] = field(default_factory=dict)  # commit -> allowed-signers text
    # commit -> the newest trusted approval of each registry among its ancestors (itself left out);
    # complete when nothing is pending
    before: Mapping[str, Mapping[str, ApprovalEvent]] = field(default_factory=dict, repr=False)
    # (registry path, commit) -> the approver role the chain judged that registry approval by
    judged_by: Mapping[tuple[str, str], str | None] = field(default_factory=dict)
    # the registry approvals the chain judged and did not trust, as (registry path, commit)
    refused: frozenset[tuple[str, str]] = frozenset()


def lineages(corpus: Corpus, history: History) -> dict[str, FileHistory]:
    """Every file that may have been a roles registry, by its key in `Trust.paths`, in order."""
    found: dict[str, FileHistory] = {}
    for source, _ in corpus.registries:
        found.setdefault(source.path, history.of(source.path))
    for source, doc in corpus.typed:  # retired (inactive) registries still in the work tree
        if isinstance(doc, RolesRegistry):
            found.setdefault(source.path, history.of(source.path))
    for index, lineage in enumerate(history.log.deleted):
        if lineage.path.endswith(".md"):
            found[f"deleted:{index}:{lineage.path}"] = lineage
    return found


def _with_lineages(history: History, found: Mapping[str, FileHistory]) -> History:
    """`history` whose `of(key)` also answers for the deleted lineages' keys."""
    extra = {key: lineage for key, lineage in found.items() if key not in history.log.files}
    if not extra:
        return history
    return replace(history, log=replace(history.log, files={**history.log.files, **extra}))


def registry_reads(corpus: Corpus, history: History) -> Iterable[Read]:
    """The revisions `chain` reads (the rules declare them in `revisions(ctx)`)."""
    if not history.available:
        return
    found = lineages(corpus, history)
    extended = _with_lineages(history, found)
    for key in found:
        yield from reads(extended, key)


def chain(corpus: Corpus, history: History) -> Trust:
    """Which registry approvals are trusted, as far as the verdicts loaded allow.

    One pass over the log, parents before children (its --date-order): each commit takes, per
    registry, the newest trusted approval of its parents; a registry approval recorded by the
    commit is judged against that, and then counts for the commit's children if trusted.
    """
    if not history.available:
        return Trust(tuple(source.path for source, _ in corpus.registries))
    found = lineages(corpus, history)
    paths = tuple(found)
    if not paths:
        return Trust(paths)
    extended = _with_lineages(history, found)
    current = {source.path for source, doc in corpus.typed if isinstance(doc, RolesRegistry)}
    # the type names that are registries (a schema's behaviour; `roles` by default)
    kinds = {ROLES} | {doc.type for source, doc in corpus.typed if isinstance(doc, RolesRegistry)}
    commits = history.log.commits
    ordered = list(reversed(list(commits)))
    order = {sha: index for index, sha in enumerate(ordered)}
    recorded: dict[str, list[tuple[str, ApprovalEvent]]] = defaultdict(list)
    for path in paths:
        for event in approval_events(extended, path):
            # a deleted file counts for the revisions in which it was a roles registry
            if path in current or event.data.get("type") in kinds:
                recorded[event.commit.sha].append((path, event))
    judged_by: dict[tuple[str, str], str | None] = {}
    refused: set[tuple[str, str]] = set()
    trusted: list[tuple[str, ApprovalEvent]] = []
    first: str | None = None  # the commit of the registry's first approval
    before: dict[str, dict[str, ApprovalEvent]] = {}
    states: list[dict[str, ApprovalEvent]] = [{}]  # shared by the commits of a straight line
    at: dict[str, int] = {}
    for sha in ordered:
        parents = commits[sha].parents
        merged: dict[str, ApprovalEvent] = {}
        for parent in parents:
            for path, event in states[at.get(parent, 0)].items():
                held = merged.get(path)
                if held is None or order.get(held.commit.sha, -1) < order.get(event.commit.sha, -1):
                    merged[path] = event
        before[sha] = merged
        mine: dict[str, ApprovalEvent] = {}
        for path, event in recorded.get(sha, ()):
            if first in (None, sha):  # the oldest registry approval of all: nothing came before it
                first = sha
                mine[path] = event
                judged_by[(path, sha)] = event.approver
                continue
            approver = _approver(merged, paths, path)
            judged_by[(path, sha)] = approver
            verdict = _judge(history, merged, paths, approver, event)
            if verdict is None:
                text = signers_text(roles_of(_in_order(merged, paths)))
                return Trust(paths, tuple(trusted), {sha: text}, before, judged_by, frozenset(refused))
            if verdict:
                mine[path] = event
            else:
                refused.add((path, sha))
        trusted.extend(mine.items())
        if mine or len(parents) != 1:
            states.append({**merged, **mine})
            at[sha] = len(states) - 1
        else:
            at[sha] = at.get(parents[0], 0)
    return Trust(paths, tuple(trusted), {}, before, judged_by, frozenset(refused))


def roles_at(trust: Trust, history: History, commit: str) -> dict[str, Role]:
    """The roles an approval recorded by `commit` is judged against (empty: no trusted registry
    came before it, and then no key is known)."""
    before = _in_order(trust.before.get(commit, {}), trust.paths)
    if not before and trust.trusted and trust.trusted[0][1].commit.sha == commit:
        # the first registry, approved in this very commit, trusts itself
        before = [event for _, event in trust.trusted if event.commit.sha == commit]
    return roles_of(before)


def _approver(before: Mapping[str, ApprovalEvent], paths: tuple[str, ...], path: str) -> str | None:
    """The role whose holder must sign a registry approval on `path`: the approver the trusted
    revision of that file names, not the one the new revision claims (otherwise a change could
    name a role its author holds and sign for it); for a file with no trusted revision (a new
    registry, or one recreated elsewhere) the approver of the first trusted registry before it."""
    prior = before.get(path)
    if prior is not None:
        return prior.approver
    return next((event.approver for event in _in_order(before, paths) if event.approver), None)


def _judge(history: History, before: Mapping[str, ApprovalEvent], paths: tuple[str, ...],
           approver: str | None, event: ApprovalEvent) -> bool | None:
    """Whether a registry approval is trusted, judged by the trusted registry before it and the
    approver `_approver` chose; None when its signatures' verdict is not loaded yet."""
    if not before:
        return False  # on a line of history that no trusted registry reaches
    roles = roles_of(_in_order(before, paths))
    if not any(key for role in roles.values() for holder in every_holder(role) for key in holder.keys):
        return True  # no key anywhere yet, so nothing could verify it: taken as it is
    role = roles.get(approver or "")
    checks = history.signatures.get(event.commit.sha)
    if checks is None:
        return None
    wanted = _principals(role, parse_day(event.approved_on))
    return any(_proves(check, wanted) for check in checks)


def roles_of(events: Iterable[ApprovalEvent]) -> dict[str, Role]:
    """The roles of registry revisions (first definition wins); an entry that is no role is left
    out (the work tree's copy of such a mistake is reported by the schema rules)."""
    found: dict[str, Role] = {}
    for event in events:
        entries = event.data.get("roles")
        for entry in entries if isinstance(entries, list) else []:
            try:
                role = Role.model_validate(entry)
            except ValidationError:
                continue
            found.setdefault(role.id, role)
    return found


def with_trusted_signatures(corpus: Corpus, history: History, commits: Iterable[str]) -> History:
    """`history` with the verdicts the chain needs, and those of `commits`, each verified against
    the registry it is judged by: one `git log` per registry approval that needs a verdict, then
    one per distinct registry among `commits` (`History.with_signatures`)."""
    wanted = list(dict.fromkeys(commits))
    while True:
        trust = chain(corpus, history)
        if not trust.pending or not history.available:
            break
        for sha, text in sorted(trust.pending.items()):
            history = history.with_signatures([sha], text)
        if any(sha not in history.signatures for sha in trust.pending):
            break  # never loops: a verdict that cannot be had stops the chain where it is
    groups: dict[str, list[str]] = defaultdict(list)
    for sha in wanted:
        if sha not in history.signatures:
            groups[signers_text(roles_at(trust, history, sha))].append(sha)
    for text, shas in sorted(groups.items()):
        history = history.with_signatures(shas, text)
    return history


def _in_order(events: Mapping[str, ApprovalEvent], paths: tuple[str, ...]) -> list[ApprovalEvent]:
    return [events[path] for path in paths if path in events]


def _principals(role: Role | None, day: date | None) -> set[str]:
    if role is None:
        return set()
    return {p for p in (principal(h) for h in holders_on(role, day)) if p}


def _proves(check: SignatureCheck, wanted: set[str]) -> bool:
    return check.status == "good" and (check.principal or "").casefold() in wanted

