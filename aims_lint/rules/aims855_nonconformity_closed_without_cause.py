"""A closed nonconformity must record its cause.

ISO/IEC 42001 10.2 asks for the causes of a nonconformity to be found, so
that the actions remove them instead of treating the symptom. A record with
`nc_status: closed` therefore needs a non-empty `cause`: the root cause the
analysis found, in a sentence an auditor can test the actions against. The
finding is on the `cause` line when it is there but empty, and on the
`nc_status` line when it is missing.

Passing::

    nc_status: closed
    cause: No route existed for requesting a new AI tool, and company cards allowed AI subscriptions.

Failing::

    nc_status: closed       # no cause
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import NONCONFORMITY
from aims_lint.inventory import extra, records
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS855", "nonconformity-closed-without-cause", Severity.ERROR,
    "A closed nonconformity must record its cause.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, record in records(ctx.corpus, NONCONFORMITY):
        if extra(record, "nc_status") != "closed":
            continue
        cause = extra(record, "cause")
        if isinstance(cause, str) and cause.strip():
            continue
        pointer = "/cause" if "cause" in source.data else "/nc_status"
        yield RULE.at(
            source, pointer,
            f"nonconformity {record.id} is closed without a cause: record the root cause in `cause`",
        )
