"""A risk acceptance runs for a bounded time from a real decision.

Accepting a risk is a decision top management (or the role the risk criteria
name) takes again at regular intervals (ISO/IEC 42001 6.1.3, 8.3): the risk,
the system and the world change. AIMS860 reports an acceptance whose
`expires` has passed; that only works when `expires` is near. So for each
accepted risk (`treatment: accept`, any level) in an approved risk assessment
or risk treatment plan, this rule reports:

- `expires` more than `risk_acceptance_max_months` (default 12) after
  `accepted_on`: `expires: 2099-12-31` is an acceptance that never runs out.
  On the `expires` line;
- `expires` on or before `accepted_on`: the dates are swapped or wrong. On
  the `expires` line;
- `accepted_on` after today: nobody can have accepted the risk yet, so it is
  not accepted now. On the `accepted_on` line.

A missing `expires` on a high or unacceptable risk is AIMS862's finding; a
malformed date is the schema's.

Passing::

    risks:
      - {id: R-TF-03, title: Poor faxes misclassified, level: high, treatment: accept,
         accepted_by: top-management, accepted_on: 2026-11-18, expires: 2027-11-18}

Failing::

    risks:
      - {id: R-TF-03, title: Poor faxes misclassified, level: high, treatment: accept,
         accepted_by: top-management, accepted_on: 2026-11-18, expires: 2099-12-31}
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.dates import add_months
from aims_lint.results import Finding, Severity
from aims_lint.risks import all_risks
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS867", "risk-acceptance-too-long", Severity.ERROR,
    "A risk acceptance runs at most risk_acceptance_max_months and starts no later than today.",
)


def check(ctx: Context) -> Iterator[Finding]:
    months = ctx.settings.risk_acceptance_max_months
    for risk in all_risks(ctx.corpus):
        if risk.treatment != "accept":
            continue
        level = f"{risk.level} " if risk.level else ""
        where = f"the acceptance of {level}risk {risk.label} in {risk.record.id}"
        accepted_on, expires = risk.accepted_on, risk.expires
        if accepted_on is not None and accepted_on > ctx.today:
            yield RULE.at(
                risk.source, risk.pointer("accepted_on"),
                f"{where} is dated {accepted_on}, after today ({ctx.today}): record the day it was "
                "decided",
            )
        if accepted_on is None or expires is None:
            continue
        latest = add_months(accepted_on, months)
        if expires <= accepted_on:
            yield RULE.at(
                risk.source, risk.pointer("expires"),
                f"{where} expires on {expires}, not after it was accepted ({accepted_on})",
            )
        elif expires > latest:
            yield RULE.at(
                risk.source, risk.pointer("expires"),
                f"{where} runs from {accepted_on} to {expires}, longer than {months} months "
                f"(risk_acceptance_max_months): let it expire by {latest} and decide again then",
            )
