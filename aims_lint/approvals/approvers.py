"""Who a commit names as approver (`Approved-by:`), and whether that names a role's holder.

The trailer level (docs/approvals.md) asks that the commit recording an
approval name the person who held the approver role on the approval day:
by e-mail (or the GitHub no-reply address of the holder's handle), or by a
name the registry lists for the holder (their name, their GitHub handle).
Either is enough. A trailer is a statement anyone with push access can
write, whatever address it gives, so insisting that a named holder's
address also match would prove nothing more; the signed level is the one
that proves who (a key only the holder has).

The same identities serve segregation of duties (AIMS906): every holder,
current and past, with every name the registry lists for them.
"""

from __future__ import annotations

from aims_lint.corpus import Corpus
from aims_lint.history.identity import Keys, holder_keys, trailer_keys
from aims_lint.history.model import Commit
from aims_lint.history.trailers import trailer_paragraphs
from aims_lint.model import Holder

TRAILER = "Approved-by"
SHOWN_CHARS = 80  # of an untrusted trailer value, in a message


def approved_by(commit: Commit) -> list[str]:
    """The commit's `Approved-by:` values: its trailer block, and (for a squash merge's body)
    every other paragraph of trailers. A merge commit's own message counts; the commits it
    brought in are other commits."""
    return trailer_values(commit, TRAILER)


def trailer_values(commit: Commit, key: str) -> list[str]:
    """The values of trailer `key` wherever the message has a paragraph of trailers, as
    `approved_by` reads them (the history's words show what the rules judged)."""
    found = commit.trailer_values(key)
    wanted = key.casefold()
    for name, value in trailer_paragraphs(commit.message):
        if name.casefold() == wanted and value not in found:
            found.append(value)
    return [value for value in found if value.strip()]


def names_holder(value: str, holder: Holder) -> bool:
    """Whether the trailer value `value` names `holder`: its e-mail, name or handle is theirs."""
    return bool(trailer_keys(value) & holder_keys(holder))


def registry_identities(corpus: Corpus) -> list[Keys]:
    """The keys of every holder of every role, past holders included."""
    return [holder_keys(holder) for role in corpus.roles.values()
            for holder in (role.holder, *role.previous_holders) if holder is not None and holder.name]


def shown(value: str) -> str:
    """An untrusted trailer value, cut short for a message."""
    value = " ".join(value.split())
    return value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…"
