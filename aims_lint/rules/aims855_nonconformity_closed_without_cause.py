"""A closed nonconformity must record its cause.

ISO/IEC 42001 10.2 asks for the causes of a nonconformity to be found, so
that the actions remove them instead of treating the symptom. A record with
`nc_status: closed` therefore needs a `cause`: the root cause the analysis
found, in a sentence an auditor can test the actions against. A stock label
such as "human error", "oversight" or "n/a" names no cause an action could
remove, so it does not count, and neither does a cause shorter than 6 words
(`MIN_WORDS`; aims_lint/prose.py compares them as AIMS870 does). The finding
is on the `cause` line when it is there but empty or thin, and on the
`nc_status` line when it is missing.

Passing::

    nc_status: closed
    cause: No route existed for requesting a new AI tool, and company cards allowed AI subscriptions.

Failing::

    nc_status: closed       # no cause

    nc_status: closed
    cause: human error      # a label, not a cause
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import NONCONFORMITY
from aims_lint.inventory import extra, records
from aims_lint.prose import EMPTY_PHRASES, thin
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS855", "nonconformity-closed-without-cause", Severity.ERROR,
    "A closed nonconformity must record its cause.",
)
MIN_WORDS = 6
# Labels that blame without explaining: no action can be tested against them.
STOCK_CAUSES = EMPTY_PHRASES | {
    "human error", "user error", "operator error", "mistake", "oversight", "error", "bug",
    "not known", "unclear", "process not followed", "procedure not followed", "lack of training",
    "training", "carelessness", "see body", "see below", "see report",
}


def check(ctx: Context) -> Iterator[Finding]:
    for source, record in records(ctx.corpus, NONCONFORMITY):
        if extra(record, "nc_status") != "closed":
            continue
        cause = extra(record, "cause")
        if isinstance(cause, str) and cause.strip():
            problem = thin(cause, STOCK_CAUSES, MIN_WORDS)
            if problem is not None:
                yield RULE.at(
                    source, "/cause",
                    f"the cause of closed nonconformity {record.id} {problem}; say what made it "
                    "happen, in a sentence its actions can be tested against",
                )
            continue
        pointer = "/cause" if "cause" in source.data else "/nc_status"
        yield RULE.at(
            source, pointer,
            f"nonconformity {record.id} is closed without a cause: record the root cause in `cause`",
        )
