"""The bytes of one `git log -z --name-status` run into commits and their changes.

With `-z`, fields and paths are separated by NUL and never quoted, so any file
name survives. Each commit starts with RECORD and has exactly len(FIELDS)
fields (a message cannot contain NUL); then come status tokens, each followed
by one path, or two for renames and copies. Reading by position means a
message or a path containing RECORD or a newline cannot derail the parse.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import datetime

from aims_lint.history.gitlog import FIELDS, RECORD
from aims_lint.history.model import Change, Commit, Person, Signature
from aims_lint.history.trailers import parse_trailers, pull_request, subject_of

_STATUS = re.compile(r"[ACDMRTUXB][0-9]*")
_RECORD = RECORD.encode()


def parse_log(raw: bytes, prefix: str = "") -> Iterator[tuple[Commit, tuple[Change, ...]]]:
    """Commits in log order with their changes; paths outside `prefix` are dropped
    and the prefix is cut from the rest, so paths are relative to the aims root."""
    tokens = raw.split(b"\0")
    index, count = 0, len(tokens)
    people: dict[tuple[str, str], Person] = {}
    while index < count:
        tokens[index] = tokens[index].lstrip(b"\n")
        if not tokens[index].startswith(_RECORD):
            index += 1  # only a stray separator can be here; skip it
            continue
        fields = tokens[index:index + len(FIELDS)]
        if len(fields) < len(FIELDS):
            return
        index += len(FIELDS)
        changes, index = _changes(tokens, index, prefix)
        yield _commit(fields, people), changes


def parse_changes(raw: bytes, prefix: str = "") -> tuple[Change, ...]:
    """The file list of `git diff -z --name-status` (no commit header)."""
    changes, _ = _changes(raw.split(b"\0"), 0, prefix)
    return changes


def _changes(tokens: list[bytes], index: int, prefix: str) -> tuple[tuple[Change, ...], int]:
    found: list[Change] = []
    while index < len(tokens):
        token = tokens[index].lstrip(b"\n")
        if token.startswith(_RECORD):
            break
        index += 1
        status = token.decode("ascii", "replace")
        if not _STATUS.fullmatch(status):
            continue  # the blank token between a message and its file list
        letter = status[0]
        if letter in "RC":
            old, new = _path(tokens, index), _path(tokens, index + 1)
            index += 2
            score = int(status[1:]) if status[1:] else None
            change = _within(Change(letter, new, old, score), prefix)
        else:
            change = _within(Change(letter, _path(tokens, index)), prefix)
            index += 1
        if change is not None:
            found.append(change)
    return tuple(found), index


def _path(tokens: list[bytes], index: int) -> str:
    # Decoded the way the file system names are (UTF-8, undecodable bytes kept), so
    # history paths match the paths discovery finds on disk.
    return os.fsdecode(tokens[index]) if index < len(tokens) else ""


def _within(change: Change, prefix: str) -> Change | None:
    """The change as seen from the aims root; a move across its edge is an add or a delete."""
    if not prefix:
        return change
    cut = len(prefix)
    inside, old = change.path.startswith(prefix), change.old_path
    old_inside = old is not None and old.startswith(prefix)
    if old is None or change.status not in ("R", "C"):
        return Change(change.status, change.path[cut:]) if inside else None
    if inside and old_inside:
        return Change(change.status, change.path[cut:], old[cut:], change.score)
    if inside:
        return Change("A", change.path[cut:])
    return Change("D", old[cut:]) if old_inside and change.status == "R" else None


def _commit(fields: list[bytes], people: dict[tuple[str, str], Person]) -> Commit:
    # One decode for the eight header fields (none can hold NUL), one for the message.
    header = b"\0".join(fields[:-1]).decode("utf-8", "replace").split("\0")
    sha, parents, a_name, a_mail, a_date, c_name, c_mail, c_date = header
    body = fields[-1].decode("utf-8", "replace")
    subject = subject_of(body)
    return Commit(
        sha=sha[len(RECORD):],
        parents=tuple(parents.split()),
        author=Signature(_person(people, a_name, a_mail), datetime.fromisoformat(a_date)),
        committer=Signature(_person(people, c_name, c_mail), datetime.fromisoformat(c_date)),
        subject=subject,
        message=body.rstrip("\n"),
        trailers=parse_trailers(body),
        pr=pull_request(subject),
    )


def _person(people: dict[tuple[str, str], Person], name: str, email: str) -> Person:
    """One object per person: a history has thousands of commits and a handful of people."""
    key = (name, email)
    found = people.get(key)
    if found is None:
        found = people[key] = Person(name, email)
    return found
