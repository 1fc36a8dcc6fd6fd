"""The first entries of a zip archive, read from its local file headers.

A zip's table of contents (the central directory) is at its end, but discovery reads only a
file's head, so `zipfile` cannot open it. Each entry is also preceded by a local header with its
name and sizes; walking those from the start gives the names of the first entries, and the
content of the small ones (PyTorch's `data.pkl`, Keras's `config.json`) when it is inside the
head. Every offset is checked against the bytes at hand.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

MAGIC = b"PK\x03\x04"
_HEADER = struct.Struct("<4sHHHHHIIIHH")  # signature ... name length, extra length
_STORED, _DEFLATED = 0, 8
_MAX_CONTENT = 64 * 1024  # what we inflate of one entry, however much it claims


@dataclass(frozen=True)
class Entry:
    name: str
    # The entry's bytes, when they are inside the head and stored or deflated; else None.
    content: bytes | None


def entries(data: bytes, limit: int = 64) -> Iterator[Entry]:
    """The entries whose local headers lie inside `data`, in archive order, up to `limit`."""
    pos = 0
    for _ in range(limit):
        if data[pos : pos + 4] != MAGIC or pos + _HEADER.size > len(data):
            return
        fields = _HEADER.unpack_from(data, pos)
        flags, method, compressed = fields[2], fields[3], fields[7]
        name_len, extra_len = fields[9], fields[10]
        name_start = pos + _HEADER.size
        body = name_start + name_len + extra_len
        if body > len(data):
            return
        name = data[name_start : name_start + name_len].decode("utf-8", "replace")
        # Bit 3: the sizes follow the data instead, so the next header cannot be found.
        sized = not flags & 0x08
        content = None
        if sized and body + compressed <= len(data):
            content = _content(data[body : body + compressed], method)
        yield Entry(name, content)
        if not sized:
            return
        pos = body + compressed


def _content(raw: bytes, method: int) -> bytes | None:
    if method == _STORED:
        return raw[:_MAX_CONTENT]
    if method == _DEFLATED:
        try:
            return zlib.decompressobj(-15).decompress(raw, _MAX_CONTENT)
        except zlib.error:
            return None
    return None
