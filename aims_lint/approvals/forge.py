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
- they are not the change's only author while also its only approver.

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

from aims_lint.approvals.events import current_event, reads
from aims_lint.approvals.holders import holders_on
from aims_lint.approvals.levels import level_for
from aims_lint.approvals.model import ApprovalEvent, ForgeRecord, ForgeReview
from aims_lint.dates import parse_day
from aims_lint.document import SourceFile
from aims_lint.history import History, Log, Read
from aims_lint.history.forge_notes import NOTES_REF
from aims_lint.history.identity import github_login
from aims_lint.model import Holder, Role
from aims_lint.rule import Context

Kind = Literal["no-record", "no-review", "self-approved", "stale", "not-holder-then"]
DECIDING = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")
FETCH = f"git fetch origin {NOTES_REF}:{NOTES_REF}"


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
    for source, _ in ctx.corpus.typed:
        if source.data.get("status") != "approved" or level_for(ctx.settings, source) != "forge":
            continue
        event = current_event(history, source.path, source.data)
        if event is not None:
            yield source, event


def revisions(ctx: Context) -> Iterator[Read]:
    """The revisions `judged` compares: those of every approved document at the forge level."""
    history = ctx.history
    if history is None or not history.available:
        return
    for source, _ in ctx.corpus.typed:
        if source.data.get("status") == "approved" and level_for(ctx.settings, source) == "forge":
            yield from reads(history, source.path)


def needs_forge(ctx: Context) -> bool:
    return any(s.data.get("status") == "approved" and level_for(ctx.settings, s) == "forge"
               for s, _ in ctx.corpus.typed)


def judge(ctx: Context) -> Iterator[Verdict]:
    history = ctx.history
    if history is None:
        return
    pending = _pull_request_commits(history)
    for source, event in judged(ctx):
        if event.commit.sha in pending:
            continue  # this pull request's own approval: recorded when it merges
        role = ctx.corpus.roles.get(event.approver or "")
        if role is None:
            continue  # an unknown approver role is AIMS301's finding
        found = _verdict(history, source, event, role)
        if found is not None:
            yield found


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
    if all(_self_approved(record, review) for record, review in held):
        record, review = held[0]
        return Verdict(source, "self-approved", (
            f"{approved}; the only approval of pull request #{record.pr} is by @{review.reviewer} "
            f"({who}), who is also the change's only author: have someone else write or approve it"))
    return None


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


def _self_approved(record: ForgeRecord, review: ForgeReview) -> bool:
    """The reviewer is the only one who approved, and the only author of the change."""
    approvers = {r.reviewer.casefold() for r in record.reviews if _approves(record, r)}
    authors = {a.casefold() for a in record.commit_authors} or {record.author.casefold()}
    return approvers == authors == {review.reviewer.casefold()}


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
    return frozenset(history.log.commits) - _ancestors(history.log, history.base.commit)


def _ancestors(log: Log, start: str) -> frozenset[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        sha = stack.pop()
        if sha in seen or sha not in log.commits:
            continue
        seen.add(sha)
        stack.extend(log.commits[sha].parents)
    return frozenset(seen)
