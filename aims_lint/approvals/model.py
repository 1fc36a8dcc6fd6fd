"""One approved version of a document, and the git facts an approval is checked against.

`ApprovalEvent` is one approved version as the history holds it
(`events.py`). The signature verdicts and forge records are git facts, so
they live in `aims_lint/history/proofs.py` (the history package never
imports this one) and are re-exported here for the approval rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aims_lint.history.model import Commit, FileChange
from aims_lint.history.proofs import ForgeRecord, ForgeReview, SignatureCheck, SignatureStatus

__all__ = ["ApprovalEvent", "ForgeRecord", "ForgeReview", "SignatureCheck", "SignatureStatus"]


@dataclass(frozen=True)
class ApprovalEvent:
    """One approved version: the revision that recorded it, and what it claimed."""

    entry: FileChange  # the commit that recorded the approval, and the file's change there
    path: str  # the document's path at that commit
    version: str | None
    approved_on: str | None  # as written ("2026-12-01"); None when missing
    approver: str | None  # the role id
    data: dict[str, Any]  # the whole front matter as of that commit
    body: str = ""

    @property
    def commit(self) -> Commit:
        return self.entry.commit

    @property
    def label(self) -> str:
        """`POL-004 v2.1` (or the path when the id is missing), for messages."""
        doc_id = self.data.get("id")
        name = doc_id if isinstance(doc_id, str) and doc_id else self.path
        return f"{name} v{self.version}" if self.version else name
