"""The repository must hold a Statement of Applicability.

The SoA (ISO/IEC 42001 6.1.3) is the first document an auditor reads after
the scope: without one there is no decision on any Annex A control and the
other SoA rules have nothing to check. The finding is reported once, on line
1 of the SoA schema file (`schemas/soa.schema.yaml` by default): the one
file that always exists and defines what the missing document must contain.
`aims-lint init` writes an SoA skeleton with all 38 controls.

Passing::

    # policies/statement-of-applicability.md
    type: soa
    status: draft

Failing::

    # no document with type: soa (or only retired ones)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import SOA
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import statements

RULE = RuleInfo(
    "AIMS708", "soa-missing", Severity.ERROR, "The repository must hold a Statement of Applicability."
)


def check(ctx: Context) -> Iterator[Finding]:
    if statements(ctx.corpus):
        return
    schemas = ctx.schemas.with_behaviour(SOA)
    schema = schemas[0] if schemas else None
    if schema is None:
        # No type takes the SoA's behaviour: the schema is what is missing first.
        yield RULE.finding(
            ctx.settings.schemas, 1, 1,
            f"no Statement of Applicability: no schema takes x-aims.behaviour '{SOA}'; add one "
            "(`aims-lint init` writes schemas/soa.schema.yaml and an SoA skeleton)",
        )
        return
    where = f" to {schema.folders[0]}/" if schema.folders else ""
    yield RULE.finding(
        schema.path, 1, 1,
        f"no Statement of Applicability: add a document with type: {schema.type}{where} deciding on each "
        "of the 38 Annex A controls (`aims-lint init` writes a skeleton)",
    )
