"""Which approval evidence a document needs: the configured default, raised per type or classification.

The levels, weakest first, and what each proves (docs/approvals.md):

    claim    the front matter says who approved and when (nothing else is checked)
    trailer  the commit that recorded the approval names the approver's holder in an
             `Approved-by:` trailer: a statement in the history, which anyone can write
    signed   that commit, or a tag on it, carries a valid SSH signature by a key the
             roles registry gives the holder on the approval day: proof of who
    forge    the pull request that merged it has an approving review by the holder,
             recorded by the forge (GitHub) in a git note: a third party's word

Each level checks its own evidence (and the claim); "the strictest wins"
follows this order, which is the order of how hard the evidence is to make
up. `approval_evidence_by` keys name a document type, a record kind or a
classification; an unknown key is a configuration error, since a misspelt
`polciy = "signed"` would quietly leave policies at the default.
"""

from __future__ import annotations

from typing import get_args

from aims_lint.config import ApprovalLevel, ConfigError, Settings
from aims_lint.document import SourceFile
from aims_lint.schemas import SchemaSet

LEVELS: tuple[ApprovalLevel, ...] = get_args(ApprovalLevel)  # weakest first


def strongest(levels: list[ApprovalLevel]) -> ApprovalLevel:
    return max(levels, key=LEVELS.index) if levels else "claim"


def at_least(level: ApprovalLevel, wanted: ApprovalLevel) -> bool:
    return LEVELS.index(level) >= LEVELS.index(wanted)


def level_for(settings: Settings, source: SourceFile) -> ApprovalLevel:
    """The evidence `source`'s current approval needs: the default, or what its type,
    record kind or classification raises it to (never lowers: the strictest wins)."""
    data = source.data
    keys = [data.get("type"), data.get("record_kind"), data.get("classification")]
    by = settings.approval_evidence_by
    raised = [by[key] for key in keys if isinstance(key, str) and key in by]
    return strongest([settings.approval_evidence, *raised])


def needs_history(settings: Settings) -> bool:
    """Whether any document may need more than its front matter (then the history is read)."""
    return settings.approval_evidence != "claim" or any(v != "claim" for v in
                                                        settings.approval_evidence_by.values())


def check_keys(settings: Settings, schemas: SchemaSet) -> None:
    """ConfigError for an `approval_evidence_by` key that is no type, record kind or classification."""
    known = set(schemas.by_type)
    known |= {kind for kinds in schemas.kinds.values() for kind in kinds}
    for schema in (*schemas.by_type.values(), *(k for ks in schemas.kinds.values() for k in ks.values())):
        enum = schema.field_schema("classification").get("enum")
        known |= {value for value in enum or () if isinstance(value, str)}
    unknown = sorted(set(settings.approval_evidence_by) - known)
    if unknown:
        raise ConfigError(
            f"approval_evidence_by: {', '.join(unknown)} is no document type, record kind or "
            f"classification; known: {', '.join(sorted(known))}"
        )
