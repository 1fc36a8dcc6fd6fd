"""A small driver for the scanner tests: every file of a tree, every scanner that wants it.

The real walk (aims_lint/ai_usage/walk.py) adds size limits and excludes; these tests are
about what each scanner finds in a file, so they hand each one the whole file.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from aims_lint.ai_usage.evidence import Kind, Unreadable, Use
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.scanners import SCANNERS
from aims_lint.ai_usage.signatures import Signatures, load
from aims_lint.config import Settings


def scan_tree(root: Path, signatures: Signatures | None = None) -> list[Use | Unreadable]:
    table = signatures if signatures is not None else load(Settings(root=root))
    found: list[Use | Unreadable] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = PurePosixPath(path.relative_to(root).as_posix())
        data = path.read_bytes()
        file = ScannedFile(str(rel), data, len(data), complete=True)
        for scanner in SCANNERS:
            if scanner.wants(rel, table):
                found.extend(scanner.scan(file, table))
    return found


def uses(found: list[Use | Unreadable], kind: Kind | None = None, path: str | None = None) -> list[Use]:
    return sorted(u for u in found if isinstance(u, Use) and (kind is None or u.kind == kind)
                  and (path is None or u.path == path))


def place(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th `needle` in `text`: what a test expects,
    computed from the file it wrote rather than typed in."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
