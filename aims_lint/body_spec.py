"""What a document's body must hold: a schema's `x-aims.body`, read and checked.

A type (or a record kind) declares the headings its body must have and how
long it must be; the body rules (AIMS1001-AIMS1005) judge approved documents
against it. A record kind without a `body` of its own takes its type's.
`docs/documents.md` shows the shape:

    x-aims:
      body:
        min_words: 80              # the whole body, headings and placeholder text not counted
        sections:
          - heading: Inputs        # matched case-insensitively, at level ## or deeper
            aliases: [Inputs considered]
            min_words: 5           # fewer words under it counts as empty (default 1)

A malformed `body` is a configuration error naming the file and the key, as
for every other `x-aims` value: the run stops with exit 2 before any
document is judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aims_lint.config import ConfigError

_BODY_KEYS = frozenset({"min_words", "sections"})
_SECTION_KEYS = frozenset({"heading", "aliases", "min_words"})


@dataclass(frozen=True)
class BodySection:
    """A heading the body must have, and how many words under it make it more than a heading."""

    heading: str
    aliases: tuple[str, ...] = ()
    min_words: int = 1

    @property
    def names(self) -> tuple[str, ...]:
        return (self.heading, *self.aliases)


@dataclass(frozen=True)
class BodySpec:
    min_words: int = 0
    sections: tuple[BodySection, ...] = ()


def body_spec(value: Any, rel: str) -> BodySpec:
    """`x-aims.body` as a BodySpec, or ConfigError saying which part of it is wrong."""
    where = f"{rel}: x-aims.body"
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a mapping with min_words and/or sections")
    _known(value, _BODY_KEYS, where)
    sections = value.get("sections", [])
    if not isinstance(sections, list):
        raise ConfigError(f"{where}.sections must be a list of {{heading: ...}} entries")
    read = tuple(_section(entry, f"{where}.sections[{index}]") for index, entry in enumerate(sections))
    seen: dict[str, str] = {}
    for section in read:
        for name in section.names:
            key = " ".join(name.lower().split())
            if key in seen:
                raise ConfigError(f"{where}.sections: '{name}' names two sections ('{seen[key]}' too)")
            seen[key] = section.heading
    return BodySpec(_count(value, "min_words", where, 0), read)


def _section(entry: Any, where: str) -> BodySection:
    if isinstance(entry, str):  # a bare heading: `sections: [Purpose, Steps]`
        entry = {"heading": entry}
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a heading or a mapping with 'heading'")
    _known(entry, _SECTION_KEYS, where)
    heading = entry.get("heading")
    if not isinstance(heading, str) or not heading.strip():
        raise ConfigError(f"{where}.heading must be a non-empty string")
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(_text(a) for a in aliases):
        raise ConfigError(f"{where}.aliases must be a list of non-empty strings")
    names = tuple(a.strip() for a in aliases)
    return BodySection(heading.strip(), names, _count(entry, "min_words", where, 1))


def _count(mapping: dict[str, Any], key: str, where: str, default: int) -> int:
    value = mapping.get(key, default)
    # bool is an int to Python; `min_words: true` is a slip, not 1.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{where}.{key} must be a whole number, 0 or more")
    return value


def _known(mapping: dict[str, Any], keys: frozenset[str], where: str) -> None:
    unknown = sorted(str(k) for k in mapping if k not in keys)
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}'; known: {', '.join(sorted(keys))}")


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
