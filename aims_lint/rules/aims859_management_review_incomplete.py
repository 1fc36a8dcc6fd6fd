"""A management review must record every 9.3.2 input and at least one 9.3.3 decision.

ISO/IEC 42001 9.3.2 lists five things top management considers in a review:
(a) the actions from earlier reviews, (b) changes in external and internal
issues, (c) changes in interested parties' needs, (d) how the AIMS performs
(nonconformities and corrective actions, monitoring results, audit results)
and (e) opportunities to improve. 9.3.3 makes the decisions the review's
result. Minutes that list neither are a meeting, not a review. Once a review
record leaves draft, its `inputs` must name all five (`9.3.2.a` to
`9.3.2.e`) and its `decisions` must hold at least one entry with a
`decision`. The finding names the missing inputs; it is on the `inputs` (or
`decisions`) line, or on `record_kind` when the field is missing.

With ISO/IEC 27001:2022 among the configured `frameworks`, the review takes
the union of both standards' inputs. 27001's 9.3.2 lists seven, a to g:
five are 42001's (its a to d, and g, continual improvement, is 42001's e),
recorded once under either spelling, and two are its own, which the review
must then also record: `ISO27001:9.3.2.e` (feedback from interested
parties) and `ISO27001:9.3.2.f` (risk assessment results and the state of
the risk treatment plan). A second finding names those the review lacks.

Passing::

    record_kind: management-review
    inputs: [9.3.2.a, 9.3.2.b, 9.3.2.c, 9.3.2.d, 9.3.2.e]
    decisions:
      - {id: D-1, decision: AIMS budget for 2027 approved., owner: top-management}

    # frameworks = ["iso42001", "iso27001-2022"]
    inputs: [9.3.2.a, 9.3.2.b, 9.3.2.c, 9.3.2.d, 9.3.2.e, ISO27001:9.3.2.e, ISO27001:9.3.2.f]

Failing::

    record_kind: management-review
    inputs: [9.3.2.a, 9.3.2.d]
    decisions: []
    # frameworks = ["iso42001", "iso27001-2022"]: 27001's interested-party feedback and risk results
    inputs: [9.3.2.a, 9.3.2.b, 9.3.2.c, 9.3.2.d, 9.3.2.e]
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.frameworks import framework, parse, qualified
from aims_lint.doctypes import MANAGEMENT_REVIEW
from aims_lint.inventory import extra, records, strings
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS859", "management-review-incomplete", Severity.ERROR,
    "A management review must record every 9.3.2 input and its 9.3.3 decisions.",
)
# ISO/IEC 42001 9.3.2 has five inputs, a to e (the a-g list is ISO/IEC 27001:2022's).
INPUTS: dict[str, str] = {
    "9.3.2.a": "actions from earlier reviews",
    "9.3.2.b": "changes in external and internal issues",
    "9.3.2.c": "changes in interested parties' needs",
    "9.3.2.d": "performance of the AIMS",
    "9.3.2.e": "opportunities for improvement",
}
ISO27001 = "iso27001-2022"
# ISO/IEC 27001:2022 9.3.2's inputs that are 42001's under the same or another letter: either
# spelling records the one input.
SAME_AS_42001: dict[str, str] = {
    qualified(ISO27001, "9.3.2.a"): "9.3.2.a",
    qualified(ISO27001, "9.3.2.b"): "9.3.2.b",
    qualified(ISO27001, "9.3.2.c"): "9.3.2.c",
    qualified(ISO27001, "9.3.2.d"): "9.3.2.d",
    qualified(ISO27001, "9.3.2.g"): "9.3.2.e",
}
# ... and the two it adds.
ADDED_BY_27001: dict[str, str] = {
    qualified(ISO27001, "9.3.2.e"): "feedback from interested parties",
    qualified(ISO27001, "9.3.2.f"): "risk assessment results and the state of the risk treatment plan",
}


def check(ctx: Context) -> Iterator[Finding]:
    for source, record in records(ctx.corpus, MANAGEMENT_REVIEW):
        if record.status == "draft":  # minutes are written up in draft, after the meeting
            continue
        # Canonical spellings (`frameworks.parse`): `ISO42001:9.3.2.a` is `9.3.2.a`.
        listed = {parse(i).qualified for i in strings(record, "inputs")}
        covered = listed | {SAME_AS_42001[i] for i in listed if i in SAME_AS_42001}
        missing = [f"{code} ({what})" for code, what in INPUTS.items() if code not in covered]
        if missing:
            yield RULE.at(
                source, _where(source.data, "inputs"),
                f"management review {record.id} does not record 9.3.2 input(s) {', '.join(missing)} "
                "in `inputs`",
            )
        added = [f"{code} ({what})" for code, what in ADDED_BY_27001.items() if code not in covered]
        if ISO27001 in ctx.settings.frameworks and added:
            row = framework(ISO27001)
            yield RULE.at(
                source, _where(source.data, "inputs"),
                f"management review {record.id} does not record the 9.3.2 input(s) "
                f"{row.title if row else ISO27001} adds to ISO/IEC 42001's: {', '.join(added)} in `inputs`",
            )
        decisions = extra(record, "decisions")
        if not any(_decision(d) for d in (decisions if isinstance(decisions, list) else [])):
            yield RULE.at(
                source, _where(source.data, "decisions"),
                f"management review {record.id} records no decision (9.3.3) in `decisions`",
            )


def _where(data: object, field: str) -> str:
    return f"/{field}" if isinstance(data, dict) and field in data else "/record_kind"


def _decision(entry: object) -> bool:
    return isinstance(entry, dict) and isinstance(d := entry.get("decision"), str) and bool(d.strip())
