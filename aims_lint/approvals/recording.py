"""The approvals the evidence rules judge: approved documents, their level, and the commit that recorded them.

Shared by the trailer-level rules (AIMS910-AIMS914): each picks the
documents at the levels it judges, declares the revisions `events.py` reads
for them (`reads_for`), and asks for the event of the work tree's approval.

Where an approval entered the main line matters too. With merge commits
(`git merge --no-ff`, GitHub's "Create a merge commit") the branch commit
records the approval and a merge brings it into the main line later; a
team may write `Approved-by:` in that merge's message instead, and the
merge's day is when the approval took effect. `merges_by_commit` says
which main-line merge brought each branch commit in (`history.graph`'s
answer, the one `history --as-of` uses too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from aims_lint.approvals.approver_change import approver_to_judge
from aims_lint.approvals.events import current_event, reads
from aims_lint.approvals.holders import holders_on
from aims_lint.approvals.levels import at_least, level_for
from aims_lint.approvals.model import ApprovalEvent
from aims_lint.config import ApprovalLevel
from aims_lint.dates import parse_day
from aims_lint.document import SourceFile
from aims_lint.history import Commit, History, Read
from aims_lint.history.graph import bringing_merges
from aims_lint.model import Holder, Role
from aims_lint.rule import Context

LevelTest = Callable[[ApprovalLevel], bool]


@dataclass(frozen=True)
class Judged:
    """An approved document at a level a rule judges, and the event of its current approval."""

    source: SourceFile
    level: ApprovalLevel
    event: ApprovalEvent | None  # None: the approval is not in the committed history

    @property
    def day(self) -> date | None:
        """The approval day the commit recorded (None when missing or no date)."""
        return parse_day(self.event.approved_on) if self.event else None


def trailer_level(level: ApprovalLevel) -> bool:
    """The trailer rules (AIMS910, AIMS911) judge this level only: each level checks its own evidence."""
    return level == "trailer"


def git_backed(level: ApprovalLevel) -> bool:
    """Any level above claim: the approval must be in the history (AIMS912-AIMS914)."""
    return at_least(level, "trailer")


def approved(ctx: Context, wanted: LevelTest) -> Iterator[tuple[SourceFile, ApprovalLevel]]:
    """Approved documents whose level passes `wanted`, in path order."""
    for source, doc in ctx.corpus.typed:
        if doc.status != "approved":
            continue
        level = level_for(ctx.settings, source)
        if wanted(level):
            yield source, level


def reads_for(ctx: Context, wanted: LevelTest) -> Iterator[Read]:
    """The revisions `judged` will compare (a rule's `revisions(ctx)`)."""
    history = ctx.history
    if history is None or not history.available:
        return
    for source, _ in approved(ctx, wanted):
        yield from reads(history, source.path)


def judged(ctx: Context, wanted: LevelTest) -> Iterator[Judged]:
    """Every approved document at a wanted level, with its current approval's event (history read)."""
    history = ctx.history
    if history is None or not history.available:
        return
    for source, level in approved(ctx, wanted):
        yield Judged(source, level, current_event(history, source.path, source.data))


def merges_by_commit(history: History) -> dict[str, Commit]:
    """For each commit off the main line, the oldest main-line merge that brought it in."""
    return bringing_merges(history.log)


def holders_for(ctx: Context, source: SourceFile, event: ApprovalEvent) -> tuple[Role | None, list[Holder]]:
    """The role whose holder must back the approval, and who held it on the recorded approval day.

    The role is the one `approver_to_judge` names: the approver the commit
    recorded, or, when that commit re-pointed `approver`, the one before
    (whoever holds the new role cannot hand themselves the document)."""
    history = ctx.history
    role_id = approver_to_judge(history, source.path, event) if history is not None else event.approver
    role = ctx.corpus.roles.get(role_id or "")
    if role is None:
        return None, []
    # An approved_on that is not a date (AIMS106 says so) gives no day: the current holder is asked.
    return role, holders_on(role, parse_day(event.approved_on))


def repointed(event: ApprovalEvent, role: Role) -> str:
    """" (the approval re-points ...)" when the role judged is not the one the approval names."""
    if event.approver == role.id:
        return ""
    return (f" (this approval re-points approver from {role.id} to {event.approver}, so "
            f"{role.id} must approve it)")


def who(role: Role, holders: list[Holder], day: date | None) -> str:
    """"Dana Reyes (top-management)", or what the registry says when nobody held the role."""
    if holders:
        return f"{' or '.join(h.name or '?' for h in holders)} ({role.id})"
    when = f" on {day}" if day else ""
    return f"the holder of {role.id}{when} (the roles registry lists nobody for that day)"
