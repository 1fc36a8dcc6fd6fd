"""Whose key made a signature: registry keys by their SSH fingerprint, computed without ssh-keygen.

git names the key of a signature it could not tie to a principal only by
its fingerprint (`SHA256:` and the unpadded base64 of the SHA-256 of the key
blob, as `ssh-keygen -l` prints it). Computing the same for every key in the
roles registry tells "a key nobody listed" (AIMS917) from "the holder's own
key, used outside its dates" (AIMS919), and names whose key it was.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from aims_lint.approvals.holders import every_holder
from aims_lint.approvals.signers import within_tenure
from aims_lint.corpus import Corpus
from aims_lint.model import Holder, Role, SigningKey


@dataclass(frozen=True)
class KeyOwner:
    role: str  # the role id under which the holder lists the key
    holder: Holder
    key: SigningKey


def fingerprint(key: SigningKey) -> str | None:
    """`SHA256:...` of a public key line ("ssh-ed25519 AAAA... comment"); None if it is no key."""
    parts = key.key.split()
    if len(parts) < 2:
        return None
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        return None
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("=")
    return f"SHA256:{digest}"


def owners(corpus: Corpus, wanted: str | None) -> list[KeyOwner]:
    """Every entry of the work tree's registry (current or past holder, any role) listing `wanted`."""
    return owners_in(corpus.roles, wanted)


def owners_in(roles: Mapping[str, Role], wanted: str | None) -> list[KeyOwner]:
    """Every entry of `roles` (a registry as it was approved: `trust.py`) listing the key `wanted`,
    with the dates the allowed-signers file gives it (a past holder's tenure bounds it too)."""
    if not wanted:
        return []
    return [KeyOwner(role_id, holder, within_tenure(holder, key))
            for role_id, role in sorted(roles.items())
            for holder in every_holder(role) for key in holder.keys
            if fingerprint(key) == wanted]
