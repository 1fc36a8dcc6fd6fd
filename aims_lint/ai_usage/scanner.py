"""The contract between the walk and the scanners.

The walk (`walk.py`) visits every file under the scanned paths once. For each file it asks
every scanner whether it `wants` it, by path alone (and the signature table); it reads the
file once, as far as the largest `head_bytes` among the scanners that want it (None: the
whole file, capped by the walk's size limit), and hands each of them the same `ScannedFile`.
A scanner yields `Use`s and `Unreadable`s and never raises for bad content: a file it cannot
make sense of is an `Unreadable` (AIMS1209), and the run goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Protocol

from aims_lint.ai_usage.evidence import Unreadable, Use
from aims_lint.ai_usage.signatures import Signatures


@dataclass(frozen=True)
class ScannedFile:
    path: str  # as in Use.path: posix, relative to the directory discover ran from
    data: bytes  # the whole file, or its first head_bytes bytes
    size: int  # the file's full size in bytes
    complete: bool  # whether `data` is the whole file

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    def text(self) -> str | None:
        """The file as UTF-8 text (BOM dropped), or None when it is not."""
        try:
            return self.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None


class Scanner(Protocol):
    """One kind of file discovery can read: manifests, code, model files, SBOMs."""

    name: str  # for messages and the docs, e.g. "python manifests"
    # How much of a wanted file this scanner needs: None for the whole file (text formats),
    # a byte count for binary formats judged by their header (model files).
    head_bytes: int | None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        """Whether this scanner reads the file at `path`, judged by its name alone (and, for the
        model file scanners, the signature table's `model_files`: extensions are data too)."""
        ...

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]: ...
