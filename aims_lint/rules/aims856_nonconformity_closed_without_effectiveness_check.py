"""A closed nonconformity must record the check that its actions worked.

ISO/IEC 42001 10.2 asks for the effectiveness of corrective actions to be
reviewed before a nonconformity is done with. A record with
`nc_status: closed` needs `effectiveness` with all three of `checked_on` (the
day of the check), `by` (the role that checked; the role rules check it) and
`result` (what the check found). The check cannot lie after `--today` or
before the nonconformity's `event_date`. A missing `effectiveness` is reported
on the `nc_status` line, a missing or empty key on the `effectiveness` line,
a wrong date on its `checked_on` line.

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
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import NONCONFORMITY
from aims_lint.inventory import extra, parse_day, records
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS856", "nonconformity-closed-without-effectiveness-check", Severity.ERROR,
    "A closed nonconformity must record an effectiveness check.",
)
KEYS = ("checked_on", "by", "result")


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
        day = parse_day(effect.get("checked_on"))
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
