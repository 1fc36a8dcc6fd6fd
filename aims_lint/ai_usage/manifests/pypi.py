"""Python manifests: requirements files, pyproject.toml (PEP 621, PEP 735 groups, Poetry, uv),
and the lock files poetry.lock and uv.lock."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase
from pathlib import PurePosixPath
from typing import Any

from aims_lint.ai_usage.evidence import Unreadable, Use
from aims_lint.ai_usage.manifests import dependency, text_or_unreadable
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.signatures import Signatures
from aims_lint.ai_usage.textpos import Positions

ECOSYSTEM = "pypi"
# A PEP 508 requirement's name, its extras, and the rest (version specifiers, markers, URL).
_REQUIREMENT = re.compile(
    r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)", re.DOTALL
)
_PINNED = re.compile(r"^===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)\s*(?:;|--|$)")
_BARE_VERSION = re.compile(r"^[0-9][A-Za-z0-9.+!_-]*$")  # Poetry's "1.2.3" means exactly that
_COMMENT = re.compile(r"(?:^|\s)#.*$")
_TABLE_HEADER = re.compile(r"^[ \t]*\[\[?[ \t]*([^\]\n]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$", re.MULTILINE)
_PACKAGE_HEADER = re.compile(r"^\[\[packages?\]\][ \t]*$", re.MULTILINE)  # pylock.toml: packages
_NAME_LINE = re.compile(r'^name[ \t]*=[ \t]*"', re.MULTILINE)


def _version(spec: str) -> str:
    match = _PINNED.match(spec.strip())
    return match.group(1) if match else ""


class Requirements:
    """`requirements*.txt` and `requirements*.in` (pip-tools), also inside a `requirements/`
    folder. An include (`-r base.txt`, `-c constraints.txt`) is not followed: that file is
    scanned on its own when the walk reaches it, so each use is reported where it is written."""

    name = "python requirements"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        if path.suffix not in (".txt", ".in"):
            return False
        return path.name.startswith("requirements") or path.parent.name == "requirements"

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        text = text_or_unreadable(file, "the requirements file")
        if isinstance(text, Unreadable):
            yield text
            return
        for number, line in _logical_lines(text):
            content = _COMMENT.sub("", line)
            stripped = content.strip()
            # Options (-r, -c, -e, --index-url ...) and bare URLs or paths name no package we can
            # look up by name; an index URL may carry a credential, so none is ever shown.
            if not stripped or stripped.startswith(("-", ".", "/")) or "://" in stripped.split("@")[0]:
                continue
            match = _REQUIREMENT.match(content)
            if match is None:
                continue
            name, rest = match.group(1), match.group(2)
            shown = stripped.split(" --", 1)[0]  # per-requirement options (--hash) are noise
            use = dependency(file, signatures, ECOSYSTEM, name, (number, match.start(1) + 1),
                             shown, _version(rest))
            if use is not None:
                yield use


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) with backslash continuations joined onto their first line."""
    pending: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not pending:
            start = number
        if line.endswith("\\"):
            pending.append(line[:-1])
            continue
        pending.append(line)
        yield start, " ".join(pending) if len(pending) > 1 else pending[0]
        pending = []
    if pending:
        yield start, " ".join(pending)


class Pyproject:
    """pyproject.toml: `[project]` dependencies and optional dependencies (PEP 621),
    `[dependency-groups]` (PEP 735), `[tool.uv] dev-dependencies`, and Poetry's
    `[tool.poetry.dependencies]`, `dev-dependencies` and `group.<name>.dependencies`."""

    name = "pyproject.toml"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return path.name == "pyproject.toml"

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        text = text_or_unreadable(file, "pyproject.toml")
        if isinstance(text, Unreadable):
            yield text
            return
        data = _toml(file, text)
        if isinstance(data, Unreadable):
            yield data
            return
        finder = _Finder(text)
        project = _table(data, "project")
        for requirement in _strings(project.get("dependencies")):
            yield from self._requirement(file, signatures, finder, requirement, ("project",))
        for group in _table(project, "optional-dependencies").values():
            for requirement in _strings(group):
                yield from self._requirement(file, signatures, finder, requirement,
                                             ("project.optional-dependencies", "project"))
        for group in _table(data, "dependency-groups").values():
            for requirement in _strings(group):
                yield from self._requirement(file, signatures, finder, requirement, ("dependency-groups",))
        uv = _table(_table(data, "tool"), "uv")
        for requirement in _strings(uv.get("dev-dependencies")):
            yield from self._requirement(file, signatures, finder, requirement, ("tool.uv",))
        poetry = _table(_table(data, "tool"), "poetry")
        tables = [("tool.poetry.dependencies", _table(poetry, "dependencies")),
                  ("tool.poetry.dev-dependencies", _table(poetry, "dev-dependencies"))]
        tables += [(f"tool.poetry.group.{name}.dependencies", _table(group, "dependencies"))
                   for name, group in _table(poetry, "group").items() if isinstance(group, dict)]
        for header, table in tables:
            for name, spec in table.items():
                version = _poetry_version(spec)
                pinned = version if _BARE_VERSION.match(version) else ""
                place = finder.key(name, (header, "tool.poetry"), table=f"{header}.{name}")
                shown = f"{name} = {version}" if version else name
                use = dependency(file, signatures, ECOSYSTEM, name, place, shown, pinned)
                if use is not None:
                    yield use

    def _requirement(self, file: ScannedFile, signatures: Signatures, finder: _Finder, requirement: str,
                     headers: tuple[str, ...]) -> Iterator[Use]:
        match = _REQUIREMENT.match(requirement)
        if match is None:
            return
        name = match.group(1)
        if signatures.package(ECOSYSTEM, name) is None:
            return  # placed only when it is reported
        line, column = finder.string(requirement, headers)
        use = dependency(file, signatures, ECOSYSTEM, name, (line, column + match.start(1)),
                         requirement, _version(match.group(2)))
        if use is not None:
            yield use


class _Finder:
    """Places in a TOML text for values tomllib read without positions: the first unused
    occurrence after the most specific table header that exists, else anywhere, else 1:1."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions = Positions(text)
        self.headers = {
            m.group(1).replace(" ", "").replace('"', ""): m.end() for m in _TABLE_HEADER.finditer(text)
        }
        self.used: set[int] = set()

    def _start(self, headers: Iterable[str]) -> int:
        for header in headers:
            if header in self.headers:
                return self.headers[header]
        return 0

    def _first(self, pattern: re.Pattern[str], start: int) -> int | None:
        for begin in (start, 0):
            for match in pattern.finditer(self.text, begin):
                offset = match.start("at")
                if offset not in self.used:
                    self.used.add(offset)
                    return offset
        return None

    def string(self, value: str, headers: tuple[str, ...]) -> tuple[int, int]:
        """Where the quoted `value` starts (the character after the quote)."""
        escaped = re.escape(value)
        pattern = re.compile(rf"(?P<quote>[\"'])(?P<at>{escaped})(?P=quote)")
        found = self._first(pattern, self._start(headers))
        return self.positions.at(found) if found is not None else (1, 1)

    def key(self, name: str, headers: tuple[str, ...], table: str = "") -> tuple[int, int]:
        """Where the key `name` starts; or, written as a table of its own
        (`[tool.poetry.dependencies.openai]`), where that table's name does."""
        header = re.compile(rf"^[ \t]*\[[ \t]*(?P<at>{re.escape(table)})[ \t]*\]", re.MULTILINE)
        if table and (own := header.search(self.text)) is not None:
            return self.positions.at(own.start("at") + len(table) - len(name))
        pattern = re.compile(rf"^[ \t]*[\"']?(?P<at>{re.escape(name)})[\"']?[ \t]*=", re.MULTILINE)
        found = self._first(pattern, self._start(headers))
        return self.positions.at(found) if found is not None else (1, 1)


def _poetry_version(spec: Any) -> str:
    """A Poetry dependency's version constraint: a string, or a table's `version`."""
    version = spec.get("version", "") if isinstance(spec, dict) else spec
    return version if isinstance(version, str) else ""


def _toml(file: ScannedFile, text: str) -> dict[str, Any] | Unreadable:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        # tomllib places a problem at "end of document" rather than on a line
        at_end = "end of document" in str(exc)
        line = int(found.group(1)) if found else (text.count("\n") + 1 if at_end else 1)
        return Unreadable(file.path, line, f"not valid TOML: {exc}")


def _table(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


class PythonLock:
    """poetry.lock and uv.lock: every `[[package]]` with its name and version. A lock file
    lists what is installed, transitive packages included."""

    name = "python lock files"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return path.name in ("poetry.lock", "uv.lock") or fnmatchcase(path.name, "pylock*.toml")

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        text = text_or_unreadable(file, file.name)
        if isinstance(text, Unreadable):
            yield text
            return
        data = _toml(file, text)
        if isinstance(data, Unreadable):
            yield data
            return
        packages = data.get("package", data.get("packages"))
        if not isinstance(packages, list):
            return
        headers = [m.end() for m in _PACKAGE_HEADER.finditer(text)]
        positions = Positions(text)
        for index, package in enumerate(packages):
            if not isinstance(package, dict) or not isinstance(package.get("name"), str):
                continue
            name = package["name"]
            if signatures.package(ECOSYSTEM, name) is None:
                continue
            version = package.get("version") if isinstance(package.get("version"), str) else ""
            place = (1, 1)
            if index < len(headers):
                found = _NAME_LINE.search(text, headers[index])
                if found is not None:
                    place = positions.at(found.end())
            shown = f"{name} {version}".strip()
            use = dependency(file, signatures, ECOSYSTEM, name, place, shown, str(version))
            if use is not None:
                yield use
