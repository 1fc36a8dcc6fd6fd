"""A closed nonconformity must record the check that its actions worked.

ISO/IEC 42001 10.2 asks for the effectiveness of corrective actions to be
reviewed before a nonconformity is done with. A record with
`nc_status: closed` needs `effectiveness` with all three of `checked_on` (the
day of the check), `by` (the role that checked; the role rules check it) and
`result` (what the check found). The check cannot lie after `--today` or
before the nonconformity's `event_date`, nor before the latest `done_on` of
its actions: a check made before the last action was finished cannot show
that it worked. The `result` must say what was looked at and found: a stock
answer such as "ok", "done", "fixed" or "effective", or a result shorter than
6 words (`MIN_WORDS`; compared as AIMS870 does, aims_lint/prose.py), is
reported on the `result` line. A missing `effectiveness` is reported on the
`nc_status` line, a missing or empty key on the `effectiveness` line, a wrong
date on its `checked_on` line. (An action whose `done_on` lies after today is
AIMS854's: it is not done yet.)

Passing::

    event_date: 2026-05-12
    nc_status: closed
    effectiveness:
      checked_on: 2026-08-31
      by: aims-manager
      result: The July and August discovery scans found no unapproved AI tool in use.

Failing::

    nc_status: closed
    effectiveness: {checked_on: 2026-08-31, by: aims-manager}     # no result

    nc_status: closed
    actions:
      - {id: CA-1, owner: ml-lead, due: 2026-09-30, status: done, done_on: 2026-09-15}
    effectiveness: {checked_on: 2026-08-31, by: aims-manager, result: ok}
                    # checked before CA-1 was done, and a stock result
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from aims_lint.corrective_actions import actions_of
from aims_lint.dates import parse_day
from aims_lint.doctypes import NONCONFORMITY
from aims_lint.inventory import extra, records
from aims_lint.model import Record
from aims_lint.prose import EMPTY_PHRASES, thin
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS856", "nonconformity-closed-without-effectiveness-check", Severity.ERROR,
    "A closed nonconformity must record an effectiveness check.",
)
KEYS = ("checked_on", "by", "result")
MIN_WORDS = 6
# Answers that say the check happened, not what it found.
STOCK_RESULTS = EMPTY_PHRASES | {
    "ok", "okay", "fine", "good", "done", "fixed", "resolved", "closed", "complete", "completed",
    "effective", "was effective", "actions effective", "action effective", "verified", "checked",
    "confirmed", "passed", "pass", "yes", "works", "working", "no recurrence", "no issues",
    "no further issues", "satisfactory", "as expected",
}


def check(ctx: Context) -> Iterator[Finding]:
    for source, record in records(ctx.corpus, NONCONFORMITY):
        if extra(record, "nc_status") != "closed":
            continue
        effect = extra(record, "effectiveness")
        if not isinstance(effect, dict):
            pointer = "/effectiveness" if "effectiveness" in source.data else "/nc_status"
            yield RULE.at(
                source, pointer,
                f"nonconformity {record.id} is closed without an effectiveness check: record "
                "`effectiveness` with checked_on, by and result",
            )
            continue
        missing = [k for k in KEYS if not (isinstance(effect.get(k), str) and effect[k].strip())]
        if missing:
            yield RULE.at(
                source, "/effectiveness",
                f"the effectiveness check of closed nonconformity {record.id} has no {', '.join(missing)}",
            )
        result = effect.get("result")
        problem = None  # an empty result is reported above, as missing
        if isinstance(result, str) and result.strip():
            problem = thin(result, STOCK_RESULTS, MIN_WORDS)
        if problem is not None:
            yield RULE.at(
                source, "/effectiveness/result",
                f"the effectiveness result of closed nonconformity {record.id} {problem}; say what "
                "was looked at and what it showed",
            )
        day = parse_day(effect.get("checked_on"))
        last = _last_done(record)
        if day is not None and day > ctx.today:
            yield RULE.at(
                source, "/effectiveness/checked_on",
                f"the effectiveness check of {record.id} is dated {day}, after today ({ctx.today})",
            )
        elif day is not None and record.event_date is not None and day < record.event_date:
            yield RULE.at(
                source, "/effectiveness/checked_on",
                f"the effectiveness check of {record.id} is dated {day}, before the nonconformity "
                f"itself ({record.event_date})",
            )
        elif day is not None and last is not None and day < last[0]:
            yield RULE.at(
                source, "/effectiveness/checked_on",
                f"the effectiveness check of {record.id} is dated {day}, before its {last[1]} was "
                f"done ({last[0]}); check after the last action is finished",
            )


def _last_done(record: Record) -> tuple[date, str] | None:
    """The latest `done_on` of the nonconformity's actions, and which action it is."""
    dated: list[tuple[date, str]] = []
    for action in actions_of(record):
        done_on = action.done_on
        if done_on is not None:
            dated.append((done_on, action.label))
    return max(dated) if dated else None
