"""The repository must hold a Statement of Applicability for each certifiable framework it runs.

The SoA (ISO/IEC 42001 6.1.3, and ISO/IEC 27001:2022 6.1.3 for its own Annex
A) is the first document an auditor reads after the scope: without one there
is no decision on any Annex A control and the other SoA rules have nothing to
check. Every certifiable framework in the `frameworks` setting
(aims_lint/catalog/frameworks.py) needs its own SoA in force: ISO/IEC 42001's
is an `soa` document without `framework:` (or with `framework: iso42001`),
ISO/IEC 27001:2022's one with `framework: iso27001-2022`. Two SoAs in force
for one framework are not reported: both are checked, and the first approved
one is the one the other documents are judged against (`aims_lint.soa.current`).

The finding is reported once per missing SoA, on line 1 of the SoA schema file
(`schemas/soa.schema.yaml` by default): the one file that always exists and
defines what the missing document must contain. `aims-lint init` writes an
SoA skeleton with all 38 ISO/IEC 42001 controls.

Passing::

    # policies/statement-of-applicability.md
    type: soa
    status: draft

Failing::

    # frameworks = ["iso42001", "iso27001-2022"] in the configuration
    # policies/statement-of-applicability.md: type: soa (ISO/IEC 42001 only)
    # no document with type: soa and framework: iso27001-2022
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import CatalogError, load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, Framework, framework
from aims_lint.doctypes import SOA
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import statements

RULE = RuleInfo(
    "AIMS708", "soa-missing", Severity.ERROR,
    "The repository must hold a Statement of Applicability per certifiable framework.",
)


def check(ctx: Context) -> Iterator[Finding]:
    present = {s.framework for s in statements(ctx.corpus, None)}
    rows = (framework(fw) for fw in ctx.settings.frameworks if fw not in present)
    missing = [row for row in rows if row is not None and row.certifiable]
    if not missing:
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
    for row in missing:
        if row.id == DEFAULT_FRAMEWORK:
            yield RULE.finding(
                schema.path, 1, 1,
                f"no Statement of Applicability: add a document with type: {schema.type}{where} deciding on "
                f"each of the {_controls(row)}Annex A controls (`aims-lint init` writes a skeleton)",
            )
            continue
        yield RULE.finding(
            schema.path, 1, 1,
            f"no Statement of Applicability for {row.title}, a configured framework: add a document with "
            f"type: {schema.type} and framework: {row.id}{where} deciding on each of its "
            f"{_controls(row)}Annex A controls",
        )


def _controls(row: Framework) -> str:
    """How many controls the missing SoA decides on ("38 "), for the message; "" without a catalog."""
    try:
        return f"{len(load_catalog(row.id).controls)} "
    except CatalogError:
        return ""
