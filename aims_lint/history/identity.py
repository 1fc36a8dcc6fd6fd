"""Whether two names for people are the same person: directly, or through a role holder.

Git knows authors as "Name <email>"; trailers say "Approved-by: Name <email>"
or a GitHub handle; the roles registry lists each holder's name, e-mail and
GitHub handle. Each becomes a set of normalised keys; two identities match
when their keys meet, or when both meet the keys of one holder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from aims_lint.history.model import Person
from aims_lint.model import Holder

Keys = frozenset[tuple[str, str]]

_ADDRESS = re.compile(r"^(.*?)\s*<([^<>]*)>\s*$")
_NOREPLY = re.compile(r"^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$", re.IGNORECASE)
_HANDLE = re.compile(r"^@?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$")


def person_keys(person: Person) -> Keys:
    return _keys(person.name, person.email, None)


def trailer_keys(value: str) -> Keys:
    """Keys for a trailer value: "Name <email>", an e-mail, "@handle" or a bare name."""
    value = value.strip()
    match = _ADDRESS.match(value)
    if match:
        return _keys(match.group(1), match.group(2), None)
    if "@" in value.lstrip("@"):
        return _keys(None, value, None)
    handle = _HANDLE.match(value)
    github = handle.group(1) if handle else None
    return _keys(value.lstrip("@"), None, github)


def holder_keys(holder: Holder) -> Keys:
    return _keys(holder.name, holder.email, holder.github)


def same_person(a: Keys, b: Keys, holders: Iterable[Keys]) -> bool:
    if a & b:
        return True
    return any(a & keys and b & keys for keys in holders)


def github_login(handle: str) -> str:
    """A GitHub handle as logins compare: no surrounding space, no "@", any case."""
    return handle.strip().lstrip("@").casefold()


def _keys(name: str | None, email: str | None, github: str | None) -> Keys:
    found: set[tuple[str, str]] = set()
    if name and name.strip():
        found.add(("name", " ".join(name.split()).casefold()))
    if email and email.strip():
        address = email.strip().casefold()
        found.add(("email", address))
        noreply = _NOREPLY.match(address)
        if noreply:
            found.add(("github", noreply.group(1)))
    if github and github.strip():
        found.add(("github", github_login(github)))
    return frozenset(found)
