"""An approved risk assessment lists the risks it found, in `risks`.

The results of the risk assessment are documented information (ISO/IEC
42001 6.1.2, 8.2). A table in the body is for people; the rules that ask
whether high risks are treated (AIMS862) and whether a system's declared
level is right (AIMS863) read the structured list in the front matter. An
approved assessment with no `risks`, or an empty list, passes every other
check without saying anything, which is exactly what an unfilled template
does. Drafts may still be empty. The finding is on the `risks` line, or on
`status` when the field is missing.

Passing::

    status: approved
    risks:
      - {id: R-CA-01, title: Vulnerable generated code merged, level: low, treatment: accept}

Failing::

    status: approved
    risks: []
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.inventory import extra
from aims_lint.results import Finding, Severity
from aims_lint.risks import FIELD, assessments
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS864", "risk-assessment-without-risks", Severity.ERROR,
    "An approved risk assessment lists its risks.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, record in assessments(ctx.corpus):
        value = extra(record, FIELD)
        if FIELD not in (record.model_extra or {}):
            yield RULE.at(
                source, "/status",
                f"approved risk assessment {record.id} lists no risks: add `risks:` with the risks "
                "its body records (id, title, level, treatment)",
            )
        elif value is None or value == []:  # another shape is the schema's finding
            yield RULE.at(
                source, f"/{FIELD}",
                f"approved risk assessment {record.id} has an empty risks list: record the risks "
                "it found (id, title, level, treatment)",
            )
