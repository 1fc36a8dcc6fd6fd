"""Front matter for an existing Markdown file, written in front of its unchanged bytes.

`aims-lint adopt` (aims_lint/commands/adopt.py) decides what to say; this
module decides what to write. The new file is the old one with a header
spliced in after the byte-order mark, if any: every byte of the body stays
where it was, in the line endings the file already uses. What the tool can
know (id, title, type, draft status, owner, today's dates) is filled in; every
other required field of the schema becomes a named placeholder (see
aims_lint/placeholders.py) so `check` lists it as a to-do.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from aims_lint import markdown_blocks
from aims_lint.doctypes import FIELD_ORDER
from aims_lint.editing import yaml_scalar
from aims_lint.frontmatter import opens_front_matter, parse
from aims_lint.placeholders import placeholder_for
from aims_lint.problem import RuleKey
from aims_lint.schemas import SchemaSet, TypeSchema


class AdoptError(Exception):
    """This file cannot be adopted; the message says why."""


@dataclass(frozen=True)
class Header:
    """The fields to write in order, and the placeholders among them."""

    fields: dict[str, str | int]
    placeholders: dict[str, str]


def has_front_matter(raw: bytes) -> bool:
    """Does the file open with a `---` fence (after a byte-order mark)? Such a file is left alone,
    even when its header is broken: that is `check`'s to report, not adopt's to overwrite."""
    return opens_front_matter(raw.decode("utf-8-sig", "replace"))


def decode(raw: bytes, max_bytes: int) -> str:
    """The file's text; a file `check` could not read either is refused."""
    if len(raw) > max_bytes:
        raise AdoptError(f"larger than the size limit of {max_bytes} bytes (max_file_bytes)")
    if b"\x00" in raw[:8192]:
        raise AdoptError("looks binary (contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AdoptError(f"is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None


def adoptable(schema: TypeSchema) -> bool:
    """Whether a file can be adopted as this type. A type whose behaviour is structured
    (the SoA's entries, the roles registry's roles) holds a list only a person can write,
    so a file in its folder is taken for the folder's other type; any other type,
    one of the organisation's own included, can be adopted."""
    semantics = schema.semantics
    return semantics is None or not semantics.structured


def guess_type(schemas: SchemaSet, rel: str) -> TypeSchema:
    """The type whose `x-aims.folders` holds the file; the deepest folder wins."""
    parent = PurePosixPath(rel).parent
    matches: list[tuple[int, str, TypeSchema]] = []
    for schema in schemas.by_type.values():
        for folder in schema.folders:
            entry = PurePosixPath(folder.strip("/"))
            if parent == entry or entry in parent.parents:
                matches.append((len(entry.parts), schema.type, schema))
    if not matches:
        raise AdoptError(f"no schema lists its folder {parent.as_posix()}/ under x-aims.folders; give --type")
    deepest = max(depth for depth, _, _ in matches)
    candidates = sorted((t, s) for d, t, s in matches if d == deepest and adoptable(s))
    if len(candidates) != 1:
        names = ", ".join(sorted({t for d, t, _ in matches if d == deepest}))
        raise AdoptError(f"its folder holds several types ({names}); give --type")
    return candidates[0][1]


def first_heading(text: str) -> str | None:
    """The text of the first heading outside code (see aims_lint/markdown_blocks.py), as a title."""
    heading = markdown_blocks.first_heading(text)
    return None if heading is None else _plain(heading)


def _plain(heading: str) -> str | None:
    """The heading as a one-line title. Control and line-breaking characters are dropped:
    they never belong in a title, and some (U+2028) are refused in front matter."""
    text = " ".join("".join(c if c.isprintable() else " " for c in heading).split())
    return text or None


def header_for(schema: TypeSchema, known: dict[str, str | int]) -> Header:
    """Known values for the fields the schema declares; a placeholder for every other required one."""
    declared = schema.declared
    required = list(schema.required)
    fields: dict[str, str | int] = {k: v for k, v in known.items() if k in declared}
    placeholders: dict[str, str] = {}
    for name in required:
        if name not in fields:
            fields[name] = placeholders[name] = placeholder_for(schema.field_schema(name))
    order = {name: i for i, name in enumerate((*FIELD_ORDER, *required))}
    ordered = dict(sorted(fields.items(), key=lambda item: order.get(item[0], len(order))))
    return Header(ordered, placeholders)


def adopted_bytes(raw: bytes, header: Header, max_bytes: int) -> bytes:
    """`raw` with the header in front of it (after its byte-order mark), checked to parse."""
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    body = raw[len(bom) :]
    newline = _line_ending(body)
    lines = ["---", *(f"{k}: {yaml_scalar(v)}" for k, v in header.fields.items()), "---"]
    head = (newline.join(lines) + newline).encode("utf-8")
    result = bom + head + body
    _verify(result, header, max_bytes)
    return result


def _line_ending(body: bytes) -> str:
    """The file's own line ending (the first one it uses), so the header matches the body."""
    match = re.search(rb"\r\n|\r|\n", body)
    return match.group().decode("ascii") if match else "\n"


def _verify(result: bytes, header: Header, max_bytes: int) -> None:
    parsed = parse(result, max_bytes=max(max_bytes, len(result)))
    header_problems = [p for p in parsed.problems if p.rule is not RuleKey.MIXED_LINE_ENDINGS]
    if header_problems:
        problem = header_problems[0]
        raise AdoptError(f"the front matter would not parse (line {problem.line}: {problem.message})")
    data: dict[str, Any] = parsed.data or {}
    if data != header.fields:
        raise AdoptError("the front matter would not read back as written")
