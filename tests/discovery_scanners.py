"""Small scanners of the tests' own, for the walk, the run and the discovery rules' cases.

They read real files the tests write, through the real walk, and keep to the `Scanner`
protocol; what they recognise is plain on purpose, so a test says exactly what it expects
without depending on the signature table or the real scanners (aims_lint/ai_usage/scanners.py).

- `LinesScanner` reads `*.uses` text files: each line `kind name confidence [model]` is one
  use at that line (column 1), its evidence the line itself; `unreadable MESSAGE` is an
  Unreadable at that line. Blank lines and lines starting with `#` say nothing.
- `HeaderScanner` reads `*.model` files as far as their first 8 bytes: `MODEL\\x00v1` is a
  model file, anything else an Unreadable ("not a model header").
- `FailingScanner` raises on every `*.boom` file, as a faulty scanner would.
- `RecordingScanner` wraps another and keeps every `ScannedFile` it was given.

Case files choose them by name: `scanners: [lines, header]` (tests/rules/test_rule_cases.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from aims_lint.ai_usage.evidence import Confidence, Kind, Unreadable, Use
from aims_lint.ai_usage.scanner import ScannedFile, Scanner
from aims_lint.ai_usage.signatures import Signatures

MODEL_MAGIC = b"MODEL\x00v1"


class LinesScanner:
    name = "test lines"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return path.suffix == ".uses"

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        text = file.text()
        if text is None:
            yield Unreadable(file.path, 1, "not UTF-8")
            return
        for number, line in enumerate(text.splitlines(), 1):
            words = line.split()
            if not words or words[0].startswith("#"):
                continue
            if words[0] == "unreadable":
                yield Unreadable(file.path, number, " ".join(words[1:]))
                continue
            kind, name, confidence, *model = words
            yield Use(file.path, number, 1, Kind(kind), name, line.strip(), Confidence(confidence),
                      model=model[0] if model else "")


class HeaderScanner:
    name = "test model header"
    head_bytes: int | None = len(MODEL_MAGIC)

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return path.suffix == ".model"

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        if file.data != MODEL_MAGIC:
            yield Unreadable(file.path, 1, "not a model header")
            return
        yield Use(file.path, 1, 1, Kind.MODEL_FILE, file.name, f"test model header, {file.size} bytes",
                  Confidence.HIGH, model=PurePosixPath(file.path).stem)


class FailingScanner:
    name = "test failing"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return path.suffix == ".boom"

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        raise ValueError("bad luck")


@dataclass
class RecordingScanner:
    inner: Scanner
    seen: list[ScannedFile] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def head_bytes(self) -> int | None:
        return self.inner.head_bytes

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return self.inner.wants(path, signatures)

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        self.seen.append(file)
        return self.inner.scan(file, signatures)


BY_NAME: dict[str, Scanner] = {
    "lines": LinesScanner(),
    "header": HeaderScanner(),
    "failing": FailingScanner(),
}
