"""A fast yes/no answer to "does this front matter satisfy its schema?", from jsonschema-rs.

jsonschema explains failures well but spends tens of microseconds on every
document, most of it on documents that turn out to be valid. Nine documents in
ten are valid, so each schema is also compiled by jsonschema-rs (a Rust
validator), which answers one question in a few microseconds: is the
instance certainly valid? `True` means jsonschema would report nothing and is
skipped; `False` only means "ask jsonschema", which then finds and explains the
errors exactly as before (and has the last word: a document it finds valid is
valid). So the answer may err towards `False`, never towards `True`.

Where the two libraries could disagree, ours decides:
- `format`: every format name is checked by jsonschema's own FormatChecker
  functions (so `2026-02-30` fails both ways, and `0000-01-01`, which
  jsonschema-rs' own `date` accepts, fails as in jsonschema), and a format that
  checker does not know is ignored by both, as jsonschema ignores it;
- `pattern`: when every pattern of the schema is plain (literals, classes of
  ASCII characters, groups, alternatives, counts, `^`, and `$` at the end),
  jsonschema-rs' own regex engine reads it as Python's `re` does, except that
  its `$` does not match before a final newline, which only makes it stricter
  (so `$` is refused under `not`, `if` and `oneOf`). Any other pattern (ECMA-262's
  `\\s`, `\\d` and `.` are not Python's) makes every pattern of that schema a
  search with Python's `re`, as jsonschema does;
- what cannot be made the same leaves the schema to jsonschema alone:
  `patternProperties` (keys matched by the Rust regex engine), a fractional
  `multipleOf` (exact decimals there, floats here), and a numeric `type` under
  `not`, `if` or `oneOf` (NaN and infinity are numbers to jsonschema only);
- an instance jsonschema-rs cannot take (a non-string key, a date object)
  raises, and jsonschema judges it.
A `$ref` reaches only the schema files passed in as `resources` (record kinds
name the common record schema so); anything else is never fetched: the
retriever refuses, and the schema is left to jsonschema.

benchmarks/bench_schema_check.py measures this against plain jsonschema and
the hand-written fast path it replaced (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import jsonschema
import jsonschema_rs

Check = Callable[[Any], bool]

# jsonschema-rs' own formats; each is given ours (or "anything goes") so none is checked its way.
_RUST_FORMATS = (
    "date", "date-time", "duration", "email", "hostname", "idn-email", "idn-hostname", "ipv4", "ipv6",
    "iri", "iri-reference", "json-pointer", "regex", "relative-json-pointer", "time", "uri",
    "uri-reference", "uri-template", "uuid",
)
# Where sibling schema files live for jsonschema-rs, so `$ref: record.schema.yaml` finds its file.
_BASE = "file:///schemas/"
# Keywords whose subschemas decide by failing: a looser answer inside them is a stricter one outside.
_NEGATING = frozenset({"not", "if", "oneOf"})


def compile_check(
    schema: Any, formats: jsonschema.FormatChecker, resources: Mapping[str, Any] | None = None
) -> Check | None:
    """A checker that returns True only for instances jsonschema finds no error in; None: use jsonschema.

    `resources` are the other schema files a `$ref` may name, by file name (`record.schema.yaml`),
    as jsonschema's registry holds them; every one is read by the same rules as `schema`.
    """
    every = [schema, *(resources or {}).values()]
    if not all(_portable(one, negated=False) for one in every):
        return None
    plain = all(_plain_patterns(one, negated=False) for one in every)
    try:
        validator = jsonschema_rs.Draft202012Validator(
            schema, validate_formats=True, formats=_formats(every, formats),
            keywords={} if plain else {"pattern": _PythonPattern}, retriever=_refuse,
            registry=jsonschema_rs.Registry([(_BASE + name, raw) for name, raw in (resources or {}).items()]),
            base_uri=_BASE + "_",
        )
    except Exception:  # anything it cannot compile, jsonschema still judges
        return None
    return _guarded(validator.is_valid)


def _guarded(is_valid: Check) -> Check:
    def check(instance: Any) -> bool:
        try:
            return is_valid(instance)
        except Exception:  # an instance it cannot take: let jsonschema judge (and explain) it
            return False

    return check


def _formats(schema: Any, checker: jsonschema.FormatChecker) -> dict[str, Check]:
    named = {value for key, value in _walk(schema) if key == "format" and isinstance(value, str)}
    return {name: _format(checker, name) for name in sorted(named | set(_RUST_FORMATS))}


def _format(checker: jsonschema.FormatChecker, name: str) -> Check:
    """FormatChecker's function for `name`, called directly: conforms() would raise and keep a FormatError
    (holding the date's ValueError and frames reaching the whole corpus) for every bad date."""
    known = checker.checkers.get(name)
    if known is None:
        return lambda _value: True  # jsonschema ignores formats it does not know
    func, raises = known

    def check(value: Any) -> bool:
        try:
            return bool(func(value))
        except raises:
            return False

    return check


class _PythonPattern:
    """`pattern` as jsonschema reads it: re.search on strings."""

    def __init__(self, _parent: Any, value: Any, _path: Any) -> None:
        self.search = re.compile(value).search

    def validate(self, instance: Any) -> None:
        if isinstance(instance, str) and self.search(instance) is None:
            raise ValueError("does not match")


def _refuse(uri: str) -> Any:
    raise ValueError(f"{uri}: references are not fetched")


def _portable(schema: Any, *, negated: bool) -> bool:
    """False when jsonschema-rs could call valid what jsonschema calls invalid (see the module docstring)."""
    if isinstance(schema, list):
        return all(_portable(item, negated=negated) for item in schema)
    if not isinstance(schema, dict):
        return True
    if "patternProperties" in schema:
        return False
    step = schema.get("multipleOf")
    if step is not None and not (isinstance(step, int) and not isinstance(step, bool)):
        return False
    if negated and (_numeric(schema.get("type")) or "$ref" in schema or "$dynamicRef" in schema):
        return False  # (a referenced schema is read as if in a positive place)
    for key, value in schema.items():
        if key in ("enum", "const", "examples", "default") or key.startswith("x-"):
            continue  # values, not subschemas
        if not _portable(value, negated=negated or key in _NEGATING):
            return False
    return True


# A pattern both engines read alike: literals, escaped punctuation, classes of ASCII characters
# (no negation, no `--`, `&&` or `~~`, which are set operations in Rust), groups, alternatives and
# one count after an atom or a group (`a*+` is possessive in Python 3.11), anchored by a leading ^.
_CHAR = r"[A-Za-z0-9 _:/,@#%=]"
_ESCAPE = r"\\[.\-\\/+*?()\[\]{}|^$]"
_CLASS_ATOM = rf"(?:{_CHAR}|\.|{_ESCAPE})"
_COUNT = r"(?:(?:[?*+]|\{[0-9]+(?:,[0-9]*)?\})\??)?"
_ATOM = rf"(?:{_CHAR}|[\-'\"!&<>;~]|{_ESCAPE}|\[(?:{_CLASS_ATOM}(?:-{_CLASS_ATOM})?)+\])"
_PLAIN = re.compile(rf"\^?(?:{_ATOM}{_COUNT}|\(\?:|\(|\){_COUNT}|\|)*", re.ASCII)


def _plain_patterns(schema: Any, *, negated: bool) -> bool:
    """True when jsonschema-rs' regex engine may read every `pattern` of the schema itself."""
    if isinstance(schema, list):
        return all(_plain_patterns(item, negated=negated) for item in schema)
    if not isinstance(schema, dict):
        return True
    pattern = schema.get("pattern")
    if pattern is not None and not _plain(pattern, negated=negated):
        return False
    return all(
        _plain_patterns(value, negated=negated or key in _NEGATING)
        for key, value in schema.items()
        if key not in ("enum", "const", "examples", "default") and not key.startswith("x-")
    )


def _plain(pattern: Any, *, negated: bool) -> bool:
    if not isinstance(pattern, str):
        return False
    body = pattern[:-1] if pattern.endswith("$") and not pattern.endswith("\\$") and not negated else pattern
    return _PLAIN.fullmatch(body) is not None


def _numeric(declared: Any) -> bool:
    types = declared if isinstance(declared, list) else [declared]
    return "number" in types or "integer" in types


def _walk(schema: Any) -> Iterator[tuple[str, Any]]:
    """Every (keyword, value) pair at any depth."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _walk(item)
