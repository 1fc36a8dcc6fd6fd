"""Scanners for dependency manifests and lock files, one module per ecosystem.

Each reads the file with the format's own parser where the standard library has one
(tomllib, json, expat), so a broken file is an `Unreadable` rather than a guess, and finds
the place of each AI package in the text afterwards: parsers do not keep positions, and
only the few AI packages need one. Every package is looked up in the signature table by
the name the manifest writes; what is not in the table is not reported.
"""

from __future__ import annotations

from aims_lint.ai_usage.evidence import Kind, Unreadable, Use
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.signatures import Signatures
from aims_lint.ai_usage.textpos import evidence


def dependency(
    file: ScannedFile,
    signatures: Signatures,
    ecosystem: str,
    name: str,
    place: tuple[int, int],
    shown: str,
    version: str = "",
) -> Use | None:
    """The use a manifest's package is, if the signatures know it; None otherwise."""
    signature = signatures.package(ecosystem, name)
    if signature is None:
        return None
    line, column = place
    return Use(
        path=file.path,
        line=line,
        column=column,
        kind=Kind.DEPENDENCY,
        name=name,
        evidence=evidence(shown),
        confidence=signature.confidence,
        provider=signature.provider,
        version=version,
    )


def text_or_unreadable(file: ScannedFile, what: str) -> str | Unreadable:
    """The file's text, or why it cannot be read as `what`."""
    if not file.complete:
        return Unreadable(file.path, 1, f"{what} is larger than the discovery size limit; not read")
    text = file.text()
    if text is None:
        return Unreadable(file.path, 1, f"{what} is not UTF-8 text; not read")
    return text
