"""Where documents name roles: the fields the owner rules and CODEOWNERS read."""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.model import Document
from aims_lint.positions import join_pointer


def role_references(doc: Document) -> Iterator[tuple[str, str]]:
    """(JSON pointer, role id) for every role a document names."""
    if doc.owner:
        yield "/owner", doc.owner
    if doc.approver:
        yield "/approver", doc.approver
    actions = getattr(doc, "corrective_actions", None)
    if isinstance(actions, list):
        for index, action in enumerate(actions):
            owner = action.get("owner") if isinstance(action, dict) else None
            if isinstance(owner, str):
                yield join_pointer("corrective_actions", index, "owner"), owner
