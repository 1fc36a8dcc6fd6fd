"""At the trailer level, the Approved-by trailer must name who held the approver role on the day.

The commit that recorded a document's current approval (or the main-line
merge that brought it in) has `Approved-by:` trailers, but none names the
person the roles registry gives the approver role on the recorded
`approved_on`: the current holder from `since`, or a past holder between
`from` and `until` (`previous_holders`), so an approval by a former holder
still counts for the days they held the role. A trailer names a holder by
e-mail (a GitHub no-reply address of their handle included), or by their
name or GitHub handle as the registry lists them. When the approval
re-points `approver`, the trailer must name the holder of the approver
before it (`approvals/approver_change.py`): whoever holds the new role
cannot approve a document into their own hands.

Passing::

    # top-management is held by Dana Reyes <dana.reyes@example.org> since 2026-01-01
    approved_on: 2026-03-01     # recorded with  Approved-by: Dana Reyes <dana.reyes@example.org>

Failing::

    # top-management passed from Lee Park (until 2025-12-31) to Dana Reyes
    approved_on: 2026-03-01     # recorded with  Approved-by: Lee Park <lee.park@example.org>
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from aims_lint.approvals.approvers import approved_by, names_holder, shown
from aims_lint.approvals.holders import every_holder
from aims_lint.approvals.recording import (
    holders_for,
    judged,
    merges_by_commit,
    reads_for,
    repointed,
    trailer_level,
    who,
)
from aims_lint.history import Read
from aims_lint.model import PastHolder, Role
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS911", "approval-trailer-wrong-person", Severity.ERROR,
    "The Approved-by trailer must name whoever held the approver role on the approval day.",
    needs_history=True,
)
SHOWN = 3  # trailer values named in one finding


def check(ctx: Context) -> Iterator[Finding]:
    items = list(judged(ctx, trailer_level))
    if ctx.history is None or not items:
        return  # at the claim level: no merge graph to walk
    merges = merges_by_commit(ctx.history)
    for item in items:
        event = item.event
        role, holders = holders_for(ctx, item.source, event) if event else (None, [])
        if event is None or role is None:
            continue
        merge = merges.get(event.commit.sha)
        others = [r for r in ctx.corpus.roles.values() if r.id != role.id]
        values = [v for c in (event.commit, merge) if c is not None for v in approved_by(c)]
        if values and not any(names_holder(v, h) for v in values for h in holders):
            named = ", ".join(_about(v, role, item.day, others) for v in values[:SHOWN])
            more = f" and {len(values) - SHOWN} more" if len(values) > SHOWN else ""
            merged = f" (merged in {merge.short_sha})" if merge else ""
            yield RULE.at(item.source, "/approver", (
                f"{event.label} was approved in commit {event.commit.short_sha}{merged}, whose "
                f"Approved-by trailer names {named}{more} instead of {who(role, holders, item.day)}"
                f"{repointed(event, role)}"))


def revisions(ctx: Context) -> Iterator[Read]:
    return reads_for(ctx, trailer_level)


def _about(value: str, role: Role, day: date | None, others: list[Role]) -> str:
    """The trailer value, and what the registry says of that person and the role."""
    for holder in every_holder(role):
        if names_holder(value, holder):
            if isinstance(holder, PastHolder):
                span = f"from {holder.held_from or 'the start'} until {holder.until or 'now'}"
                return f"{shown(value)} (who held {role.id} {span})"
            since = f" since {holder.since}" if holder.since else ""
            return f"{shown(value)} (who holds {role.id}{since}, not on {day})"
    elsewhere = sorted(r.id for r in others if any(names_holder(value, h) for h in every_holder(r)))
    if elsewhere:
        return f"{shown(value)} (listed for {', '.join(elsewhere)}, not for {role.id})"
    return f"{shown(value)} (not listed for {role.id} in the roles registry)"
