"""The allowed-signers file git verifies approval signatures with, made from the roles registry.

Each key of each holder (current and past) becomes one line of OpenSSH's
allowed-signers format: the holder's e-mail as the principal, the `git`
namespace, and the key's `valid_after`/`valid_before` as `valid-after`/
`valid-before` (git passes the signature's own timestamp for ssh-keygen to
check them against, and that timestamp is set by the signer). Whether the
signer held the approver role on the approval day is the rules' question,
not the file's: a valid signature names a principal, and `holders.py` says
whether that person held the role then. A past holder's keys are bounded by
their tenure as well: valid from `from` and no longer from the day after
`until` (a key's own tighter dates win), so a key kept after a handover
signs nothing new that verifies.

Which registry the file is made from is `trust.py`'s question: the rules
judge each approval against the registry as last approved before it, so the
engine calls `signers_text` with those roles, not the work tree's.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta

from aims_lint.approvals.holders import every_holder
from aims_lint.corpus import Corpus
from aims_lint.model import Holder, PastHolder, Role, SigningKey


def allowed_signers(corpus: Corpus) -> str:
    """The file's text for the work tree's registry (sorted, so it is the same for the same registry)."""
    return signers_text(corpus.roles)


def signers_text(roles: Mapping[str, Role]) -> str:
    """The file's text for `roles` (sorted: the same roles give the same bytes)."""
    lines = {line for role in roles.values() for holder in every_holder(role)
             for line in _lines(holder)}
    return "".join(f"{line}\n" for line in sorted(lines))


def principal(holder: Holder) -> str | None:
    """The name the holder's keys are listed under: the e-mail, lower-cased."""
    return holder.email.strip().casefold() if holder.email and holder.email.strip() else None


def _lines(holder: Holder) -> Iterator[str]:
    name = principal(holder)
    if name is None or any(c.isspace() or c in '",' for c in name):
        return
    for key in holder.keys:
        options = ['namespaces="git"', *_validity(within_tenure(holder, key))]
        yield f"{name} {','.join(options)} {' '.join(key.key.split()[:2])}"


def within_tenure(holder: Holder, key: SigningKey) -> SigningKey:
    """A past holder's key, bounded by the days they held the role too (the tighter date wins)."""
    if not isinstance(holder, PastHolder):
        return key
    after, before = key.valid_after, key.valid_before
    if holder.held_from is not None and (after is None or after < holder.held_from):
        after = holder.held_from
    end = holder.until + timedelta(days=1) if holder.until is not None else None
    if end is not None and (before is None or end < before):
        before = end
    return key.model_copy(update={"valid_after": after, "valid_before": before})


def _validity(key: SigningKey) -> Iterator[str]:
    # Valid from the first moment of `valid_after`, no longer from the first moment of
    # `valid_before`, in UTC: ssh-keygen reads a bare date in the checking machine's own time
    # zone, so without the "Z" the same registry would verify differently on two machines.
    if key.valid_after is not None:
        yield f'valid-after="{_stamp(key.valid_after)}"'
    if key.valid_before is not None:
        yield f'valid-before="{_stamp(key.valid_before)}"'


def _stamp(day: date) -> str:
    return day.strftime("%Y%m%dZ")
