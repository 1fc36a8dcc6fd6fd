"""Schema errors to problems: one JSON Schema failure becomes one clear sentence.

jsonschema's own messages print Python reprs and whole sub-schemas; an engineer
reading a pull-request annotation needs "'status' is 'aproved'; allowed: ...",
the field, and the line. Each failure is keyed by the rule it belongs to.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any

import jsonschema

from aims_lint.positions import join_pointer
from aims_lint.problem import Problem, RuleKey
from aims_lint.schema_upgrade import predates_new_field, predates_qualified_ids


def classify(
    error: jsonschema.ValidationError, written: str | None = None, declared: Iterable[str] = (),
    behaviour: str | None = None,
    soa_framework: str | None = None,
) -> Iterator[Problem]:
    """Problems for one schema error; `written` is the failing scalar as the author typed it,
    `declared` the top-level fields the schema declares (through `$ref`), for suggestions;
    `behaviour` the type's built-in behaviour (an old SoA schema's missing fields are AIMS614's);
    `soa_framework` the framework an SoA decides on (None for any other document), whose
    catalog an entry's control is suggested from."""
    path = list(error.absolute_path)
    pointer = join_pointer(*path)
    name = _field_name(path)
    kind = error.validator
    if kind == "required":
        yield from _missing(error, path)
    elif kind in ("additionalProperties", "unevaluatedProperties"):
        # A record kind's schema closes with unevaluatedProperties: its fields come
        # through $ref, so the error's own schema does not list them; `declared` does.
        top = kind == "unevaluatedProperties" and not path
        yield from _unknown(error, path, list(declared) if top else [], behaviour)
    elif kind == "type":
        message = _wrong_type(name, error.instance, error.validator_value, written)
        yield Problem(RuleKey.WRONG_TYPE, message, pointer=pointer)
    elif kind in ("enum", "const"):
        message = _not_allowed(name, error.instance, error.validator_value, _controls(path, soa_framework))
        yield Problem(RuleKey.VALUE_NOT_ALLOWED, message, pointer=pointer)
    elif kind == "pattern" and predates_qualified_ids(kind, path, error.instance):
        message = f"{name} {_show(error.instance)} is a framework-qualified id the schema's pattern predates"
        yield Problem(RuleKey.SCHEMA_REJECTS_QUALIFIED_IDS, message, pointer=pointer,
                      schema_pattern=str(error.validator_value))
    elif kind == "pattern":
        rule = RuleKey.ID_FORMAT if path == ["id"] else RuleKey.PATTERN_MISMATCH
        message = f"{name} {_show(error.instance)} does not match the pattern {error.validator_value}"
        yield Problem(rule, message, pointer=pointer)
    elif kind == "format":
        message = f"{name} {_show(error.instance)} is not a valid date (YYYY-MM-DD)"
        yield Problem(RuleKey.INVALID_DATE, message, pointer=pointer)
    else:
        yield Problem(RuleKey.SCHEMA_VIOLATION, f"{name}: {_constraint(error)}", pointer=pointer)


def _field_name(path: list[Any]) -> str:
    if not path:
        return "front matter"
    return (
        "'" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") + "'"
    )


def _missing(error: jsonschema.ValidationError, path: list[Any]) -> Iterator[Problem]:
    """The one field this error is about.

    jsonschema raises one `required` error per missing field, each carrying the
    whole `required` list; reporting every missing field of that list for each
    error turned three missing fields into nine findings. The field is the one
    the message names; should a jsonschema release word it differently, all
    missing fields are reported and the caller drops the repeats.
    """
    present = error.instance if isinstance(error.instance, dict) else {}
    required = error.validator_value if isinstance(error.validator_value, list) else []
    missing = [field for field in required if field not in present]
    named = [field for field in missing if error.message == f"{field!r} is a required property"]
    where = f" in {_field_name(path)}" if path else ""
    for field in named or missing:
        message = f"required field '{field}' is missing{where}"
        yield Problem(RuleKey.MISSING_REQUIRED_FIELD, message, pointer=join_pointer(*path, field))


def _unknown(
    error: jsonschema.ValidationError, path: list[Any], declared: list[str], behaviour: str | None = None
) -> Iterator[Problem]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = declared or list(schema.get("properties", {}))
    patterns = schema.get("patternProperties", {})
    instance = error.instance if isinstance(error.instance, dict) else {}
    for key in instance:
        if key in known or any(re.search(p, str(key)) for p in patterns):
            continue
        if predates_new_field(behaviour, [*path, key]):
            message = f"field '{key}' is one the schema predates (several frameworks)"
            yield Problem(RuleKey.SCHEMA_REJECTS_QUALIFIED_IDS, message, pointer=join_pointer(*path, key),
                          at_key=True)
            continue
        hint = _did_you_mean(str(key), known)
        message = f"unknown field '{key}'{hint}"
        yield Problem(RuleKey.UNKNOWN_FIELD, message, pointer=join_pointer(*path, key), at_key=True)


def _wrong_type(name: str, instance: Any, expected: Any, written: str | None) -> str:
    wanted = " or ".join(expected) if isinstance(expected, list) else str(expected)
    got = _json_type(instance)
    hint = ""
    if wanted == "string" and got in ("number", "integer", "boolean"):
        # Quote what the author wrote: 1.10 was read as 1.1, but "1.10" is what they meant.
        hint = f'; quote it: "{written or _scalar_text(instance)}"'
    return f"{name} must be {_article(wanted)} {wanted}, not {_article(got)} {got} ({_show(instance)}){hint}"


def _not_allowed(name: str, instance: Any, allowed: Any, vocabulary: frozenset[str] | None = None) -> str:
    options = allowed if isinstance(allowed, list) else [allowed]
    shown = ", ".join(_show(o) for o in options)
    words = [str(o) for o in options]
    if vocabulary is not None:
        # A schema that pins an SoA entry's control to a list (both frameworks' ids, say) must not
        # suggest another framework's control: an entry decides on its own SoA's framework only.
        words = [w for w in words if w in vocabulary] or sorted(vocabulary)
    hint = _did_you_mean(str(instance), words) if isinstance(instance, str) else ""
    return f"{name} is {_show(instance)}; allowed: {shown}{hint}"


def _controls(path: list[Any], soa_framework: str | None) -> frozenset[str] | None:
    """The control ids an SoA entry's `control` may be suggested from: its SoA's framework's, bare and
    with that framework's prefix; None for any other field or document."""
    if soa_framework is None or len(path) != 3 or path[0] != "entries" or path[2] != "control":
        return None
    from aims_lint.catalog import available, load_catalog  # deferred: only such a finding needs it
    from aims_lint.catalog.frameworks import qualified

    if soa_framework not in available():
        return None
    ids = [c.id for c in load_catalog(soa_framework).controls]
    return frozenset([*ids, *(qualified(soa_framework, i) for i in ids)])


def _constraint(error: jsonschema.ValidationError) -> str:
    kind, value = error.validator, error.validator_value
    messages = {
        "minLength": f"is shorter than {value} characters",
        "maxLength": f"is longer than {value} characters",
        "minimum": f"is below the minimum {value}",
        "maximum": f"is above the maximum {value}",
        "minItems": f"needs at least {value} item(s)",
        "maxItems": f"allows at most {value} item(s)",
        "uniqueItems": "lists the same value more than once",
    }
    return messages.get(str(kind), str(error.message))


def _did_you_mean(word: str, options: list[str]) -> str:
    # A value that is the start of exactly one option is a shortened one (`iso27001` for
    # `iso27001-2022`), however close another option looks letter by letter (`iso42001`).
    started = [o for o in options if word and o.lower().startswith(word.lower()) and o != word]
    close = started if len(started) == 1 else difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "mapping"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, (dict, list)):
        return _json_type(value)
    return _scalar_text(value) if value is not None else "null"
