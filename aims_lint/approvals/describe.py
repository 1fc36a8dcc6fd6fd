"""How one version was approved, in words: the trailer, the signature git verified, the pull request.

An `ApprovalEvent` says which commit recorded an approval; the history says
what backs that commit (`History.signatures`, `History.forge`). `evidence()`
gathers those facts for one event as `Evidence`, a plain value the site's
history table, the `history` command and the evidence bundle all show. It
judges nothing: whether the trailer names the right person or the key
belongs to the holder is the approval rules' question (AIMS910-AIMS929).
The words say what git holds, so an auditor can read it next to the
findings.

The forge note of a change is attached to the commit that landed on the
main line: the recording commit itself (a squash merge), the merge commit
that brought it in (a merge), or the tip of the commits a rebase merge
landed (the note counts them). `Proofs` indexes the notes once per run so
each event finds its pull request without walking the graph again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from aims_lint.approvals.approvers import TRAILER as APPROVED_BY
from aims_lint.approvals.approvers import approved_by
from aims_lint.approvals.holders import holders_on
from aims_lint.approvals.model import ApprovalEvent, ForgeRecord, ForgeReview, SignatureCheck
from aims_lint.approvals.recording import merges_by_commit
from aims_lint.dates import parse_day
from aims_lint.history import History
from aims_lint.history.model import Commit
from aims_lint.model import Role


@dataclass(frozen=True)
class Proofs:
    """The history's signature verdicts, and its forge records by every commit they cover."""

    signatures: Mapping[str, tuple[SignatureCheck, ...]] = field(default_factory=dict)
    forge: Mapping[str, ForgeRecord] = field(default_factory=dict)
    # The main-line merge that brought each branch commit in (`recording.merges_by_commit`): its
    # Approved-by trailers count for the approvals the branch recorded, as AIMS910/AIMS911 judge.
    merges: Mapping[str, Commit] = field(default_factory=dict)

    @classmethod
    def of(cls, history: History) -> Proofs:
        """Each commit with the record of the pull request that landed it (the first, where a
        commit was landed twice): the coverage the forge rules judge (history/forge_notes.py)."""
        commits = sorted({*history.forge_covers, *history.forge})
        landed = {sha: history.forge_records(sha) for sha in commits}
        return cls(history.signatures, {sha: found[0] for sha, found in landed.items() if found},
                   merges_by_commit(history) if history.available else {})


@dataclass(frozen=True)
class Evidence:
    """What backs one approved version: the claim as that commit recorded it, and git's facts."""

    commit: Commit  # the commit that recorded the approval
    path: str  # the document's path there
    version: str | None
    approved_on: str | None
    approver: str | None  # the role id
    effective_on: str | None = None
    holders: tuple[str, ...] = ()  # who held the approver role on the approval day (registry names)
    trailers: tuple[str, ...] = ()  # the recording commit's Approved-by values (approvers.approved_by)
    merged_in: Commit | None = None  # the main-line merge that brought the recording commit in
    merge_trailers: tuple[str, ...] = ()  # that merge's Approved-by values, which count as well
    signatures: tuple[SignatureCheck, ...] | None = None  # None: not verified in this run
    forge: ForgeRecord | None = None

    @property
    def label(self) -> str:
        return f"v{self.version}" if self.version else "this version"


def evidence(event: ApprovalEvent, proofs: Proofs, roles: Mapping[str, Role]) -> Evidence:
    commit = event.commit
    merge = proofs.merges.get(commit.sha)
    role = roles.get(event.approver) if event.approver else None
    names = tuple(h.name for h in holders_on(role, parse_day(event.approved_on)) if h.name) if role else ()
    return Evidence(
        commit=commit, path=event.path, version=event.version, approved_on=event.approved_on,
        approver=event.approver, effective_on=_text(event.data.get("effective_on")), holders=names,
        trailers=tuple(approved_by(commit)), merged_in=merge,
        merge_trailers=tuple(approved_by(merge)) if merge is not None else (),
        signatures=proofs.signatures.get(commit.sha), forge=proofs.forge.get(commit.sha),
    )


def lines(ev: Evidence) -> list[str]:
    """The evidence, one fact a line (the history table's column)."""
    found = [f"{APPROVED_BY}: {value}" for value in ev.trailers]
    if ev.merged_in is not None:
        merge = ev.merged_in.short_sha
        found += [f"{APPROVED_BY}: {value} (on merge {merge})" for value in ev.merge_trailers]
    if not found:
        nor = f", nor on merge {ev.merged_in.short_sha}" if ev.merged_in is not None else ""
        found = [f"no {APPROVED_BY} trailer{nor}"]
    if ev.signatures is not None:
        found.extend([signature_words(check) for check in ev.signatures] or ["commit not signed"])
    if ev.forge is not None:
        found.append(forge_words(ev.forge))
    return found


def how(ev: Evidence) -> str:
    """The one sentence "how this version was approved"."""
    who = ev.approver or "no approver role"
    if ev.holders:
        who += f" ({', '.join(ev.holders)})"
    when = f" on {ev.approved_on}" if ev.approved_on else ", with no approval date"
    commit = ev.commit
    recorded = (f"recorded in commit {commit.short_sha} by {commit.author.person.name} on {commit.day}"
                f"{_gap(ev.approved_on, commit.day)}")
    # A "(#9)" in the subject is text anyone can write: without a forge record it is not
    # evidence of a pull request, so the words say only what the subject claims.
    merged = f", subject names #{commit.pr}" if commit.pr and ev.forge is None else ""
    label = ev.label if ev.version else "This version"
    return f"{label} was approved by {who}{when}, {recorded}{merged}; {'; '.join(lines(ev))}."


def signature_words(check: SignatureCheck) -> str:
    on = f" on tag {check.tag}" if check.tag else ""
    key = f" with key {check.fingerprint}" if check.fingerprint else ""
    by = check.principal or "an unnamed signer"
    words = {
        "good": f"signature{on} verified: {by}{key}",
        "unknown-key": f"signed{on}{key}, a key the roles registry does not list",
        "expired": f"signed{on} by {by}{key} outside the key's validity dates",
        "revoked": f"signed{on}{key}, a revoked key",
        "unverifiable": f"signature{on} could not be checked",
        "bad": f"bad signature{on}{key}",
        "none": f"not signed{on}",
    }[check.status]
    if check.signed_at is not None and check.status not in ("none", "unverifiable"):
        words += f" (signature dated {check.signed_at.date()})"
    return words + (f": {check.detail}" if check.detail and check.status in ("unverifiable", "bad") else "")


def forge_words(record: ForgeRecord) -> str:
    approving = [r for r in record.reviews if r.state == "APPROVED" and not r.dismissed]
    final = [r for r in approving if r.commit_id == record.head]
    said = [f"approved by {_names(final)}"] if final else ["no approving review of its final head"]
    earlier = [r for r in approving if r.commit_id != record.head]
    if earlier:
        said.append(f"{_names(earlier)} approved an earlier head")
    dismissed = [r for r in record.reviews if r.dismissed]
    if dismissed:
        said.append(f"dismissed: {_names(dismissed)}")
    return f"pull request #{record.pr} by @{record.author}: {', '.join(said)}"


def data(ev: Evidence) -> dict[str, Any]:
    """The evidence as JSON data (the `history` command, the evidence bundle)."""
    return {
        "version": ev.version, "approved_on": ev.approved_on, "effective_on": ev.effective_on,
        "approver": ev.approver,
        "holders": list(ev.holders), "commit": ev.commit.sha, "path": ev.path,
        "trailers": list(ev.trailers),
        "merged_in": ev.merged_in.sha if ev.merged_in is not None else None,
        "merge_trailers": list(ev.merge_trailers),
        "signatures": None if ev.signatures is None else [_signature(c) for c in ev.signatures],
        "forge": None if ev.forge is None else _forge(ev.forge),
        "how": how(ev),
    }


def _names(reviews: list[ForgeReview]) -> str:
    return ", ".join(f"@{r.reviewer}" + (f" on {r.submitted_at.date()}" if r.submitted_at else "")
                     for r in reviews)


def _gap(approved_on: str | None, recorded: date) -> str:
    day = parse_day(approved_on)
    if day is None or day == recorded:
        return ""
    days = abs((recorded - day).days)
    side = "after" if recorded > day else "before"
    return f" ({days} day{'s' if days > 1 else ''} {side} its approval date)"


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _signature(check: SignatureCheck) -> dict[str, Any]:
    return {"object": check.object_id, "tag": check.tag, "status": check.status, "principal": check.principal,
            "fingerprint": check.fingerprint,
            "signed_at": check.signed_at.isoformat() if check.signed_at else None, "detail": check.detail}


def _forge(record: ForgeRecord) -> dict[str, Any]:
    return {
        "pull_request": record.pr, "merge_commit": record.merge_commit, "head": record.head,
        "author": record.author, "commit_authors": list(record.commit_authors), "commits": record.commits,
        "merged_at": record.merged_at.isoformat() if record.merged_at else None,
        "reviews": [{"reviewer": r.reviewer, "state": r.state, "commit_id": r.commit_id,
                     "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
                     "dismissed": r.dismissed} for r in record.reviews],
    }
