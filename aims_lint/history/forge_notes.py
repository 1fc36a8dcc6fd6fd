"""The forge's approval records: the JSON git notes under refs/notes/aims-approvals, read offline.

The shipped workflow `.github/workflows/approvals.yml` writes one note per
merged pull request, on the commit the merge left on the base branch (the
merge commit, the squash commit, or the tip of a rebase), and the other
workflows fetch the notes ref with the history. Reading them costs two git
processes whatever their number: `git notes list` (which note blob is on
which commit) and one `git cat-file --batch` for the blobs.

A note is the workflow's output, but anyone who can push the notes ref can
write one, so it is parsed as untrusted input: a note that is not a record
(not JSON, a field missing or of the wrong type, larger than the limit)
is kept out of the records, and why is kept too, so the approval rules can
say so instead of just "no record".

Which commits a record covers depends on how the pull request was merged:

    merge    the merge commit and the commits it brought into the main line
    squash   the squash commit alone (GitHub drops the branch's commits)
    rebase   the tip and up to `commits - 1` first-parent commits before it
             (a rebase lands every commit of the pull request, with new ids),
             each with the tip's committer date (GitHub gives every rebased
             commit the merge's), none of them noted or covered by an older
             note: the walk stops at the first that is not

A note without a known `method` covers its commit, and for a merge commit
what that merge brought in; never a rebase's earlier commits, since a squash
with the same count would then cover unrelated commits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aims_lint.history.gitcmd import Git
from aims_lint.history.graph import brought_in, mainline
from aims_lint.history.model import Commit, Log
from aims_lint.history.proofs import ForgeRecord, ForgeReview

NOTES_REF = "refs/notes/aims-approvals"
MAX_NOTE_BYTES = 256 * 1024  # a record with hundreds of reviews is a few kilobytes
METHODS = ("merge", "squash", "rebase")
_OBJECT_ID = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
# A GitHub login (apps end in "[bot]"); commit authors without an account are known by e-mail.
# Anything else in a note is refused: these values end up in findings, pages and reports.
_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$")
_ASSOCIATION = re.compile(r"^[A-Z][A-Z_]{0,39}$")
_EMAIL = re.compile(r"^[^\s@<>\"]{1,64}@[^\s@<>\"]{1,190}$")


@dataclass(frozen=True)
class ForgeNotes:
    """Every note under the ref, as records or as the reason it is none, and what each covers."""

    records: Mapping[str, ForgeRecord] = field(default_factory=dict)  # by the commit noted
    problems: Mapping[str, str] = field(default_factory=dict)  # noted commit -> why no record
    covers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # commit -> noted commits


class NoteError(ValueError):
    """A note that is not an approval record; the message says which field is wrong."""


def read_notes(repo: Git, log: Log) -> ForgeNotes:
    """The notes of `repo` (raises HistoryUnavailable when git fails)."""
    listing = repo.text("notes", f"--ref={NOTES_REF}", "list")
    pairs = [line.split() for line in listing.splitlines() if line.strip()]
    noted = {target: blob for blob, target in (p for p in pairs if len(p) == 2)}
    blobs = dict(repo.objects(sorted(set(noted.values()))))
    records: dict[str, ForgeRecord] = {}
    problems: dict[str, str] = {}
    for target, blob in sorted(noted.items()):
        try:
            records[target] = parse_note(blobs.get(blob), target)
        except NoteError as exc:
            problems[target] = str(exc)
    return ForgeNotes(records, problems, coverage(log, records))


def parse_note(raw: bytes | None, target: str) -> ForgeRecord:
    """The record a note holds; NoteError naming what is wrong with it."""
    if raw is None:
        raise NoteError("the note cannot be read")
    if len(raw) > MAX_NOTE_BYTES:
        raise NoteError(f"the note is larger than {MAX_NOTE_BYTES // 1024} KiB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise NoteError(f"the note is not JSON ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise NoteError("the note is not a JSON object")
    merge = _object_id(data, "merge_commit")
    if merge != target:
        raise NoteError(f"the note records merge commit {merge[:12]}, not the commit it is on")
    return ForgeRecord(
        pr=_positive(data, "pr"), merge_commit=merge, head=_object_id(data, "head"),
        author=_login(data, "author"), commit_authors=tuple(_authors(data, "commit_authors")),
        committers=tuple(_authors(data, "committers")),
        commits=_positive(data, "commits", 1), reviews=tuple(_reviews(data)),
        merged_at=_moment(data, "merged_at"), method=_method(data),
    )


def coverage(log: Log, records: Mapping[str, ForgeRecord]) -> dict[str, tuple[str, ...]]:
    """Every commit a record covers, with the noted commits covering it (oldest merge first)."""
    main = mainline(log) if any(c.is_merge for c in log.commits.values()) else frozenset()
    covers: dict[str, list[str]] = {}
    order = {sha: index for index, sha in enumerate(reversed(list(log.commits)))}
    noted = frozenset(records)
    for target in sorted(records, key=lambda sha: order.get(sha, -1)):
        for sha in list(_covered(log, target, records[target], main, noted, covers)):
            covers.setdefault(sha, []).append(target)
    return {sha: tuple(targets) for sha, targets in covers.items()}


def _covered(log: Log, target: str, record: ForgeRecord, main: frozenset[str], noted: frozenset[str],
             covered: Mapping[str, object]) -> Iterator[str]:
    yield target
    commit = log.commits.get(target)
    if commit is None:
        return
    if commit.is_merge and record.method in ("merge", ""):
        yield from sorted(brought_in(log, commit, main))
    elif record.method == "rebase":
        yield from _rebased(log, commit, record.commits, noted, covered)


def _rebased(log: Log, tip: Commit, commits: int, noted: frozenset[str],
             covered: Mapping[str, object]) -> Iterator[str]:
    """The first-parent commits before a rebase's tip that the same rebase landed.

    `commits` is what the note says, and a note is untrusted: a one-line pull request whose note
    claims 40 commits must not cover earlier approvals pushed straight to the branch. So the walk
    stops at the first commit that another note covers or is on (an older pull request's), or
    whose committer date is not the tip's: GitHub writes every commit of a rebase merge with the
    same committer timestamp, the merge's, and a direct push made before it has its own.
    """
    sha = tip.parents[0] if tip.parents else None
    for _ in range(commits - 1):
        commit = log.commits.get(sha or "")
        if commit is None or commit.sha in noted or commit.sha in covered:
            break
        if commit.committer.when != tip.committer.when:
            break
        yield commit.sha
        sha = commit.parents[0] if commit.parents else None


def _reviews(data: dict[str, Any]) -> Iterator[ForgeReview]:
    reviews = data.get("reviews", [])
    if not isinstance(reviews, list):
        raise NoteError("reviews is not a list")
    for index, item in enumerate(reviews):
        if not isinstance(item, dict):
            raise NoteError(f"reviews[{index}] is not an object")
        dismissed = item.get("dismissed", False)
        if not isinstance(dismissed, bool):
            raise NoteError(f"reviews[{index}].dismissed is not true or false")
        state = _text(item, "state", f"reviews[{index}].").upper()
        yield ForgeReview(
            reviewer=_login(item, "reviewer", f"reviews[{index}]."), state=state,
            submitted_at=_moment(item, "submitted_at", f"reviews[{index}]."),
            commit_id=_object_id(item, "commit_id", f"reviews[{index}]."),
            dismissed=dismissed or state == "DISMISSED",
            association=_association(item, f"reviews[{index}]."),
        )


def _association(data: dict[str, Any], where: str) -> str:
    """GitHub's author_association: one upper-case word; absent in notes written before it was kept."""
    value = data.get("author_association")
    if value is None:
        return ""
    if not isinstance(value, str) or not _ASSOCIATION.fullmatch(value):
        raise NoteError(f"{where}author_association is not one of GitHub's words (OWNER, MEMBER, ...)")
    return value


def _text(data: dict[str, Any], key: str, where: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise NoteError(f"{where}{key} is missing or not a text")
    return value.strip()


def _login(data: dict[str, Any], key: str, where: str = "") -> str:
    value = _text(data, key, where)
    if not _LOGIN.fullmatch(value):
        raise NoteError(f"{where}{key} is not a GitHub login")
    return value


def _authors(data: dict[str, Any], key: str) -> Iterator[str]:
    values = data.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise NoteError(f"{key} is not a list of texts")
    for value in values:
        if not (_LOGIN.fullmatch(value) or _EMAIL.fullmatch(value)):
            raise NoteError(f"{key} holds a value that is no GitHub login or e-mail")
    yield from sorted(set(values))


def _object_id(data: dict[str, Any], key: str, where: str = "") -> str:
    value = data.get(key)
    if not isinstance(value, str) or not _OBJECT_ID.match(value):
        raise NoteError(f"{where}{key} is not a full commit id")
    return value


def _positive(data: dict[str, Any], key: str, default: int | None = None) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise NoteError(f"{key} is not a positive whole number")
    return value


def _moment(data: dict[str, Any], key: str, where: str = "") -> datetime | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        try:  # GitHub writes "2026-03-02T09:15:00Z"; fromisoformat reads the Z from Python 3.11
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
    raise NoteError(f"{where}{key} is not a date and time with its offset")


def _method(data: dict[str, Any]) -> str:
    value = data.get("method", "")
    if value != "" and value not in METHODS:
        raise NoteError(f"method is not one of {', '.join(METHODS)}")
    return str(value)
