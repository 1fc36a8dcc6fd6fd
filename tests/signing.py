"""Real SSH keys for the signature tests, made with `ssh-keygen` in a temporary folder.

A rule case names the keys it needs (`keys: [mara, eve]`); each is a fresh
ed25519 key pair, and `{{key:mara}}` anywhere in the case's text becomes
that key's public line, so the roles registry a case writes lists real
keys. Commits and tags are signed with the private key file through git's
own `-c gpg.format=ssh -c user.signingkey=FILE`, set on the command only:
nothing outside the temporary repository is configured.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_PLACEHOLDER = re.compile(r"\{\{key:([A-Za-z0-9_-]+)\}\}")


@dataclass(frozen=True)
class Key:
    private: Path
    public: str  # "ssh-ed25519 AAAA... name"


def make_key(folder: Path, name: str) -> Key:
    folder.mkdir(parents=True, exist_ok=True)
    private = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(private)],
                   check=True, capture_output=True)
    return Key(private, (folder / f"{name}.pub").read_text(encoding="utf-8").strip())


def make_keys(folder: Path, names: list[str]) -> dict[str, Key]:
    return {name: make_key(folder, name) for name in names}


def with_keys(value: Any, keys: dict[str, Key]) -> Any:
    """`value` (a case's parsed YAML) with every `{{key:NAME}}` replaced by NAME's public key."""
    if isinstance(value, str):
        return _PLACEHOLDER.sub(lambda m: keys[m.group(1)].public, value)
    if isinstance(value, list):
        return [with_keys(item, keys) for item in value]
    if isinstance(value, dict):
        return {key: with_keys(item, keys) for key, item in value.items()}
    return value


def signing(key: Path) -> tuple[str, ...]:
    """git options that sign with `key`, for one command."""
    return ("-c", "gpg.format=ssh", "-c", f"user.signingkey={key}")
