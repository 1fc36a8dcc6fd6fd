"""Code and configuration: hub model ids in loading calls, provider API hosts, and the names of
provider API-key variables.

One scanner reads each file once and asks three questions of its text, each answered by a
regex compiled once per signature table (`Signatures.host_ends`, `key_ends`, `loader_finder`),
each led by literal text so that it rules out most files at close to C speed.

Secrets: a use carries the name of a key variable, never its value, and no evidence here is
a copy of a source line (the line that names a host may pass a key too): it is rebuilt from
what was matched. Environment example files (`.env.example`) are read only up to the `=` of
each line. Real environment files (`.env`, `.env.local`) are never read at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from aims_lint.ai_usage.evidence import Confidence, Kind, Unreadable, Use
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.signatures import Signatures
from aims_lint.ai_usage.textpos import Positions

# Where a loading call can be read: Python and the JavaScript family.
LOADER_SUFFIXES = frozenset({".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts"})
# Other code where a host or a key variable is as telling.
OTHER_CODE_SUFFIXES = frozenset({".go", ".rb", ".java", ".kt", ".cs", ".php", ".rs", ".sh"})
# Configuration: compose files, CI workflows and application settings are YAML, JSON or TOML.
CONFIG_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".toml"})
CONFIG_NAMES = frozenset({"Jenkinsfile", "Dockerfile", "Containerfile"})
# Lock files name packages, not hosts or keys, and are the largest files of a project.
SKIPPED_NAMES = frozenset({"package-lock.json", "npm-shrinkwrap.json", "composer.json", "pnpm-lock.yaml"})
ENV_EXAMPLE_ENDINGS = (".example", ".sample", ".template", ".dist")

_HUB_ID = re.compile(
    r"(?:hf-hub:|hf://|https://huggingface\.co/)?([A-Za-z0-9][A-Za-z0-9._-]{0,95})/([A-Za-z0-9][A-Za-z0-9._-]{0,95})"
)
# A folder, not a hub organisation: `from_pretrained("models/bert")` loads a local copy.
_LOCAL_FOLDERS = frozenset({
    "models", "model", "checkpoints", "checkpoint", "output", "outputs", "data", "tmp", "local", "src",
    "saved_models", "weights", "artifacts", "runs", "cache", "assets", "resources", "build", "dist",
})
_FILE_ENDINGS = (".json", ".bin", ".pt", ".pth", ".safetensors", ".txt", ".csv", ".yaml", ".yml", ".onnx",
                 ".gguf", ".h5", ".pkl", ".py", ".js", ".ts", ".zip", ".gz", ".tar", ".md", ".png", ".jpg")
_ARGUMENTS_LIMIT = 2000  # characters of a call's arguments looked at
_IDENTIFIER_BEFORE = re.compile(r"([A-Za-z_$][A-Za-z0-9_$]*)[\"']?\s*$")
_ENV_LINE = re.compile(r"^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=")


def _suffix(name: str) -> str:
    """PurePosixPath's suffix, without building a path per file."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def hub_id(value: str) -> str | None:
    """The hub model id a string names (`org/name`), or None for a path or anything else."""
    match = _HUB_ID.fullmatch(value)
    if match is None:
        return None
    organisation, model = match.group(1), match.group(2)
    if organisation.lower() in _LOCAL_FOLDERS or organisation.startswith("."):
        return None
    if model.lower().endswith(_FILE_ENDINGS):
        return None
    return f"{organisation}/{model}"


def is_env_example(name: str) -> bool:
    if name in ("example.env", "sample.env"):
        return True
    return name.startswith(".env") and name.endswith(ENV_EXAMPLE_ENDINGS)


class CodeAndConfig:
    """Code (.py, .js, .ts and kin, .go, .rb, .java ...), configuration (.yaml, .yml, .json,
    .toml, Jenkinsfile, Dockerfile: compose files and CI workflows among them) and environment
    example files (`.env.example`, `.env.sample`)."""

    name = "code and configuration"
    head_bytes: int | None = None

    def wants(self, path: PurePosixPath, signatures: Signatures) -> bool:
        name = path.name
        if name in SKIPPED_NAMES or name.endswith((".min.js", ".map")):
            return False
        suffix = path.suffix
        return (suffix in LOADER_SUFFIXES or suffix in OTHER_CODE_SUFFIXES or suffix in CONFIG_SUFFIXES
                or name in CONFIG_NAMES or is_env_example(name))

    def scan(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use | Unreadable]:
        name = file.path.rsplit("/", 1)[-1]  # ScannedFile.name builds a path object; this runs per file
        if is_env_example(name):
            yield from self._env_example(file, signatures)
            return
        text = file.text()
        if text is None:
            # Said, not skipped in silence: an AI call in a Latin-1 or UTF-16 file would go unseen,
            # as it would in a manifest that is not UTF-8 (also AIMS1209).
            yield Unreadable(file.path, 1, "code or configuration is not UTF-8 text; not searched for AI use")
            return
        positions = Positions(text)
        suffix = _suffix(name)
        if suffix in LOADER_SUFFIXES:
            yield from _loader_calls(file, signatures, text, positions)
        elif suffix in CONFIG_SUFFIXES:
            yield from _config_models(file, signatures, text, positions)
        yield from _hosts(file, signatures, text, positions)
        yield from _keys(file, signatures, text, positions)

    def _env_example(self, file: ScannedFile, signatures: Signatures) -> Iterator[Use]:
        text = file.text()
        if text is None:
            return
        for number, line in enumerate(text.splitlines(), 1):
            # Only what stands before the `=` is looked at: the value may be a real secret
            # someone pasted into the example.
            match = _ENV_LINE.match(line.split("=", 1)[0] + "=") if "=" in line else None
            if match is None:
                continue
            signature = signatures.key(match.group(1))
            if signature is None:
                continue
            # An example file says a variable is expected, not that code reads it: low.
            yield Use(file.path, number, match.start(1) + 1, Kind.KEY_VARIABLE, signature.variable,
                      signature.variable, Confidence.LOW, provider=signature.provider)


_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_LONGEST_HOST = 253


def _word_before(text: str, end: int, allowed: frozenset[str], limit: int) -> int:
    """Where the run of `allowed` characters that ends at `end` starts."""
    start = end
    floor = max(0, end - limit)
    while start > floor and text[start - 1] in allowed:
        start -= 1
    return start


def _hosts(file: ScannedFile, signatures: Signatures, text: str, positions: Positions) -> Iterator[Use]:
    seen: set[tuple[int, str]] = set()
    for end in signatures.host_ends.finditer(text):
        start = _word_before(text, end.end(), _HOST_CHARS, _LONGEST_HOST)
        host = text[start : end.end()].lower().lstrip(".-")
        start = end.end() - len(host)
        signature = signatures.host(host)
        if signature is None:
            continue
        line, column = positions.at(start)
        if (line, host) in seen:
            continue
        seen.add((line, host))
        yield Use(file.path, line, column, Kind.ENDPOINT, host, host, signature.confidence,
                  provider=signature.provider)


def _keys(file: ScannedFile, signatures: Signatures, text: str, positions: Positions) -> Iterator[Use]:
    seen: set[tuple[int, str]] = set()
    for end in signatures.key_ends.finditer(text):
        start = _word_before(text, end.start(), _WORD_CHARS, 200)
        name = text[start : end.end()]
        signature = signatures.key(name)
        if signature is None:
            continue
        line, column = positions.at(start)
        if (line, name) in seen:
            continue
        seen.add((line, name))
        yield Use(file.path, line, column, Kind.KEY_VARIABLE, name, name, signature.confidence,
                  provider=signature.provider)


def _loader_calls(file: ScannedFile, signatures: Signatures, text: str,
                  positions: Positions) -> Iterator[Use]:
    if not any(name in text for name in signatures.loader_anchors):
        return
    calls = list(signatures.loader_finder.finditer(text))
    for number, call in enumerate(calls):
        loader = call.group(1)
        # A call's arguments are read up to the next loading call at most, which is read on its
        # own: each character is then read once, where a file of nested `from_pretrained(` read
        # _ARGUMENTS_LIMIT characters per call (4.8 MB took 97 s).
        stop = calls[number + 1].start() if number + 1 < len(calls) else len(text)
        for offset, keyword, value in _string_arguments(text, call.end(), signatures.model_key_set, stop):
            model = hub_id(value)
            if model is None:
                continue
            line, column = positions.at(offset)
            shown = f'{loader}({keyword}="{model}")' if keyword else f'{loader}("{model}")'
            yield Use(file.path, line, column, Kind.HUB_MODEL, model, shown, Confidence.MEDIUM,
                      provider="hugging-face", model=model)


def _string_arguments(
    text: str, start: int, keywords: frozenset[str], stop: int
) -> Iterator[tuple[int, str, str]]:
    """(offset, keyword or "", value) of the string arguments of the call whose arguments
    begin at `start` that can name a model: the first two positional ones, and those given
    under a model keyword (`model="..."`, or `{model: "..."}` in JavaScript)."""
    depth = 0
    position = 0  # index of the positional argument at depth 0
    index = start
    end = min(stop, start + _ARGUMENTS_LIMIT)
    while index < end:
        char = text[index]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                return
            depth -= 1
        elif char == "," and depth == 0:
            position += 1
        elif char == "#" and text[index - 1] in " \t\n":
            newline = text.find("\n", index)
            index = end if newline < 0 else newline
            continue
        elif char in "\"'`":
            close = _string_end(text, index, end)
            if close < 0:
                return
            value = text[index + 1 : close]
            before = text[max(start, index - 80) : index].rstrip()
            keyword = ""
            if before.endswith(("=", ":")) and not before.endswith(("==", "!=", "<=", ">=")):
                found = _IDENTIFIER_BEFORE.search(before[:-1])
                keyword = found.group(1) if found else ""
                if keyword in keywords and depth <= 1:
                    yield index + 1, keyword, value
            elif depth == 0 and position <= 1 and (before == "" or before.endswith(",")):
                yield index + 1, "", value
            index = close + 1
            continue
        index += 1


def _string_end(text: str, quote_at: int, end: int) -> int:
    """Offset of the quote closing the string opened at `quote_at`, or -1."""
    quote = text[quote_at]
    index = quote_at + 1
    while index < end:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == quote:
            return index
        if char == "\n" and quote != "`":
            return -1
        index += 1
    return -1


def _config_models(file: ScannedFile, signatures: Signatures, text: str,
                   positions: Positions) -> Iterator[Use]:
    """`model: org/name` and its kin in YAML, JSON and TOML: configuration a loading call
    reads. Lower confidence than a call in code, and no provider: the key alone says less."""
    if not any(key in text for key in signatures.model_keys):
        return
    for match in signatures.model_key_finder.finditer(text):
        if match.start() and text[match.start() - 1] in _WORD_CHARS:
            continue  # `my_model: x` is not the key `model`
        model = hub_id(match.group("id"))
        if model is None:
            continue
        line, column = positions.at(match.start("id"))
        # No provider: under a configuration key, `openai/gpt-4o` may as well be a gateway's
        # provider/model route (LiteLLM's) as a hub repository.
        yield Use(file.path, line, column, Kind.HUB_MODEL, model, f"{match.group('key')}: {model}",
                  Confidence.LOW, model=model)
