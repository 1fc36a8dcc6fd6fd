"""Which approved version of a document was in force on a day (`aims-lint history ID --as-of DATE`).

"What did the auditor sample last year?" is answered from what git held
on that day, not from what the front matter claims now: the version in
force is the newest approval that had reached the main line by the day
and had taken effect (its `effective_on`, else its `approved_on`), unless
the document had been deleted or retired by then. A commit on a branch
reaches the main line on the day of the merge that brought it in, so an
approval waiting in an unmerged pull request was not yet in force. An
approval whose front matter claims an earlier date than git recorded it is
in force only from the day git holds it, and the answer says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from aims_lint.approvals.describe import Evidence, how
from aims_lint.approvals.record import DocumentRecord, Row
from aims_lint.history.graph import bringing_merges, mainline
from aims_lint.history.model import Log
from aims_lint.model import INACTIVE_STATUSES


@dataclass(frozen=True)
class InForce:
    day: date
    evidence: Evidence | None  # the approved version in force on `day`; None when there was none
    reason: str  # the answer in words
    pending: Evidence | None = None  # a later approval git held by then that had not taken effect


def in_force(record: DocumentRecord, log: Log, day: date) -> InForce:
    landed = landing_days(log)

    def by(sha: str) -> bool:
        reached = landed.get(sha)
        return reached is not None and reached <= day

    rows = [row for row in record.rows if by(row.change.commit.sha)]
    held = [ev for ev in record.approvals if by(ev.commit.sha)]
    if not rows:
        later = _later(record, landed)
        return InForce(day, None, f"not in force on {day}: git held no revision of it yet{later}")
    gone = _gone(rows[0], landed)
    if gone:
        return InForce(day, None, f"not in force on {day}: {gone}")
    effective = [ev for ev in held if (_effective(ev) or date.min) <= day]
    if not effective:
        pending = held[-1] if held else None
        why = f"no approved version had been recorded in git by then{_later(record, landed)}"
        if pending is not None:
            why = f"{pending.label} had been recorded but took effect only on {_effective(pending)}"
        return InForce(day, None, f"not in force on {day}: {why}", pending)
    current = effective[-1]
    waiting = [ev for ev in held if held.index(ev) > held.index(current)]
    return InForce(day, current, f"{current.label} was in force on {day}: {how(current)}",
                   waiting[-1] if waiting else None)


def landing_days(log: Log) -> dict[str, date]:
    """The day each commit reached the main line: its own for a main-line commit, else the day
    of the (oldest) main-line merge that brought it in."""
    days = {sha: log.commits[sha].day for sha in mainline(log)}
    for sha, merge in bringing_merges(log).items():
        days.setdefault(sha, merge.day)
    return days


def _later(record: DocumentRecord, landed: dict[str, date]) -> str:
    """The first approval git got only after the day, with the date its front matter claims."""
    first = record.approvals[0] if record.approvals else None
    if first is None:
        return ""
    claimed = f" (approved_on {first.approved_on})" if first.approved_on else ""
    return f"; {first.label}{claimed} was first recorded on {landed.get(first.commit.sha)}"


def _gone(row: Row, landed: dict[str, date]) -> str:
    reached = landed.get(row.change.commit.sha)
    if row.kind == "deleted":
        return f"it was deleted on {reached} (commit {row.change.commit.short_sha})"
    if row.status in INACTIVE_STATUSES:
        return f"it was {row.status} on {reached} (commit {row.change.commit.short_sha})"
    return ""


def _effective(ev: Evidence) -> date | None:
    for value in (ev.effective_on, ev.approved_on):
        if not value:
            continue
        try:
            return date.fromisoformat(value)
        except ValueError:
            continue
    return None
