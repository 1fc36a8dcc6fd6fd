"""A risk acceptance that runs out within `due_soon_days` is due for a decision.

The warning before AIMS860: an accepted risk (`treatment: accept`) in an
approved risk assessment or risk treatment plan whose `expires` date falls
from today up to `due_soon_days` (default 30) days ahead. Renewing an
acceptance takes the accepting role's time (for a high risk, top management's,
often at a management review), so it is announced like a periodic review
(AIMS402). The finding is on the `expires` line.

Passing::

    risks:
      - {id: R-TF-03, title: Poor faxes misclassified, level: high, treatment: accept,
         accepted_by: top-management, accepted_on: 2026-11-18, expires: 2027-11-18}

Failing::

    risks:
      - {id: R-TF-03, title: Poor faxes misclassified, level: high, treatment: accept,
         accepted_by: top-management, accepted_on: 2025-12-10, expires: 2026-12-10}
                                                     # with --today 2026-12-01
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from aims_lint.results import Finding, Severity
from aims_lint.risks import all_risks
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS861", "risk-acceptance-expires-soon", Severity.WARNING,
    "A risk acceptance that expires soon needs a new decision.",
)


def check(ctx: Context) -> Iterator[Finding]:
    horizon = ctx.today + timedelta(days=ctx.settings.due_soon_days)
    for risk in all_risks(ctx.corpus):
        expires = risk.expires
        if risk.treatment == "accept" and expires is not None and ctx.today <= expires <= horizon:
            yield RULE.at(
                risk.source, risk.pointer("expires"),
                f"the acceptance of risk {risk.label} in {risk.record.id} expires on {expires} "
                f"(in {(expires - ctx.today).days} days); decide it again before then",
            )
