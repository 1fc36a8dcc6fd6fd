"""Node manifests: package.json and the lock files package-lock.json and npm-shrinkwrap.json
(lockfileVersion 2 and 3 `packages`; version 1 `dependencies`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from aims_lint.ai_usage.evidence import Unreadable, Use
from aims_lint.ai_usage.manifests import dependency, text_or_unreadable
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.signatures import Signatures
from aims_lint.ai_usage.textpos import Positions

ECOSYSTEM = "npm"
SECTIONS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")
_EXACT = re.compile(r"^v?[0-9]+\.[0-9]+\.[0-9]+(?:[-+][0-9A-Za-z.-]+)?$")
# JSON strings and brackets: enough to tell a top-level key from a nested one in package.json.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')
_COLON = re.compile(r"\s*:")


def _json(file: ScannedFile, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return Unreadable(file.path, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return Unreadable(file.path, 1, "not read: JSON nested too deeply")


def _json_object(file: ScannedFile) -> tuple[str, dict[str, Any]] | Unreadable:
    """The file's text and its top-level JSON object, or why it is neither (both npm files)."""
    text = text_or_unreadable(file, file.name)
    if isinstance(text, Unreadable):
        return text
    data = _json(file, text)
    if isinstance(data, Unreadable):
        return data
    if not isinstance(data, dict):
        return Unreadable(file.path, 1, f"{file.name} is not a JSON object")
    return text, data


def _top_level_keys(text: str) -> dict[str, int]:
    """Offset of the opening quote of each key of the top-level object."""
    keys: dict[str, int] = {}
    depth = 0
    for token in _TOKEN.finditer(text):
        value = token.group()
        if value in "{[":
            depth += 1
        elif value in "}]":
            depth -= 1
        elif depth == 1 and _COLON.match(text, token.end()):
            keys.setdefault(json.loads(value), token.start())
    return keys


def _member(text: str, key: str, start: int) -> int | None:
    """Offset of the first character of `key` as an object key at or after `start`."""
    match = re.compile(re.escape(json.dumps(key)) + r"\s*:").search(text, start)
    return match.start() + 1 if match else None


class PackageJson:
    """package.json: dependencies, devDependencies, optionalDependencies, peerDependencies.
    An alias (`"llm": "npm:openai@^4"`) is reported under the package it installs."""

    name = "package.json"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return path.name == "package.json"

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        read = _json_object(file)
        if isinstance(read, Unreadable):
            yield read
            return
        text, data = read
        offsets: dict[str, int] | None = None
        positions = Positions(text)
        for section in SECTIONS:
            entries = data.get(section)
            if not isinstance(entries, dict):
                continue
            for key, spec in entries.items():
                spec = spec if isinstance(spec, str) else ""
                name = _aliased(spec) or key
                if signatures.package(ECOSYSTEM, name) is None:
                    continue
                if offsets is None:
                    offsets = _top_level_keys(text)
                found = _member(text, key, offsets.get(section, 0))
                place = positions.at(found) if found is not None else (1, 1)
                version = spec.lstrip("=") if _EXACT.match(spec.lstrip("=")) else ""
                use = dependency(file, signatures, ECOSYSTEM, name, place, f'"{key}": "{spec}"', version)
                if use is not None:
                    yield use


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _aliased(spec: str) -> str:
    """The real package of an `npm:name@range` alias, else ""."""
    if not spec.startswith("npm:"):
        return ""
    target = spec[4:]
    at = target.rfind("@")
    return target[:at] if at > 0 else target


class PackageLock:
    """package-lock.json and npm-shrinkwrap.json. Version 2 and 3 locks list every installed
    package under `packages` by its folder (`node_modules/a/node_modules/b`); version 1 locks
    only nest `dependencies`, read the same way."""

    name = "package-lock.json"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        return path.name in ("package-lock.json", "npm-shrinkwrap.json")

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        read = _json_object(file)
        if isinstance(read, Unreadable):
            yield read
            return
        text, data = read
        positions = Positions(text)
        packages = data.get("packages")
        if isinstance(packages, dict):
            yield from self._packages(file, signatures, text, positions, packages)
        else:
            yield from self._legacy(file, signatures, text, positions, data.get("dependencies"), set())

    def _packages(self, file: ScannedFile, signatures: Signatures, text: str, positions: Positions,
                  packages: dict[str, Any]) -> Iterator[Use]:
        start = text.find('"packages"')
        for folder, entry in packages.items():
            if "node_modules/" not in folder or not isinstance(entry, dict) or entry.get("link") is True:
                continue  # the root project, a workspace member, or a link to one
            installed = folder.rsplit("node_modules/", 1)[1]
            name = _text(entry.get("name")) or installed
            if signatures.package(ECOSYSTEM, name) is None:
                continue
            found = _member(text, folder, max(start, 0))
            place = positions.at(found + len(folder) - len(installed)) if found is not None else (1, 1)
            version = _text(entry.get("version"))
            use = dependency(file, signatures, ECOSYSTEM, name, place, f"{folder} {version}".strip(), version)
            if use is not None:
                yield use

    def _legacy(self, file: ScannedFile, signatures: Signatures, text: str, positions: Positions,
                dependencies: Any, used: set[int], depth: int = 0) -> Iterator[Use]:
        if not isinstance(dependencies, dict) or depth > 64:
            return
        for name, entry in dependencies.items():
            if not isinstance(entry, dict):
                continue
            if signatures.package(ECOSYSTEM, name) is not None:
                found = None
                for match in re.compile(re.escape(json.dumps(name)) + r"\s*:\s*\{").finditer(text):
                    if match.start() not in used:
                        used.add(match.start())
                        found = match.start() + 1
                        break
                version = _text(entry.get("version"))
                place = positions.at(found) if found is not None else (1, 1)
                shown = f"{name} {version}".strip()
                use = dependency(file, signatures, ECOSYSTEM, name, place, shown, version)
                if use is not None:
                    yield use
            nested = entry.get("dependencies")
            yield from self._legacy(file, signatures, text, positions, nested, used, depth + 1)
