"""Every model discovery finds is listed by an AI system record.

A use that names a model (a hub model id passed to a loading call, a model file, a
machine-learning-model component of an SBOM) must be in some AI system record's
`models[].id` (compared without regard to case), with the supplier it comes from: the
inventory names the models behind each system so that a change of model, and its supplier,
can be judged (ISO/IEC 42001 A.4.3, A.10.3). An error at the use, even when the use lies under
a record's `sources`. Runs only with `--reconcile`.

Passing::

    # src/summarise.py: AutoModel.from_pretrained("acme/summariser-small")
    # records/ai-system-summariser.md:
    models: [{id: acme/summariser-small, supplier: REC-040}]

Failing::

    # the same call, and no AI system record lists acme/summariser-small in models
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_usage.findings import use_finding
from aims_lint.ai_usage.reconcile import described, unregistered_models
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1223", "unregistered-model", Severity.ERROR,
    "A discovered model is in no AI system record's models.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.discovered is None:
        return
    for use in unregistered_models(ctx.corpus, ctx.discovered):
        yield use_finding(
            RULE, use,
            f"model {use.model} ({described(use)}) is in no AI system record's models; add "
            "{id, version, supplier} to the models of the system that uses it",
        )
