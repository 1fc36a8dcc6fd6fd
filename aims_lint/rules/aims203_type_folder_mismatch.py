"""A document must live in the folder its type belongs to.

Each schema names the folders its documents live in (`x-aims.folders`):
policies, the SoA and the roles registry in `policies/`, procedures in
`procedures/`, records in `records/`. A record filed under `policies/` is
published in the wrong section and escapes the checks readers expect.
Folders are paths, compared part by part: `governance/policies` holds
`governance/policies/2026/ai.md` but not `governance/records/ai.md`, and a
document may sit in a subfolder of its type's folder at any depth.

Passing::

    records/2026-internal-audit.md    type: record

Failing::

    policies/2026-internal-audit.md   type: record
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS203", "type-folder-mismatch", Severity.ERROR, "Documents must live in their type's folder."
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, doc in ctx.corpus.typed:
        schema = ctx.schemas.by_type.get(doc.type)
        if schema and schema.folders and not schema.holds(source.path):
            where = " or ".join(f"{f}/" for f in schema.folders)
            yield RULE.at(source, "/type", f"a {doc.type} belongs in {where}, not {source.folder}/")
