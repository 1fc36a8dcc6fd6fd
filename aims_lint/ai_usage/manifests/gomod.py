"""Go modules: the `require` directives of go.mod, single and in blocks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from aims_lint.ai_usage.evidence import Unreadable, Use
from aims_lint.ai_usage.manifests import dependency, text_or_unreadable
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.signatures import Signatures

ECOSYSTEM = "go"
_BLOCK_START = re.compile(r"^\s*require\s*\(\s*$")
_SINGLE = re.compile(r"^(\s*require\s+)(\S+)\s+(\S+)")
_IN_BLOCK = re.compile(r"^(\s*)([^\s)]+)\s+(\S+)")
_OTHER_BLOCK = re.compile(r"^\s*(?:replace|exclude|retract|tool|godebug)\s*\(\s*$")


class GoMod:
    """go.mod. `// indirect` requirements count too: the module is in the build. Replacements
    and exclusions name no new dependency and are skipped."""

    name = "go.mod"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return path.name == "go.mod"

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        text = text_or_unreadable(file, "go.mod")
        if isinstance(text, Unreadable):
            yield text
            return
        block = ""  # "require", "other" or ""
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("//", 1)[0]
            if block:
                if line.strip().startswith(")"):
                    block = ""
                    continue
                match = _IN_BLOCK.match(line) if block == "require" else None
            elif _BLOCK_START.match(line):
                block = "require"
                continue
            elif _OTHER_BLOCK.match(line):
                block = "other"
                continue
            else:
                match = _SINGLE.match(line)
            if match is None:
                continue
            module, version = match.group(2), match.group(3)
            use = dependency(file, signatures, ECOSYSTEM, module, (number, match.start(2) + 1),
                             f"{module} {version}", version)
            if use is not None:
                yield use
