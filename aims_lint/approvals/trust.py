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
registry before it listed no key for any holder of its approver role (until
that role's holder has a key, nothing could verify the change; from the
first approval that lists one on, every change to the registry needs that
holder's signature). An untrusted registry approval is passed over: the
approvals after it are judged against the trusted one before it.

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
from dataclasses import dataclass, field
from datetime import date

from pydantic import ValidationError

from aims_lint.approvals.events import approval_events, reads
from aims_lint.approvals.holders import holders_on
from aims_lint.approvals.model import ApprovalEvent, SignatureCheck
from aims_lint.approvals.signers import principal, signers_text
from aims_lint.corpus import Corpus
from aims_lint.history import History, Read
from aims_lint.model import Role

Roles = Mapping[str, Role]


@dataclass(frozen=True)
class Trust:
    """The registry approvals of the history, and which of them are trusted."""

    paths: tuple[str, ...]  # the work tree's active registries, in the corpus's order
    order: Mapping[str, int]  # commit -> position in the log, parents before children
    # (registry path in the work tree, approval), oldest first: the path may have been another then
    trusted: tuple[tuple[str, ApprovalEvent], ...] = ()
    pending: Mapping[str, str] = field(default_factory=dict)  # commit -> allowed-signers text
    # commit -> the trusted approvals before it, per path: filled once, on the first `roles_at`
    _before: dict[str, tuple[ApprovalEvent, ...]] = field(default_factory=dict, compare=False,
                                                          repr=False)


def registry_reads(corpus: Corpus, history: History) -> Iterable[Read]:
    """The revisions `chain` reads (the rules declare them in `revisions(ctx)`)."""
    for source, _ in corpus.registries:
        yield from reads(history, source.path)


def chain(corpus: Corpus, history: History) -> Trust:
    """Which registry approvals are trusted, as far as the verdicts loaded allow."""
    paths = tuple(dict.fromkeys(source.path for source, _ in corpus.registries))
    order = {sha: index for index, sha in enumerate(reversed(list(history.log.commits)))}
    trust = Trust(paths, order)
    if not history.available:
        return trust
    events = sorted(((path, event) for path in paths for event in approval_events(history, path)),
                    key=lambda item: (order.get(item[1].commit.sha, -1), paths.index(item[0])))
    trusted: list[tuple[str, ApprovalEvent]] = []
    for path, event in events:
        if not trusted:  # the registry's first approval: nothing came before to judge it by
            trusted.append((path, event))
            continue
        before = _reachable(history, trust, trusted, event.commit.sha)
        if not before:
            continue  # on a line of history that no trusted registry reaches
        roles = roles_of(before)
        role = roles.get(event.approver or "")
        wanted = _principals(role, _day(event.approved_on))
        listed = role is not None and any(h.keys for h in holders_on(role, _day(event.approved_on)))
        if not listed:
            trusted.append((path, event))  # nobody had a key to sign with yet: taken as it is
            continue
        checks = history.signatures.get(event.commit.sha)
        if checks is None:
            return Trust(paths, order, tuple(trusted), {event.commit.sha: signers_text(roles)})
        if any(_proves(check, wanted) for check in checks):
            trusted.append((path, event))
    return Trust(paths, order, tuple(trusted))


def roles_at(trust: Trust, history: History, commit: str) -> dict[str, Role]:
    """The roles an approval recorded by `commit` is judged against (empty: no trusted registry
    came before it, and then no key is known)."""
    if not trust._before:
        trust._before.update(_all_before(history, trust))
    before = trust._before.get(commit, ())
    if not before and trust.trusted and trust.trusted[0][1].commit.sha == commit:
        before = (trust.trusted[0][1],)  # the first registry, approved in this very commit
    return roles_of(before)


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


def _reachable(history: History, trust: Trust, trusted: list[tuple[str, ApprovalEvent]], commit: str
               ) -> tuple[ApprovalEvent, ...]:
    """For each registry path, the newest trusted approval among the commit's ancestors (the commit
    itself excluded). A whole walk per registry approval: they are few (`_all_before` answers for
    every commit at once, once the chain is known)."""
    by_commit: dict[str, list[tuple[str, ApprovalEvent]]] = defaultdict(list)
    for path, event in trusted:
        by_commit[event.commit.sha].append((path, event))
    commits = history.log.commits
    start = commits[commit].parents if commit in commits else ()
    seen: set[str] = set()
    hits: list[tuple[str, ApprovalEvent]] = []
    stack = list(start)
    while stack:
        sha = stack.pop()
        if sha in seen or sha not in commits:
            continue
        seen.add(sha)
        hits.extend(by_commit.get(sha, ()))
        stack.extend(commits[sha].parents)
    newest: dict[str, ApprovalEvent] = {}
    for path, event in sorted(hits, key=lambda hit: trust.order.get(hit[1].commit.sha, -1)):
        newest[path] = event
    return tuple(newest[path] for path in trust.paths if path in newest)


def _all_before(history: History, trust: Trust) -> dict[str, tuple[ApprovalEvent, ...]]:
    """`_reachable` for every commit of the log at once: one pass, parents before children (the
    log's --date-order), each commit taking the newest trusted approval per path of its parents.
    A dict of tuples per commit, so a history of many commits and approvals costs one walk."""
    at: dict[str, int] = {}  # the "including this commit" state, by commit
    states: list[dict[str, ApprovalEvent]] = [{}]
    trusted: dict[str, list[tuple[str, ApprovalEvent]]] = defaultdict(list)
    for path, event in trust.trusted:
        trusted[event.commit.sha].append((path, event))
    before: dict[str, tuple[ApprovalEvent, ...]] = {}
    commits = history.log.commits
    for sha in sorted(commits, key=lambda c: trust.order.get(c, -1)):
        merged: dict[str, ApprovalEvent] = {}
        for parent in commits[sha].parents:
            for path, event in states[at.get(parent, 0)].items():
                held = merged.get(path)
                if held is None or trust.order.get(held.commit.sha, -1) < trust.order.get(
                        event.commit.sha, -1):
                    merged[path] = event
        before[sha] = tuple(merged[path] for path in trust.paths if path in merged)
        mine = trusted.get(sha)
        if mine:
            merged = {**merged, **dict(mine)}
        if len(commits[sha].parents) == 1 and not mine:
            at[sha] = at.get(commits[sha].parents[0], 0)  # the same state: shared, not copied
        else:
            states.append(merged)
            at[sha] = len(states) - 1
    return before


def _principals(role: Role | None, day: date | None) -> set[str]:
    if role is None:
        return set()
    return {p for p in (principal(h) for h in holders_on(role, day)) if p}


def _proves(check: SignatureCheck, wanted: set[str]) -> bool:
    return check.status == "good" and (check.principal or "").casefold() in wanted


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
