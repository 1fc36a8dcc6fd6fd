"""An open nonconformity must be graded major or minor.

The grade decides what an open nonconformity means: a major one blocks a
certification audit, a minor one needs a corrective action under way
(`aims-lint readiness` reads `nc_status: open` with `grade: major` as a
blocker). An open nonconformity without a `grade` leaves that judgement
unmade, and would let a major one pass unseen. The finding is on the
`nc_status` line. Closed nonconformities written before the field existed
are history and are not judged.

Passing::

    nc_status: open
    grade: minor

Failing::

    nc_status: open          # no grade
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import NONCONFORMITY
from aims_lint.inventory import extra, records
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS858", "nonconformity-grade-missing", Severity.ERROR,
    "An open nonconformity must be graded major or minor.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, record in records(ctx.corpus, NONCONFORMITY):
        if extra(record, "nc_status") != "open" or "grade" in source.data:
            continue  # a grade other than major or minor is the schema rules' finding
        yield RULE.at(
            source, "/nc_status",
            f"open nonconformity {record.id} has no grade: set `grade: major` or `grade: minor`",
        )
