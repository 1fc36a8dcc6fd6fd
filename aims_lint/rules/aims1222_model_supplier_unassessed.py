"""Every model an AI system uses comes from a supplier with a current assessment.

Each `models` entry of an AI system record names its `supplier`: the id of a supplier
register record (`record_kind: supplier`), or its legal name. The organisation answers for
the AI it procures (ISO/IEC 42001 8.1, A.10.3), so that supplier needs an approved
supplier assessment in force (listed in its `assessments`, or naming it in `assesses`) whose
`event_date` is within `assessment_max_age_months`, as AIMS802 asks of supplied systems. A
supplier without one, or a name that is no supplier record at all, is an error on the entry's
`supplier`. Runs only with `--reconcile`.

Passing::

    # records/ai-system-triage.md
    models: [{id: gpt-4o-mini, supplier: REC-040}]
    # records/supplier-openai.md: REC-040, assessments: [REC-041]
    # records/2026-supplier-assessment-openai.md: REC-041, approved, event_date 2026-03-01

Failing::

    models: [{id: gpt-4o-mini, supplier: REC-040}]   # REC-040 lists no approved assessment
    models: [{id: llama-3, supplier: Meta}]          # no supplier record is Meta
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import AI_SYSTEM
from aims_lint.inventory import model_entries, records, supplier_standing
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1222", "model-supplier-unassessed", Severity.ERROR,
    "A model's supplier has no current supplier assessment.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.discovered is None:
        return
    months = ctx.settings.assessment_max_age_months
    for source, system in records(ctx.corpus, AI_SYSTEM):
        for model in model_entries(system):
            pointer = f"/models/{model.index}/supplier"
            subject = f"AI system {system.id} uses model {model.id}"
            standing = supplier_standing(ctx.corpus, model.supplier, months, ctx.today)
            if standing.state == "unnamed":
                yield RULE.at(source, f"/models/{model.index}", f"{subject} and names no supplier; "
                              "give the supplier register record's id in supplier")
            elif standing.state == "unregistered":
                yield RULE.at(
                    source, pointer,
                    f"{subject} from {model.supplier!r}, which is no supplier register record in force; "
                    "add one (aims-lint new record --kind supplier), assess it, and name its id here",
                )
            elif standing.state == "unassessed" and standing.supplier is not None:
                yield RULE.at(
                    source, pointer,
                    f"{subject} from supplier {standing.supplier[1].id}, which has no approved supplier "
                    "assessment (in its assessments, or naming it in assesses)",
                )
            elif standing.state == "stale" and standing.supplier and standing.assessment:
                assessment = standing.assessment[1]
                when = assessment.event_date or "no event_date"
                yield RULE.at(
                    source, pointer,
                    f"{subject} from supplier {standing.supplier[1].id}, whose latest supplier assessment "
                    f"{assessment.id} ({when}) is older than its cycle of {months} months "
                    "(assessment_max_age_months)",
                )
