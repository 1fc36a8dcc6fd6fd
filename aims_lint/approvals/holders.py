"""Who held a role on a day: the current holder from `since`, and past holders from `from` to `until`.

The approval rules ask this of the approval day (the `approved_on` the
commit recorded), so an approval made by someone who has since handed the
role on still verifies, and one made in a former holder's name after they
left does not. A current holder without `since` is taken to have held the
role on any day not covered by a past holder: registries written before
`previous_holders` existed keep passing.
"""

from __future__ import annotations

from datetime import date

from aims_lint.model import Holder, PastHolder, Role


def holders_on(role: Role, day: date | None) -> list[Holder]:
    """Everyone who held `role` on `day` (normally one; None: the current holder only)."""
    current = role.holder if role.holder is not None and role.holder.name else None
    if day is None:
        return [current] if current else []
    past: list[Holder] = [h for h in role.previous_holders if _held(h, day)]
    # Without `since`, the current holder covers only the days no past holder does.
    started = current is not None and current.since is not None and current.since <= day
    if current is not None and (started or (current.since is None and not past)):
        past.insert(0, current)
    return past


def every_holder(role: Role) -> list[Holder]:
    """The current holder (if any) and every past one: whoever may have signed for the role."""
    current = [role.holder] if role.holder is not None and role.holder.name else []
    return [*current, *role.previous_holders]


def _held(holder: PastHolder, day: date) -> bool:
    start, end = holder.held_from, holder.until
    return (start is None or start <= day) and (end is None or day <= end)
