"""An accepted risk whose acceptance has run out must be decided again.

A risk acceptance is a decision for a limited time (the example's procedure
allows at most 12 months for a high residual risk). Once its `expires` date
has passed, nobody has accepted the risk any more, yet the system still runs
with it: an auditor reads that as an untreated risk (ISO/IEC 42001 6.1.3,
8.3). Each accepted risk (`treatment: accept`) in an approved risk assessment
or risk treatment plan whose `expires` is before today is an error, on the
`expires` line. Renew the acceptance (new `accepted_on` and `expires`, by the
role the risk criteria name) or treat the risk. AIMS861 warns before it comes
to this.

Passing::

    risks:
      - {id: R-TF-03, title: Poor faxes misclassified, level: high, treatment: accept,
         accepted_by: top-management, accepted_on: 2026-11-18, expires: 2027-11-18}

Failing::

    risks:
      - {id: R-TF-03, title: Poor faxes misclassified, level: high, treatment: accept,
         accepted_by: top-management, accepted_on: 2025-11-18, expires: 2026-11-18}
                                                     # with --today 2026-12-01
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.risks import all_risks
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS860", "risk-acceptance-expired", Severity.ERROR,
    "A risk acceptance must not have expired.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for risk in all_risks(ctx.corpus):
        expires = risk.expires
        if risk.treatment == "accept" and expires is not None and expires < ctx.today:
            level = f"{risk.level} " if risk.level else ""
            yield RULE.at(
                risk.source, risk.pointer("expires"),
                f"the acceptance of {level}risk {risk.label} in {risk.record.id} expired on {expires} "
                f"({(ctx.today - expires).days} days ago); renew it or treat the risk",
            )
