"""Named placeholders: a required field that is present but still waits for a person.

`aims-lint adopt` cannot know a document's classification, the clauses it
addresses or the day a recorded event happened. Leaving such a field out would
give a bare "missing" finding; making one up would pass the check with a guess
nobody made. So the field is written with a value of the form
`"TODO: <what belongs here>"`, which parses, names the field in the file, and
which the schema stage reports as one to-do finding (AIMS108) instead of the
type or vocabulary errors the text would otherwise cause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

MARKER = "TODO:"


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(MARKER)


def placeholder_fields(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(field, what to fill in) for each top-level field still holding a placeholder, in file order."""
    for key, value in data.items():
        if isinstance(key, str) and is_placeholder(value):
            yield key, value[len(MARKER) :].strip() or "a value"


def placeholder_for(field_schema: dict[str, Any]) -> str:
    """The placeholder for a field, saying what its schema accepts."""
    return f"{MARKER} {hint(field_schema)}"


def hint(field_schema: dict[str, Any]) -> str:
    parts = [_accepts(field_schema)]
    description = field_schema.get("description")
    if isinstance(description, str) and description.strip():
        parts.append(" ".join(description.split()).rstrip("."))
    return "; ".join(p for p in parts if p) or "a value"


def _accepts(field_schema: dict[str, Any]) -> str:
    options = field_schema.get("enum")
    if isinstance(options, list) and options:
        return "one of " + ", ".join(str(o) for o in options)
    kind = field_schema.get("type")
    if field_schema.get("format") == "date":
        return "a date (YYYY-MM-DD)"
    if kind == "integer":
        low, high = field_schema.get("minimum"), field_schema.get("maximum")
        bounds = f" from {low} to {high}" if low is not None and high is not None else ""
        return f"a whole number{bounds}"
    if kind == "array":
        return "a list"
    if kind == "boolean":
        return "true or false"
    if kind == "string":
        shortest = field_schema.get("minLength")
        return f"text of at least {shortest} characters" if isinstance(shortest, int) else "text"
    return ""


# Placeholder text in a document's body (AIMS1002, AIMS1003, AIMS1005), in any case, as words of
# their own: the scaffold's "Fill this in"; TBD, TBC, TBA and XXX (three or more x), which are
# no words of English prose; TODO, except as a noun before "list", "lists", "item" or "items"
# ("the todo list in the tracker"; "to-do" is never matched); "to be defined", "determined",
# "decided", "confirmed", "agreed", "added", "written" or "completed" (optionally followed by "up",
# "in", "later" or "here"), but only where the phrase ends the clause (end of text or a
# punctuation mark follows): "Owner: to be determined." is a gap, "to be completed within five
# days" and "to be determined by the AIMS manager" are rules; and a template value `{{ ... }}`
# that was never filled in. Matched in the text of the body only, never inside code or HTML
# comments (aims_lint/body_sections.py).
BODY_PLACEHOLDER = re.compile(
    r"(?i:fill this in"
    r"|\b(?:tbd|tbc|tba|x{3,})\b"
    r"|\btodo\b(?!-)(?!\s+(?:lists?|items?)\b)"
    r"|\bto\s+be\s+(?:defined|determined|decided|confirmed|agreed|added|written|completed)"
    r"(?:\s+(?:up|in|later|here))*(?=\s*(?:$|[.,;:!?)\]]))"
    r")"
    r"|\{\{[^{}\n]*\}\}"
)
