"""The bytes of one `git log -z --raw` run into commits and their changes.

With `-z`, fields and paths are separated by NUL and never quoted, so any file
name survives. Each commit starts with RECORD and has exactly len(FIELDS)
fields (a message cannot contain NUL); then come status tokens, each followed
by one path, or two for renames and copies (`--raw` puts the modes and blob
ids before the status letter, `--name-status` only the letter). Reading by position means a
message or a path containing RECORD or a newline cannot derail the parse.
Tokens are read one by one, so parsing can start while git is still writing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from datetime import datetime

from aims_lint.history.gitlog import FIELDS, RECORD
from aims_lint.history.model import Change, Commit, Person, Signature
from aims_lint.history.trailers import parse_trailers, pull_request, subject_of

_SIMPLE = {bytes([c]): chr(c) for c in b"ADMTUXB"}  # statuses followed by one path
_STATUS = re.compile(rb"[RC][0-9]*")  # renames and copies: score, then two paths
_RECORD = RECORD.encode()


def parse_log(raw: bytes, prefix: str = "") -> Iterator[tuple[Commit, tuple[Change, ...]]]:
    """Commits in log order with their changes, from the whole output at once."""
    return parse_tokens(raw.split(b"\0"), prefix)


def split_tokens(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """NUL-separated tokens from output that arrives in chunks (a token may span two)."""
    rest = b""
    for chunk in chunks:
        parts = (rest + chunk).split(b"\0") if rest else chunk.split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def parse_tokens(tokens: Iterable[bytes], prefix: str = "") -> Iterator[tuple[Commit, tuple[Change, ...]]]:
    """Commits and their changes from the log's tokens, as they come.

    Paths outside `prefix` are dropped and the prefix is cut from the rest, so
    paths are relative to the aims root.
    """
    people: dict[tuple[str, str], Person] = {}
    header: list[bytes] = []
    changes: list[Change] = []
    stream = iter(tokens)
    for token in stream:
        if 0 < len(header) < len(FIELDS):
            header.append(token)  # positional: a message may hold anything but NUL
            continue
        if token[:1] == b"\n":
            token = token.lstrip(b"\n")
        if token.startswith(_RECORD):
            if header:
                yield _commit(header, people), tuple(changes)
            header, changes = [token], []
            continue
        change = _change(token, stream, prefix)
        if change is not None and header:
            changes.append(change)
    if len(header) == len(FIELDS):
        yield _commit(header, people), tuple(changes)


def parse_changes(raw: bytes, prefix: str = "") -> tuple[Change, ...]:
    """The file list of `git diff -z --name-status` (no commit headers)."""
    stream = iter(raw.split(b"\0"))
    found = (_change(token.lstrip(b"\n"), stream, prefix) for token in stream)
    return tuple(change for change in found if change is not None)


def _change(status: bytes, stream: Iterator[bytes], prefix: str) -> Change | None:
    """One change: its status token was read; its one or two paths are the next tokens."""
    blobs = None
    if status[:1] == b":":  # --raw: ":old-mode new-mode old-id new-id status"
        fields = status.split(b" ")
        if len(fields) != 5:
            return None
        status, blobs = fields[4], (_blob(fields[0][1:], fields[2]), _blob(fields[1], fields[3]))
    letter = _SIMPLE.get(status)
    if letter is not None:  # the common case: one letter, one path
        return _within(Change(letter, _path(next(stream, b"")), blobs=blobs), prefix)
    if _STATUS.fullmatch(status):
        old, new = _path(next(stream, b"")), _path(next(stream, b""))
        score = int(status[1:]) if status[1:] else None
        return _within(Change(chr(status[0]), new, old, score, blobs), prefix)
    return None  # the blank token between a message and its file list


def _blob(mode: bytes, oid: bytes) -> str:
    """The id of a file's blob; "" when there is no file there, or a submodule (not a blob)."""
    return "" if mode in (b"000000", b"160000") else oid.decode("ascii")


def _path(token: bytes) -> str:
    # Decoded the way the file system names are (UTF-8, undecodable bytes kept), so
    # history paths match the paths discovery finds on disk.
    return os.fsdecode(token)


def _within(change: Change, prefix: str) -> Change | None:
    """The change as seen from the aims root; a move across its edge is an add or a delete."""
    if not prefix:
        return change
    cut = len(prefix)
    inside, old = change.path.startswith(prefix), change.old_path
    old_inside = old is not None and old.startswith(prefix)
    blobs = change.blobs
    if old is None or change.status not in ("R", "C"):
        return Change(change.status, change.path[cut:], blobs=blobs) if inside else None
    if inside and old_inside:
        return Change(change.status, change.path[cut:], old[cut:], change.score, blobs)
    if inside:
        return Change("A", change.path[cut:], blobs=blobs and ("", blobs[1]))
    if old_inside and change.status == "R":
        return Change("D", old[cut:], blobs=blobs and (blobs[0], ""))
    return None


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
