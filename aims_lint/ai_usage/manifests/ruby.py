"""Ruby: the specs of Gemfile.lock, and the `gem` lines of a Gemfile."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from aims_lint.ai_usage.evidence import Unreadable, Use
from aims_lint.ai_usage.manifests import dependency, text_or_unreadable
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.signatures import Signatures

ECOSYSTEM = "rubygems"
# Bundler writes each installed gem four spaces in under `specs:`, its own dependencies six.
_SPEC = re.compile(r"^    ([A-Za-z0-9][A-Za-z0-9._-]*) \(([^)]+)\)\s*$")
_SOURCES = ("GEM", "GIT", "PATH", "PLUGIN SOURCE")
_GEM = re.compile(r"""^\s*gem\s*\(?\s*(["'])([A-Za-z0-9][A-Za-z0-9._-]*)\1(?:\s*,\s*(["'])([^"']*)\3)?""")
_EXACT = re.compile(r"^=?\s*([0-9][0-9A-Za-z.]*)$")


class GemfileLock:
    """Gemfile.lock: every gem under a source's `specs:` (transitive gems included)."""

    name = "Gemfile.lock"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return path.name in ("Gemfile.lock", "gems.locked")

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        text = text_or_unreadable(file, file.name)
        if isinstance(text, Unreadable):
            yield text
            return
        section = ""
        for number, line in enumerate(text.splitlines(), 1):
            if line and not line[0].isspace():
                section = line.strip()
                continue
            if section not in _SOURCES:
                continue
            match = _SPEC.match(line)
            if match is None:
                continue
            name, version = match.group(1), match.group(2)
            use = dependency(file, signatures, ECOSYSTEM, name, (number, 5), f"{name} ({version})", version)
            if use is not None:
                yield use


class Gemfile:
    """Gemfile: `gem "name"` lines, with the version when it is exact."""

    name = "Gemfile"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return path.name in ("Gemfile", "gems.rb")

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        text = text_or_unreadable(file, file.name)
        if isinstance(text, Unreadable):
            yield text
            return
        for number, line in enumerate(text.splitlines(), 1):
            match = _GEM.match(line)
            if match is None:
                continue
            name, requirement = match.group(2), match.group(4) or ""
            exact = _EXACT.match(requirement.strip())
            shown = f'gem "{name}"' + (f', "{requirement}"' if requirement else "")
            use = dependency(file, signatures, ECOSYSTEM, name, (number, match.start(2) + 1), shown,
                             exact.group(1) if exact else "")
            if use is not None:
                yield use
