"""The forge level: was the current approval an approving review, by the holder, on the merged change?

For each approved document whose level is "forge" (`levels.py`), the commit
that recorded its current approval (`events.current_event`) must be covered
by a record of the pull request that landed it (`History.forge_records`,
read from refs/notes/aims-approvals). In that record the approver role's
holder on `approved_on` (`holders.py`; past holders count for their dates),
known by the `github` handle in the roles registry, must have approved:

- their last review that decides (approved, changes requested, dismissed)
  is an approval, not dismissed, of the pull request's final head commit;
- they held the role on the day the review was submitted, too;
- when they are an author of the change (its pull request's author, or the
  author or committer of any of its commits), their own review is no
  independent look: another approving review is needed, by a repository
  member (GitHub's author_association OWNER, MEMBER or COLLABORATOR) who
  is none of those authors.

Who held the role, and their `github` handle, come from the roles registry
as it was last approved before the approval commit (the newest approved
revision an ancestor of that commit recorded), not from the work tree nor
from the raw revision before the commit: a pull request that changes the
holder's handle to its own author's account, or an earlier edit of the
handle that nobody approved, does not make that account's review the
holder's. The registry's own approvals are judged the same way, against the
registry approved before them. The repository's oldest registry approval
trusts itself (the one anchor), so the commit that records it is judged
against that revision. The role is the one `approver_to_judge` names: an
approval that re-points `approver` needs the previous approver's review.

Each way to fall short is its own rule (AIMS920-AIMS924), and each asks
`judge(ctx)` for the verdicts of every document; the rules differ only in
which verdict they report. Pure: the notes were read before rules ran.

In pull-request mode (`check --base`), an approval recorded by the pull
request's own commits has no record yet: the workflow writes it when the
pull request merges, so those approvals are judged on the base branch after
the merge (the publish and scheduled runs), not in the pull request.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from aims_lint.approvals import recording
from aims_lint.approvals.approver_change import approver_to_judge
from aims_lint.approvals.events import approval_events, current_event, reads
from aims_lint.approvals.holders import holders_on
from aims_lint.approvals.model import ApprovalEvent, ForgeRecord, ForgeReview
from aims_lint.approvals.trust import registry_reads, roles_of
from aims_lint.dates import parse_day
from aims_lint.document import SourceFile
from aims_lint.history import History, Read
from aims_lint.history.forge_notes import NOTES_REF
from aims_lint.history.graph import ancestors
from aims_lint.history.identity import github_login
from aims_lint.model import Holder, Role
from aims_lint.rule import Context

Kind = Literal["no-record", "no-review", "self-approved", "stale", "not-holder-then"]
DECIDING = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")
FETCH = f"git fetch origin {NOTES_REF}:{NOTES_REF}"
# Reviewers whose approval is an independent look: those GitHub counts as the repository's own.
MEMBERS = ("OWNER", "MEMBER", "COLLABORATOR")
# GitHub's "list commits on a pull request" returns at most this many: beyond it, the record's
# authors and committers may be incomplete, so the holder may be one of them unseen.
COMMITS_LISTED = 250


@dataclass(frozen=True)
class Verdict:
    """Why one document's current approval falls short of the forge level."""

    source: SourceFile
    kind: Kind
    message: str


def judged(ctx: Context) -> Iterator[tuple[SourceFile, ApprovalEvent]]:
    """The documents at the forge level with a committed approval, and its event."""
    history = ctx.history
    if history is None or not history.available:
        return
    for source in _forge_sources(ctx):
        event = current_event(history, source.path, source.data)
        if event is not None:
            yield source, event


def revisions(ctx: Context) -> Iterator[Read]:
    """The revisions `judged` compares (those of every approved document at the forge level), and
    the roles registry at each of their approval commits and its first parent."""
    history = ctx.history
    if history is None or not history.available:
        return
    for source in _forge_sources(ctx):
        yield from reads(history, source.path)
    # The approved revisions of the registries, which `_registry_before` judges by.
    yield from registry_reads(ctx.corpus, history)


def needs_forge(ctx: Context) -> bool:
    return any(True for _ in _forge_sources(ctx))


def _forge_sources(ctx: Context) -> Iterator[SourceFile]:
    """The approved documents at the forge level (the selection every evidence rule shares)."""
    return (source for source, _ in recording.approved(ctx, lambda level: level == "forge"))


def judge(ctx: Context) -> Iterator[Verdict]:
    history = ctx.history
    if history is None:
        return
    pending = _pull_request_commits(history)
    paths = _registry_paths(ctx)
    for source, event in judged(ctx):
        if event.commit.sha in pending:
            continue  # this pull request's own approval: recorded when it merges
        if (event.approver or "") not in ctx.corpus.roles:
            continue  # an unknown approver role is AIMS301's finding
        trusted, registry = _registry_before(history, event, paths)
        approver = approver_to_judge(history, source.path, event) or ""
        role = registry.get(approver)
        if role is None:
            yield Verdict(source, "no-review", (
                f"{event.label} was approved in commit {event.commit.short_sha}; the roles registry "
                f"as last approved before that commit ({_at(trusted)}) has no role {approver}, so no "
                "review on the forge can be its holder's"))
            continue
        found = _verdict(history, source, event, role)
        if found is not None:
            yield found


def _registry_paths(ctx: Context) -> tuple[str, ...]:
    """The paths of the work tree's roles registries (their approvals follow renames)."""
    return tuple(dict.fromkeys(source.path for source, _ in ctx.corpus.registries))


def _registry_before(history: History, event: ApprovalEvent,
                     paths: tuple[str, ...]) -> tuple[str | None, dict[str, Role]]:
    """The roles as the registry was last *approved* before the approval commit, and the commit
    that approved that revision.

    Not the raw revision at the first parent: an edit of the registry that nobody approved (a
    holder's `github` handle pointed at another account) must not decide whose review counts.
    For each registry, the newest approved revision recorded by an ancestor of the approval
    commit (the commit itself left out) is used. The oldest registry approval of the repository
    trusts itself, once: an approval recorded by that same commit is judged against it. An
    approval with no approved registry before it has no roles to be judged by (none is invented
    from the work tree, which the change under judgement may itself have edited).
    """
    before = ancestors(history.log, event.commit.parents)
    newest: dict[str, ApprovalEvent] = {}
    oldest: ApprovalEvent | None = None
    for path in paths:
        for approved in approval_events(history, path):  # oldest first
            if oldest is None or _moment(approved) < _moment(oldest):
                oldest = approved
            if approved.commit.sha in before:
                newest[path] = approved
    if not newest and oldest is not None and oldest.commit.sha == event.commit.sha:
        return event.commit.sha, roles_of(
            approved for path in paths for approved in approval_events(history, path)
            if approved.commit.sha == event.commit.sha)
    if not newest:
        return None, {}
    last = max(newest.values(), key=_moment)
    return last.commit.sha, roles_of(newest[path] for path in paths if path in newest)


def _moment(event: ApprovalEvent) -> tuple[object, str]:
    return event.commit.committer.when, event.commit.sha


def _at(commit: str | None) -> str:
    return f"approved in commit {commit[:7]}" if commit else "no approved revision"


def _verdict(history: History, source: SourceFile, event: ApprovalEvent, role: Role) -> Verdict | None:
    approved = f"{event.label} was approved in commit {event.commit.short_sha}"
    records = history.forge_records(event.commit.sha)
    if not records:
        return Verdict(source, "no-record", f"{approved}, {_no_record(history, event)}")
    day = parse_day(event.approved_on)
    holders = holders_on(role, day)
    handles = {github_login(h.github): h for h in holders if h.github and github_login(h.github)}
    who = _who(holders, role)
    if not holders:
        return Verdict(source, "no-review", f"{approved}; the roles registry names nobody who held "
                       f"{role.id} on {event.approved_on}, so no review on the forge can be theirs")
    if not handles:
        return Verdict(source, "no-review", f"{approved}; {who} has no github handle in the roles "
                       "registry, so no review on the forge can be theirs")
    valid = [(record, review) for record in records for review in _valid(record, handles)]
    if not valid:
        return _without_approval(source, approved, records, handles, who)
    held = [(record, review) for record, review in valid if _held_then(role, review)]
    if not held:
        record, review = valid[0]
        return Verdict(source, "not-holder-then", (
            f"{approved}; @{review.reviewer} approved pull request #{record.pr} on "
            f"{_on(review)}, when they did not hold {role.id}"))
    unchecked = [(record, review, _self_approval(record, handles[github_login(review.reviewer)]))
                 for record, review in held]
    if all(why is not None for _, _, why in unchecked):
        record, review, why = unchecked[0]
        return Verdict(source, "self-approved", (
            f"{approved}; @{review.reviewer} ({who}) {why}, so their own approval is no independent "
            "look, and no other repository member (owner, member or collaborator) who wrote none "
            "of it approved the final head: have one approve it"))
    return None


def _self_approval(record: ForgeRecord, holder: Holder) -> str | None:
    """How the holder is an author of the change, when their approval needs an independent one
    (None when it does not: someone else wrote the change, or a member who did not approved it)."""
    mine = {github_login(holder.github or ""), (holder.email or "").strip().casefold()} - {""}
    pr = f"pull request #{record.pr}"
    roles = [(f"opened {pr}", {record.author}), (f"wrote commits of {pr}", set(record.commit_authors)),
             (f"committed commits of {pr}", set(record.committers))]
    how = [words for words, people in roles if mine & {p.casefold() for p in people}]
    if record.commits > COMMITS_LISTED:
        how.append(f"may be an author among the {record.commits} commits of {pr} (GitHub lists "
                   f"{COMMITS_LISTED} at most)")
    if not how:
        return None
    authors = mine | {p.casefold() for _, people in roles for p in people}
    for reviewer, review in _standing(record).items():
        if reviewer not in authors and review.association in MEMBERS:
            return None
    return " and ".join(how)


def _standing(record: ForgeRecord) -> dict[str, ForgeReview]:
    """Each reviewer's last deciding review, where it approves the final head, by login."""
    found: dict[str, ForgeReview] = {}
    for reviewer in sorted({r.reviewer.casefold() for r in record.reviews}):
        last = _last_deciding([r for r in record.reviews if r.reviewer.casefold() == reviewer])
        if last is not None and _approves(record, last):
            found[reviewer] = last
    return found


def _no_record(history: History, event: ApprovalEvent) -> str:
    problem = history.forge_problems.get(event.commit.sha) or history.forge_problems.get("")
    if problem:
        return f"whose note under {NOTES_REF} is no approval record: {problem}"
    text = f"which no pull request record under {NOTES_REF} covers (merge it through a pull " \
           "request with the approvals workflow on)"
    if not history.forge:
        text += f"; this clone holds no records at all: {FETCH}"
    return text


def _without_approval(source: SourceFile, approved: str, records: tuple[ForgeRecord, ...],
                      handles: dict[str, Holder], who: str) -> Verdict:
    record = records[0]
    mine = [review for review in record.reviews if review.reviewer.casefold() in handles]
    last = _last_deciding(mine)
    pr = f"pull request #{record.pr}"
    if last is not None and (last.dismissed or last.state == "APPROVED"):
        why = "was dismissed" if last.dismissed else (
            f"approved commit {last.commit_id[:7]}, not the final head {record.head[:7]}")
        return Verdict(source, "stale", f"{approved}; the approving review of {pr} by "
                       f"@{last.reviewer} ({who}) {why}: approve the final change again")
    others = sorted({f"@{r.reviewer}" for r in record.reviews if _approves(record, r)})
    also = f" (approved by {', '.join(others)})" if others else ""
    handle = " or ".join(f"@{h.github.strip().lstrip('@')}" for h in handles.values() if h.github)
    last_words = "; their last review requested changes" if last is not None else ""
    return Verdict(source, "no-review", f"{approved}, merged by {pr}{also}, which has no approving "
                   f"review by {handle} ({who}){last_words}")


def _valid(record: ForgeRecord, handles: dict[str, Holder]) -> Iterator[ForgeReview]:
    """The holders' reviews that count: each one's last deciding review, approving the head."""
    for handle in sorted(handles):
        last = _last_deciding([r for r in record.reviews if r.reviewer.casefold() == handle])
        if last is not None and _approves(record, last):
            yield last


def _approves(record: ForgeRecord, review: ForgeReview) -> bool:
    return review.state == "APPROVED" and not review.dismissed and review.commit_id == record.head


def _last_deciding(reviews: list[ForgeReview]) -> ForgeReview | None:
    """GitHub counts each reviewer's latest review that approves, requests changes or was dismissed."""
    deciding = [r for r in reviews if r.state in DECIDING or r.dismissed]
    return max(deciding, key=_when, default=None) if deciding else None


def _when(review: ForgeReview) -> str:
    return review.submitted_at.isoformat() if review.submitted_at else ""


def _held_then(role: Role, review: ForgeReview) -> bool:
    if review.submitted_at is None:
        return True  # no time recorded: the approval day is all there is to go by
    then = holders_on(role, review.submitted_at.date())
    return any(h.github and github_login(h.github) == review.reviewer.casefold() for h in then)


def _who(holders: list[Holder], role: Role) -> str:
    return f"{' or '.join(h.name or h.email or '?' for h in holders)}, {role.id}"


def _on(review: ForgeReview) -> str:
    return review.submitted_at.date().isoformat() if review.submitted_at else "an unknown day"


def _pull_request_commits(history: History) -> frozenset[str]:
    """In pull-request mode, the commits not on the base: approvals the merge will record."""
    if history.base is None or not history.log.head:
        return frozenset()
    return frozenset(history.log.commits) - ancestors(history.log, [history.base.commit])

