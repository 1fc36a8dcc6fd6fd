"""Trailers (`Approved-by: ...`) and pull-request numbers from a commit message.

A trailer block is the message's last paragraph when every line in it is a
`Key: value` pair (or an indented continuation of one), the way `git
interpret-trailers` reads it. A one-paragraph message has no trailers: a
subject such as "Fix: typo" is not one.
"""

from __future__ import annotations

import re

_TRAILER = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$")
# GitHub squash merges end the subject with "(#123)"; merge commits start with this.
_SQUASH_PR = re.compile(r"\(#(\d+)\)\s*$")
_MERGE_PR = re.compile(r"^Merge pull request #(\d+)\b")


def subject_of(message: str) -> str:
    """The first paragraph of a message, joined into one line."""
    head = message.replace("\r\n", "\n").strip("\n").partition("\n\n")[0]
    return " ".join(head.split("\n")).strip() if "\n" in head else head.strip()


def parse_trailers(message: str) -> tuple[tuple[str, str], ...]:
    text = message.replace("\r\n", "\n").strip()
    _, blank, last = text.rpartition("\n\n")
    if not blank:  # one paragraph: the subject (and its continuation lines) only
        return ()
    return _block(last.strip("\n").split("\n"))


def trailer_paragraphs(message: str) -> tuple[tuple[str, str], ...]:
    """The trailers of every paragraph after the subject that is a trailer block, in order.

    A squash merge's body is the squashed commits' messages one after the
    other (GitHub writes each as "* subject", its body, its trailers), so a
    branch commit's `Approved-by:` ends up in a paragraph of its own in the
    middle of the body, where `parse_trailers` (the last paragraph only, as
    git reads it) does not look.
    """
    text = message.replace("\r\n", "\n").strip()
    paragraphs = [p.strip("\n") for p in text.split("\n\n")[1:] if p.strip()]
    return tuple(pair for p in paragraphs for pair in _block(p.split("\n")))


def _block(lines: list[str]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for line in lines:
        if line[:1] in (" ", "\t") and pairs:  # continuation of the previous value
            key, value = pairs[-1]
            pairs[-1] = (key, f"{value} {line.strip()}".strip())
            continue
        match = _TRAILER.match(line.rstrip())
        if match is None:
            return ()
        pairs.append((match.group(1), match.group(2).strip()))
    return tuple(pairs)


def pull_request(subject: str) -> int | None:
    """The pull-request number a squash or merge commit's subject names, if any."""
    match = _MERGE_PR.match(subject) or _SQUASH_PR.search(subject)
    return int(match.group(1)) if match else None
