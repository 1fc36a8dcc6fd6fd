"""What discovery recognises, as data: `aims_lint/data/ai_usage/signatures.yaml`, extended by
the files configuration names (`discover.signatures`, docs/ai-signatures.md).

The loader reads the YAML into these frozen tables once per set of files; scanners only look
names up in them (dicts, memoised pattern matches and precompiled regexes), because a scan of
ten thousand files must take seconds. A signature file is checked like a schema before any
of it is used: an unknown key, a missing field or a bad value is a `SignatureError` (a
configuration error, exit 2) naming the file, line and entry, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from aims_lint.ai_usage.evidence import Confidence
from aims_lint.config import ConfigError, Settings
from aims_lint.positions import join_pointer, locate, locate_key
from aims_lint.yaml12 import compose_and_load

FORMAT_VERSION = 1
ECOSYSTEMS = ("pypi", "npm", "go", "rubygems", "maven")
CATEGORIES = ("provider-sdk", "llm-framework", "ml-library", "inference", "vector-store")
PACKAGED = "aims_lint/data/ai_usage/signatures.yaml"  # as messages name it
_MAX_PROBLEMS = 20  # per file: enough to fix a batch, not a wall of text


class SignatureError(ConfigError):
    """A signature file that cannot be used: reported like a bad configuration (exit 2)."""


@dataclass(frozen=True)
class PackageSignature:
    ecosystem: str  # "pypi", "npm", "go", "rubygems", "maven"
    name: str  # normalised: PEP 503 for pypi, lower case elsewhere; Maven "group:artifact"
    category: str  # "provider-sdk", "llm-framework", "ml-library", "inference", "vector-store"
    provider: str  # who is behind it, e.g. "openai"; "" for a general library
    confidence: Confidence


@dataclass(frozen=True)
class HostSignature:
    host: str  # e.g. "api.openai.com"; a leading "*." matches any subdomain
    provider: str
    confidence: Confidence = Confidence.HIGH


@dataclass(frozen=True)
class KeySignature:
    variable: str  # e.g. "OPENAI_API_KEY"
    provider: str
    confidence: Confidence = Confidence.MEDIUM


def normalise(ecosystem: str, name: str) -> str:
    """A package name as signatures compare it: PEP 503 for PyPI; Go without its major-version
    suffix (`/v2`), which names a release line of the same module; lower case everywhere."""
    if ecosystem == "pypi":
        return _PEP503.sub("-", name).lower()
    if ecosystem == "go":
        return _GO_MAJOR.sub("", name.lower())
    return name.lower()


_PEP503 = re.compile(r"[-_.]+")
_NOTHING = re.compile(r"(?!x)x")  # the finder of an empty table
_GO_MAJOR = re.compile(r"/v[0-9]+$")


@dataclass(frozen=True)
class Signatures:
    # (ecosystem, normalised name) -> signature
    packages: dict[tuple[str, str], PackageSignature] = field(default_factory=dict)
    hosts: tuple[HostSignature, ...] = ()
    keys: tuple[KeySignature, ...] = ()
    # Call names that take a hub model id as first argument or `model=`/`repo_id=`/`model_id=`,
    # e.g. "from_pretrained", "pipeline", "hf_hub_download", "SentenceTransformer".
    loaders: tuple[str, ...] = ()
    # Model file extensions (".safetensors", ".gguf", ".onnx", ...) -> format name.
    model_files: dict[str, str] = field(default_factory=dict)
    # Names with a `*` ("langchain-*", "dev.langchain4j:*"), tried in order after `packages`.
    package_patterns: tuple[PackageSignature, ...] = ()
    # Keywords and configuration keys whose value names a hub model ("model", "repo_id").
    model_keys: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # the files read, packaged first, for messages and the docs

    def package(self, ecosystem: str, name: str) -> PackageSignature | None:
        """The signature of a package as a manifest writes it, or None."""
        memo = self._package_memo
        key = (ecosystem, name)
        if key not in memo:
            memo[key] = self._find_package(ecosystem, normalise(ecosystem, name))
        return memo[key]

    def _find_package(self, ecosystem: str, normalised: str) -> PackageSignature | None:
        found = self.packages.get((ecosystem, normalised))
        if found is not None:
            return found
        for pattern, signature in self._patterns.get(ecosystem, ()):
            if pattern.fullmatch(normalised):
                return signature
        return None

    def host(self, host: str) -> HostSignature | None:
        """The signature a host name matches, or None."""
        lowered = host.lower()
        for pattern, signature in self._host_patterns:
            if pattern.fullmatch(lowered):
                return signature
        return None

    def key(self, variable: str) -> KeySignature | None:
        return self._keys.get(variable)

    # Derived lookups, built once per Signatures (the object is frozen; cached_property writes
    # the instance dict directly, which is why these are not dataclass fields).
    @cached_property
    def _package_memo(self) -> dict[tuple[str, str], PackageSignature | None]:
        return {}

    @cached_property
    def _patterns(self) -> dict[str, list[tuple[re.Pattern[str], PackageSignature]]]:
        table: dict[str, list[tuple[re.Pattern[str], PackageSignature]]] = {}
        for signature in self.package_patterns:
            regex = ".*".join(re.escape(part) for part in signature.name.split("*"))
            table.setdefault(signature.ecosystem, []).append((re.compile(regex), signature))
        return table

    @cached_property
    def _host_patterns(self) -> tuple[tuple[re.Pattern[str], HostSignature], ...]:
        return tuple((re.compile(host_regex(h.host)), h) for h in self.hosts)

    @cached_property
    def _keys(self) -> dict[str, KeySignature]:
        return {k.variable: k for k in self.keys}

    @cached_property
    def host_ends(self) -> re.Pattern[str]:
        """The last part of every host (`.com`, `.ai`) where it ends a name. Starting with a
        literal dot, this runs at close to memchr speed; the name before each hit is then
        read backwards and looked up (`host`), which is far faster than one regex of every
        host glob tried at every character of every file."""
        if not self.hosts:
            return _NOTHING
        ends = sorted({h.host.rsplit(".", 1)[-1] for h in self.hosts}, key=lambda e: (-len(e), e))
        alternatives = "|".join(map(re.escape, ends))
        return re.compile(rf"\.(?:{alternatives})(?![A-Za-z0-9-]|\.[A-Za-z0-9])", re.IGNORECASE)

    @cached_property
    def key_ends(self) -> re.Pattern[str]:
        """The last `_` part of every key variable (`_KEY`, `_TOKEN`) where it ends a word; the
        whole word before each hit is then looked up (`key`), a dict lookup."""
        if not self.keys:
            return _NOTHING
        ends = sorted({"_" + k.variable.rsplit("_", 1)[-1] if "_" in k.variable else k.variable
                       for k in self.keys}, key=lambda e: (-len(e), e))
        return re.compile(rf"(?:{'|'.join(map(re.escape, ends))})(?![A-Za-z0-9_])")

    @cached_property
    def model_key_finder(self) -> re.Pattern[str]:
        """`model: value`, `"repo_id": "value"`, `model_id = "value"` in configuration; the
        value (group `id`) still has to look like a hub id, and the key must start a word."""
        if not self.model_keys:
            return _NOTHING
        keys = "|".join(re.escape(k) for k in sorted(self.model_keys, key=lambda k: (-len(k), k)))
        return re.compile(rf"(?P<key>{keys})[\"']?[ \t]*[:=][ \t]*[\"']?(?P<id>[^\s\"',}}\]#]+)")

    @cached_property
    def loader_anchors(self) -> tuple[str, ...]:
        """The loader names no other one contains (`create_model` covers
        `create_model_and_transforms`): a file holding none of them calls no loader. Tested
        with `in`, which is several times faster than any one regex of the names."""
        names = set(self.loaders)
        return tuple(sorted(n for n in names if not any(o != n and o in n for o in names)))

    @cached_property
    def loader_finder(self) -> re.Pattern[str]:
        """A call of a loader (`from_pretrained(`, `.pipeline (`); group 1 is its name."""
        if not self.loaders:
            return _NOTHING
        names = "|".join(re.escape(n) for n in sorted(self.loaders, key=lambda n: (-len(n), n)))
        return re.compile(rf"(?<![A-Za-z0-9_$])({names})\s*\(")

    @cached_property
    def model_key_set(self) -> frozenset[str]:
        return frozenset(self.model_keys)


def host_regex(glob: str) -> str:
    """A host glob as a regex: a leading `*.` is one or more labels, any other `*` a run of
    letters, digits and hyphens within one label."""
    prefix = ""
    if glob.startswith("*."):
        prefix, glob = r"(?:[a-z0-9-]+\.)+", glob[2:]
    return prefix + "[a-z0-9-]*".join(re.escape(part) for part in glob.split("*"))


# ---------------------------------------------------------------------------------------------
# Loading


def load(settings: Settings, extra: Iterable[str | Path] = ()) -> Signatures:
    """The packaged signatures with the configured extension files added, in order.

    The files are `settings.discover.signatures` (relative to the root) when that setting
    exists, then `extra` (relative to the root unless absolute). A later entry with the same
    name (package, host, variable, extension) replaces an earlier one. Cached per root and
    files, and re-read when a file changes.
    """
    discover = getattr(settings, "discover", None)  # DiscoverSettings, added by the walk work
    configured = tuple(getattr(discover, "signatures", ()) or ())
    root = Path(settings.root)
    stamped = []
    for name in (*configured, *extra):
        path = Path(name) if Path(name).is_absolute() else root / name
        try:
            stat = path.stat()
        except OSError:
            raise SignatureError(
                f"signature file {name}: not found (discover.signatures names it, relative to {root})"
            ) from None
        stamped.append((str(path), str(name), stat.st_mtime_ns, stat.st_size))
    return _load(tuple(stamped))


@lru_cache(maxsize=16)
def _load(files: tuple[tuple[str, str, int, int], ...]) -> Signatures:
    tables = [_packaged()]
    for path, shown, _mtime, _size in files:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise SignatureError(f"signature file {shown}: cannot read it: {exc}") from None
        tables.append(parse(text, shown))
    return merge(tables)


@lru_cache(maxsize=1)
def _packaged() -> Signatures:
    packaged = resources.files("aims_lint").joinpath("data", "ai_usage", "signatures.yaml")
    text = packaged.read_text(encoding="utf-8")
    return parse(text, PACKAGED)


def merge(tables: Iterable[Signatures]) -> Signatures:
    """Tables in order: a later entry with the same key replaces an earlier one."""
    packages: dict[tuple[str, str], PackageSignature] = {}
    patterns: dict[tuple[str, str], PackageSignature] = {}
    hosts: dict[str, HostSignature] = {}
    keys: dict[str, KeySignature] = {}
    loaders: dict[str, None] = {}
    model_keys: dict[str, None] = {}
    model_files: dict[str, str] = {}
    sources: list[str] = []
    for table in tables:
        packages.update(table.packages)
        patterns.update({(p.ecosystem, p.name): p for p in table.package_patterns})
        hosts.update({h.host: h for h in table.hosts})
        keys.update({k.variable: k for k in table.keys})
        loaders.update(dict.fromkeys(table.loaders))
        model_keys.update(dict.fromkeys(table.model_keys))
        model_files.update(table.model_files)
        sources.extend(table.sources)
    return Signatures(
        packages=dict(sorted(packages.items())),
        hosts=tuple(sorted(hosts.values(), key=lambda h: h.host)),
        keys=tuple(sorted(keys.values(), key=lambda k: k.variable)),
        loaders=tuple(loaders),
        model_files=dict(sorted(model_files.items())),
        # Longest first, so `@aws-sdk/client-bedrock*` wins over a broader pattern
        # an extension adds; then by name, for a stable order.
        package_patterns=tuple(sorted(patterns.values(), key=lambda p: (-len(p.name), p.name))),
        model_keys=tuple(model_keys),
        sources=tuple(sources),
    )


def parse(text: str, source: str) -> Signatures:
    """One signature file, checked whole: every problem found is in the one error raised."""
    try:
        loaded = compose_and_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise SignatureError(f"{where}: not valid YAML: {problem}") from None
    checker = _Checker(source, loaded.root)
    for odd in loaded.odd_keys:
        checker.problems.append(f"{source}:{odd.mark.line + 1}:{odd.mark.column + 1}: {odd.message}")
    table = checker.table(loaded.data)
    if checker.problems:
        shown = checker.problems[:_MAX_PROBLEMS]
        more = len(checker.problems) - len(shown)
        tail = f"\n  ... and {more} more" if more else ""
        raise SignatureError(f"invalid signature file {source}:\n  " + "\n  ".join(shown) + tail)
    return table


# The formats `model_files` may name: one model file scanner each (model_files.py).
MODEL_FORMATS = ("coreml", "gguf", "hdf5", "keras", "onnx", "pickle", "pytorch", "safetensors", "tflite")
_TOP = ("version", "packages", "hosts", "keys", "loaders", "model_keys", "model_files")
_PACKAGE_FIELDS = ("name", "category", "provider", "confidence")
_HOST_FIELDS = ("host", "provider", "confidence")
_KEY_FIELDS = ("variable", "provider", "confidence")
_LABEL = r"[a-z0-9*](?:[a-z0-9*-]*[a-z0-9*])?"
_HOST_GLOB = re.compile(rf"(?:\*\.)?{_LABEL}(?:\.{_LABEL})+")
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_EXTENSION = re.compile(r"\.[a-z0-9]+(?:\.[a-z0-9]+)*")
_PACKAGE_NAME = re.compile(r"[^\s,;\"'<>=!~^]+")
_CONFIDENCES = tuple(c.value for c in Confidence)


class _Checker:
    """Reads a signature file's data into a table, noting each problem with its place."""

    def __init__(self, source: str, root: yaml.Node | None) -> None:
        self.source = source
        self.root = root
        self.problems: list[str] = []

    def note(self, parts: tuple[object, ...], message: str, *, key: bool = False) -> None:
        pointer = join_pointer(*parts)
        line, column = (locate_key if key else locate)(self.root, pointer, 0)
        self.problems.append(f"{self.source}:{line}:{column}: {_dotted(parts)}: {message}")

    def table(self, data: Any) -> Signatures:
        if not isinstance(data, dict):
            self.note((), f"a signature file is a mapping with the keys {', '.join(_TOP)}")
            return Signatures()
        self.unknown_keys((), data, _TOP)
        version = data.get("version")
        if version is None:
            self.note((), f"version: missing; write `version: {FORMAT_VERSION}`")
        elif version != FORMAT_VERSION or isinstance(version, bool):
            self.note(("version",), f"must be {FORMAT_VERSION}, the only format this aims-lint reads")
        packages, patterns = self.packages(data.get("packages"))
        hosts = self.entries(data.get("hosts"), "hosts", _HOST_FIELDS, self.host)
        keys = self.entries(data.get("keys"), "keys", _KEY_FIELDS, self.key)
        return Signatures(
            packages=packages,
            hosts=tuple(hosts),
            keys=tuple(keys),
            loaders=self.names(data.get("loaders"), "loaders"),
            model_files=self.model_files(data.get("model_files")),
            package_patterns=tuple(patterns),
            model_keys=self.names(data.get("model_keys"), "model_keys"),
            sources=(self.source,),
        )

    def unknown_keys(self, parts: tuple[object, ...], data: dict[str, Any], known: tuple[str, ...]) -> None:
        for name in data:
            if name not in known:
                self.note((*parts, name), f"unknown key; the keys are {', '.join(known)}", key=True)

    def packages(
        self, data: Any
    ) -> tuple[dict[tuple[str, str], PackageSignature], list[PackageSignature]]:
        exact: dict[tuple[str, str], PackageSignature] = {}
        patterns: list[PackageSignature] = []
        if data is None:
            return exact, patterns
        if not isinstance(data, dict):
            self.note(("packages",), f"must map an ecosystem ({', '.join(ECOSYSTEMS)}) to a list of packages")
            return exact, patterns
        seen: set[tuple[str, str]] = set()
        for ecosystem, entries in data.items():
            if ecosystem not in ECOSYSTEMS:
                self.note(("packages", ecosystem),
                          f"unknown ecosystem; the ecosystems are {', '.join(ECOSYSTEMS)}", key=True)
                continue
            for signature in self.entries(entries, ("packages", ecosystem), _PACKAGE_FIELDS,
                                          lambda p, e, eco=ecosystem: self.package(p, e, eco)):
                key = (ecosystem, signature.name)
                if key in seen:
                    self.note(("packages", ecosystem), f"{signature.name} is listed twice")
                    continue
                seen.add(key)
                if "*" in signature.name:
                    patterns.append(signature)
                else:
                    exact[key] = signature
        return exact, patterns

    def entries(self, data: Any, where: str | tuple[str, ...], fields: tuple[str, ...],
                build: Any) -> Iterator[Any]:
        parts = (where,) if isinstance(where, str) else where
        if data is None:
            return
        if not isinstance(data, list):
            self.note(parts, f"must be a list of mappings with the keys {', '.join(fields)}")
            return
        for index, entry in enumerate(data):
            here = (*parts, index)
            if not isinstance(entry, dict):
                self.note(here, f"must be a mapping with the keys {', '.join(fields)}")
                continue
            self.unknown_keys(here, entry, fields)
            built = build(here, entry)
            if built is not None:
                yield built

    def text(self, parts: tuple[object, ...], entry: dict[str, Any], name: str, *,
             required: bool = True, pattern: re.Pattern[str] | None = None, hint: str = "") -> str | None:
        value = entry.get(name)
        if value is None:
            if required:
                self.note(parts, f"{name}: missing")
            return None if required else ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.note((*parts, name), "must be text" + ("" if not required else ", not empty"))
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.note((*parts, name), f"{value!r} is not {hint}")
            return None
        return value

    def confidence(self, parts: tuple[object, ...], entry: dict[str, Any], default: Confidence | None
                   ) -> Confidence | None:
        value = entry.get("confidence")
        if value is None:
            if default is None:
                self.note(parts, f"confidence: missing; one of {', '.join(_CONFIDENCES)}")
            return default
        if value not in _CONFIDENCES:
            self.note((*parts, "confidence"), f"{value!r} is not one of {', '.join(_CONFIDENCES)}")
            return None
        return Confidence(value)

    def package(self, parts: tuple[object, ...], entry: dict[str, Any],
                ecosystem: str) -> PackageSignature | None:
        name = self.text(parts, entry, "name", pattern=_PACKAGE_NAME, hint="a package name")
        category = self.text(parts, entry, "category")
        if category is not None and category not in CATEGORIES:
            self.note((*parts, "category"), f"{category!r} is not one of {', '.join(CATEGORIES)}")
            category = None
        if ecosystem == "maven" and name is not None and name.count(":") != 1:
            self.note((*parts, "name"), f"{name!r} is not groupId:artifactId")
            name = None
        provider = self.text(parts, entry, "provider", required=False)
        confidence = self.confidence(parts, entry, None)
        if name is None or category is None or provider is None or confidence is None:
            return None
        return PackageSignature(ecosystem, normalise(ecosystem, name), category, provider, confidence)

    def host(self, parts: tuple[object, ...], entry: dict[str, Any]) -> HostSignature | None:
        host = self.text(parts, entry, "host", pattern=_HOST_GLOB,
                         hint="a lower-case host name (a `*` may stand for part of it)")
        if host is not None and "*" in host.rsplit(".", 1)[-1]:
            # the scanners find hosts by their last part (host_ends), so it must be written out
            self.note((*parts, "host"), f"{host!r}: write out the last part of the name (no `*` in it)")
            host = None
        provider = self.text(parts, entry, "provider")
        confidence = self.confidence(parts, entry, Confidence.HIGH)
        if host is None or provider is None or confidence is None:
            return None
        return HostSignature(host, provider, confidence)

    def key(self, parts: tuple[object, ...], entry: dict[str, Any]) -> KeySignature | None:
        variable = self.text(parts, entry, "variable", pattern=_IDENTIFIER, hint="a variable name")
        provider = self.text(parts, entry, "provider")
        confidence = self.confidence(parts, entry, Confidence.MEDIUM)
        if variable is None or provider is None or confidence is None:
            return None
        return KeySignature(variable, provider, confidence)

    def names(self, data: Any, where: str) -> tuple[str, ...]:
        if data is None:
            return ()
        if not isinstance(data, list):
            self.note((where,), "must be a list of names")
            return ()
        found: dict[str, None] = {}
        for index, name in enumerate(data):
            if not isinstance(name, str) or not _IDENTIFIER.fullmatch(name):
                self.note((where, index), f"{name!r} is not a call or key name (letters, digits, _)")
            else:
                found[name] = None
        return tuple(found)

    def model_files(self, data: Any) -> dict[str, str]:
        if data is None:
            return {}
        if not isinstance(data, Mapping):
            self.note(("model_files",), "must map a file extension (\".gguf\") to its format name")
            return {}
        found: dict[str, str] = {}
        for extension, format_name in data.items():
            if not _EXTENSION.fullmatch(extension):
                self.note(("model_files", extension), "is not a lower-case file extension such as \".gguf\"",
                          key=True)
            elif not isinstance(format_name, str) or not format_name.strip():
                self.note(("model_files", extension), "the format must be a name such as \"gguf\"")
            elif format_name not in MODEL_FORMATS:
                self.note(("model_files", extension),
                          f"unknown format {format_name!r}: discovery reads {', '.join(MODEL_FORMATS)}")
            else:
                found[extension] = format_name
        return found


def _dotted(parts: tuple[object, ...]) -> str:
    """`packages.pypi[3].name`, the way a person finds an entry."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"
