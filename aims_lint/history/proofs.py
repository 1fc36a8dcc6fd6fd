"""What git holds to back an approval: SSH signature verdicts and forge records, as plain values.

`SignatureCheck` is what git said of a commit's or tag's SSH signature
against an allowed-signers file made from the roles registry;
`ForgeRecord` is what the approvals workflow recorded, in a git note under
`refs/notes/aims-approvals`, of the pull request that merged a commit.
`History` carries both, keyed by commit id and loaded before rules run
(`History.with_signatures`, `History.with_forge`), so rules stay pure and a
commit is verified once per run however many documents it approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

# git's own verdicts (%G? in `git log`), named: G good, U good but the key's principal is
# unknown, X/Y expired, R revoked, E cannot be checked, B bad, N no signature.
SignatureStatus = Literal["good", "unknown-key", "expired", "revoked", "unverifiable", "bad", "none"]


@dataclass(frozen=True)
class SignatureCheck:
    """git's verdict on one object's SSH signature (a commit, or a tag on it)."""

    object_id: str  # the commit or the tag object that carries the signature
    status: SignatureStatus
    principal: str | None = None  # who the allowed-signers file says owns the key (an e-mail)
    fingerprint: str | None = None  # "SHA256:..."
    signed_at: datetime | None = None  # the timestamp inside the signature (the signer's own clock)
    tag: str | None = None  # the tag's name when the signature is on a tag
    detail: str = ""  # git's or ssh-keygen's own words, for a failure


@dataclass(frozen=True)
class ForgeReview:
    reviewer: str  # the GitHub login
    state: str  # "APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"
    submitted_at: datetime | None
    commit_id: str  # the pull request head the review was made on
    dismissed: bool = False
    # GitHub's author_association of the reviewer ("OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR",
    # "NONE", ...); "" when the note does not say (notes written before it was recorded).
    association: str = ""


@dataclass(frozen=True)
class ForgeRecord:
    """What the approvals workflow recorded for the pull request that merged `merge_commit`."""

    pr: int
    merge_commit: str
    head: str  # the pull request's final head commit
    author: str  # the pull request's author (login)
    commit_authors: tuple[str, ...] = ()  # logins of the authors of the pull request's commits
    commits: int = 1  # how many commits the pull request had (a rebase merge lands that many)
    reviews: tuple[ForgeReview, ...] = ()
    merged_at: datetime | None = None
    # How it was merged: "merge", "squash" or "rebase" ("" when the note does not say), which
    # says which commits the record covers (aims_lint/history/forge_notes.py).
    method: str = ""
    # Logins (or e-mails, for no account) of the committers of the pull request's commits.
    committers: tuple[str, ...] = ()
