"""Every high or unacceptable risk is treated, or accepted by the role the risk criteria name.

A risk assessment that finds a high risk and then leaves it is the gap an
auditor looks for first (ISO/IEC 42001 6.1.3, 8.3). For each risk of level
`high` or `unacceptable` in an approved risk assessment or risk treatment
plan, the rule asks for one of:

- `treatment: treat`, `avoid` or `transfer`; or
- `treatment: accept`, with `accepted_by`, `accepted_on` and `expires`,
  where `accepted_by` is the role the risk criteria name for the level, or
  for a higher one (`risk_acceptance` in the roles registry or the configuration;
  aims_lint/risk_criteria.py). An assessment may leave the acceptance to the
  treatment plan: an entry of an approved `risk-treatment-plan` record with
  the same risk id, accepted there, stands for it.

An acceptance without `expires` would never run out, and AIMS860 could
never ask for it to be decided again; AIMS867 bounds how far `expires` may
lie (`risk_acceptance_max_months`). Medium and low acceptances are not asked
for `expires` here: the risk criteria let the risk owner accept them in the
assessment itself, which is reassessed on its own cycle (AIMS801); when they
do carry dates, AIMS860 and AIMS867 check them.

An `unacceptable` risk is one the organisation has decided not to live with.
It may never simply be accepted while a system it belongs to is in
`deployment` or `operation`: people are exposed to it now, so it is treated,
avoided (the system is stopped) or transferred. Before that, accepting it
needs a role the criteria name for `unacceptable` itself.

Each finding is on the line at fault: `treatment` when no acceptance is
recorded or none is allowed, `accepted_by` when the wrong role accepted or
no `accepted_on` is given, `accepted_on` when `expires` is missing.

Passing::

    # policies/roles.md: risk_acceptance: {high: top-management}
    risks:
      - {id: R-TF-01, title: Urgent documents marked routine, level: high, treatment: treat}
      - {id: R-TF-03, title: Poor faxes misclassified, level: high, treatment: accept,
         accepted_by: top-management, accepted_on: 2026-11-18, expires: 2027-11-18}

Failing::

    risks:
      - {id: R-TF-03, title: Poor faxes misclassified, level: high, treatment: accept,
         accepted_by: ml-lead, accepted_on: 2026-11-18}     # not the role named for high
      - {id: R-TF-04, title: Clinic sends wrong patient file, level: high, treatment: accept,
         accepted_by: top-management, accepted_on: 2026-11-18}   # never expires
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.inventory import extra
from aims_lint.results import Finding, Severity
from aims_lint.risk_criteria import HIGH_LEVELS, IN_OPERATION, acceptance_roles, may_accept
from aims_lint.risks import Risk, all_risks, plan_acceptances, systems_at_risk, systems_in_force, systems_of
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS862", "high-risk-untreated", Severity.ERROR,
    "High and unacceptable risks are treated, or accepted by the role the risk criteria name.",
)


def check(ctx: Context) -> Iterator[Finding]:
    criteria = acceptance_roles(ctx.corpus, ctx.settings)
    in_plan = plan_acceptances(ctx.corpus)
    systems, by_risk = systems_in_force(ctx.corpus), systems_at_risk(ctx.corpus)
    for risk in all_risks(ctx.corpus):
        level = risk.level
        if level not in HIGH_LEVELS or risk.treatment != "accept":
            continue  # treat, avoid, transfer; or a shape the schema reports
        where = f"{level} risk {risk.label} in {risk.record.id}"
        running = [
            s.id for s in systems_of(risk, systems, by_risk) if extra(s, "lifecycle_stage") in IN_OPERATION
        ]
        if level == "unacceptable" and running:
            yield RULE.at(
                risk.source, risk.pointer("treatment"),
                f"{where} cannot be accepted while {', '.join(running)} is in operation: treat, avoid "
                "or transfer it, or take the system out of operation",
            )
            continue
        yield from _acceptance(risk, where, may_accept(level, criteria), in_plan)


def _acceptance(
    risk: Risk, where: str, allowed: tuple[str, ...], in_plan: dict[str, Risk]
) -> Iterator[Finding]:
    if risk.accepted_by is None:
        held = in_plan.get(risk.id or "")
        if held is None or held is risk:
            yield RULE.at(
                risk.source, risk.pointer("treatment"),
                f"{where} is accepted, but no acceptance is recorded: give accepted_by and "
                "accepted_on here or in an approved risk treatment plan, or treat the risk",
            )
        return  # the plan's entry is checked on its own
    if not allowed:
        yield RULE.at(
            risk.source, risk.pointer("accepted_by"),
            f"{where} is accepted by '{risk.accepted_by}', but the risk criteria name no role that may "
            f"accept {risk.level} risks: add risk_acceptance to the roles registry or the configuration",
        )
    elif risk.accepted_by not in allowed:
        yield RULE.at(
            risk.source, risk.pointer("accepted_by"),
            f"{where} is accepted by '{risk.accepted_by}', but only {' or '.join(allowed)} may accept "
            f"{risk.level} risks (risk_acceptance)",
        )
    if "accepted_on" not in risk.entry:  # a malformed date is the schema's finding
        yield RULE.at(
            risk.source, risk.pointer("accepted_by"),
            f"{where} is accepted by '{risk.accepted_by}' with no accepted_on date",
        )
    if "expires" not in risk.entry:
        dated = "accepted_on" if "accepted_on" in risk.entry else "accepted_by"
        yield RULE.at(
            risk.source, risk.pointer(dated),
            f"{where} is accepted by '{risk.accepted_by}' with no expires date, so the acceptance "
            "never runs out: give expires, at most risk_acceptance_max_months after accepted_on",
        )
