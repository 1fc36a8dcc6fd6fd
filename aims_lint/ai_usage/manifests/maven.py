"""Maven: the `<dependency>` elements of pom.xml (dependencies, dependency management, profiles
and plugin dependencies alike).

Read with expat, the standard library's XML parser under xml.etree, because it reports the
line and column of each element, which ElementTree does not keep. A document type declaration
is refused before anything is read: entity declarations can make a small file expand without
bound, and a pom.xml never needs one. defusedxml would do the same, but it is not a
dependency of aims-lint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any
from xml.parsers import expat

from aims_lint.ai_usage.evidence import Unreadable, Use
from aims_lint.ai_usage.manifests import dependency
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.signatures import Signatures

ECOSYSTEM = "maven"
_PROPERTY = re.compile(r"\$\{([^}]+)\}")
_FIELDS = ("groupId", "artifactId", "version")


class _Refused(Exception):
    """A construct this reader does not accept (a document type declaration)."""


class _Pom:
    """Collects dependencies and properties as expat reports elements."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.stack: list[str] = []
        self.text: list[str] = []
        self.current: dict[str, Any] | None = None
        self.found: list[dict[str, Any]] = []
        self.properties: dict[str, str] = {}

    def start(self, tag: str, _attributes: dict[str, str]) -> None:
        tag = tag.rsplit(":", 1)[-1]
        self.stack.append(tag)
        self.text = []
        parent = self.stack[-2] if len(self.stack) >= 2 else ""
        here = (self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1)
        if tag == "dependency" and parent == "dependencies":
            self.current = {"line": here[0], "column": here[1]}
        elif self.current is not None and parent == "dependency" and tag in _FIELDS:
            self.current[f"{tag}@"] = here

    def end(self, tag: str) -> None:
        tag = tag.rsplit(":", 1)[-1]
        value = "".join(self.text).strip()
        # The parents are read in place, never copied: a copy per end tag made a deeply nested
        # pom.xml quadratic (300,000 levels took 38 s).
        stack = self.stack
        depth = len(stack) - 1  # how many parents
        parent = stack[-2] if depth else ""
        top = stack[0] if depth else ""
        if self.current is not None and parent == "dependency" and tag in _FIELDS:
            self.current[tag] = value
        elif tag == "dependency" and self.current is not None and parent == "dependencies":
            self.found.append(self.current)
            self.current = None
        elif depth == 2 and top == "project" and parent == "properties":
            self.properties[tag] = value
        elif depth == 1 and top == "project" and tag in ("version", "groupId"):
            self.properties[f"project.{tag}"] = value
        elif depth == 2 and top == "project" and parent == "parent" and tag == "version":
            self.properties["project.parent.version"] = value
        self.stack.pop()
        self.text = []

    def characters(self, data: str) -> None:
        self.text.append(data)

    def resolve(self, value: str) -> str:
        resolved = _PROPERTY.sub(lambda m: self.properties.get(m.group(1), m.group(0)), value)
        return "" if "${" in resolved else resolved


def _refuse(*_args: Any) -> None:
    raise _Refused("a document type declaration (DOCTYPE) is not accepted in pom.xml")


class PomXml:
    """pom.xml: each dependency as `groupId:artifactId`, placed at its `<artifactId>`."""

    name = "pom.xml"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return path.name == "pom.xml"

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        if not file.complete:
            yield Unreadable(file.path, 1, "pom.xml is larger than the discovery size limit; not read")
            return
        parser = expat.ParserCreate()
        pom = _Pom(parser)
        parser.StartElementHandler = pom.start
        parser.EndElementHandler = pom.end
        parser.CharacterDataHandler = pom.characters
        parser.StartDoctypeDeclHandler = _refuse
        parser.EntityDeclHandler = _refuse
        try:
            parser.Parse(file.data, True)
        except _Refused as exc:
            yield Unreadable(file.path, parser.CurrentLineNumber, f"not read: {exc}")
            return
        except expat.ExpatError as exc:
            yield Unreadable(file.path, exc.lineno, f"not well-formed XML: {expat.ErrorString(exc.code)}")
            return
        for found in pom.found:
            group, artifact = found.get("groupId", ""), found.get("artifactId", "")
            if not group or not artifact:
                continue
            name = f"{pom.resolve(group) or group}:{artifact}"
            version = pom.resolve(found.get("version", ""))
            place = found.get("artifactId@", (found["line"], found["column"]))
            shown = f"{name}:{version}" if version else name
            use = dependency(file, signatures, ECOSYSTEM, name, place, shown, version)
            if use is not None:
                yield use
