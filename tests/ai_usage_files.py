"""Helpers for the discovery scanner tests: a file as the walk hands it to a scanner."""

from __future__ import annotations

from pathlib import PurePosixPath

from aims_lint.ai_usage.evidence import Unreadable, Use
from aims_lint.ai_usage.scanner import ScannedFile, Scanner
from aims_lint.ai_usage.signatures import Signatures, load
from aims_lint.config import Settings

# The packaged table, whose `model_files` says which extensions the model file scanners want.
PACKAGED = load(Settings())


def scanned(path: str, content: bytes, head: int | None) -> ScannedFile:
    """`content` as the walk reads it for a scanner that wants `head` bytes (None: all)."""
    data = content if head is None else content[:head]
    return ScannedFile(path=path, data=data, size=len(content), complete=len(data) == len(content))


def run(
    scanner: Scanner, path: str, content: bytes, signatures: Signatures | None = None
) -> list[Use | Unreadable]:
    assert scanner.wants(PurePosixPath(path), signatures or PACKAGED), f"{scanner.name} does not want {path}"
    return list(scanner.scan(scanned(path, content, scanner.head_bytes), signatures or Signatures()))


def uses(found: list[Use | Unreadable]) -> list[Use]:
    return [f for f in found if isinstance(f, Use)]


def unreadable(found: list[Use | Unreadable]) -> list[Unreadable]:
    return [f for f in found if isinstance(f, Unreadable)]
