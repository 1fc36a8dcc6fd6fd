"""The header of a GGUF file (llama.cpp's model format), read by hand to its specification.

Layout: the magic `GGUF`, a uint32 version (1-3), the tensor and metadata counts (uint32 in
version 1, uint64 later), then the metadata as key/type/value triples; strings are a length
and UTF-8 bytes. All little-endian, except big-endian files, which show as a byte-swapped
version. We want only a few `general.*` keys, which writers put first, so the reading stops
at the end of the head and the tokenizer arrays that follow are never needed.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

MAGIC = b"GGUF"
_MAX_COUNT = 1 << 24  # far above any real model's tensors or keys; more is a corrupt header
_STRING, _ARRAY = 8, 9
# Value type -> struct format of one value (strings and arrays handled apart).
_FIXED = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
WANTED = ("general.name", "general.architecture", "general.version", "general.basename")


class GgufError(ValueError):
    """The header is not GGUF, or is corrupt."""


class _Short(Exception):
    """The bytes at hand end here (the head, or a truncated file)."""


@dataclass
class GgufHeader:
    version: int
    tensors: int
    keys: int
    big_endian: bool
    values: dict[str, str] = field(default_factory=dict)  # the WANTED keys found
    keys_read: int = 0  # how many metadata entries lay inside the head
    cut: bool = False  # whether the bytes ended inside the metadata


class _Reader:
    def __init__(self, data: bytes, order: str, version: int) -> None:
        self.data, self.order, self.pos = data, order, 0
        self.length_format = "I" if version == 1 else "Q"

    def take(self, fmt: str) -> int | float | bool:
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.data):
            raise _Short
        (value,) = struct.unpack_from(self.order + fmt, self.data, self.pos)
        self.pos += size
        return value  # type: ignore[no-any-return]

    def string(self, limit: int) -> bytes:
        length = int(self.take(self.length_format))
        if length > limit:
            raise GgufError(f"a string of {length} bytes in a file of {limit}")
        if self.pos + length > len(self.data):
            raise _Short
        value = self.data[self.pos : self.pos + length]
        self.pos += length
        return value

    def skip_value(self, kind: int, limit: int, depth: int = 0) -> bytes | None:
        """Skip one value of type `kind`; a string's bytes are returned."""
        if kind in _FIXED:
            self.take(_FIXED[kind])
            return None
        if kind == _STRING:
            return self.string(limit)
        if kind == _ARRAY and depth < 4:
            item = int(self.take("I"))
            count = int(self.take(self.length_format))
            if count > limit:
                raise GgufError(f"an array of {count} items in a file of {limit} bytes")
            if item in _FIXED:
                size = struct.calcsize(_FIXED[item]) * count
                if self.pos + size > len(self.data):
                    raise _Short
                self.pos += size
                return None
            for _ in range(count):
                self.skip_value(item, limit, depth + 1)
            return None
        raise GgufError(f"unknown metadata value type {kind}")


def read(data: bytes, size: int) -> GgufHeader:
    """The header in `data`, the first bytes of a file of `size` bytes; GgufError when corrupt.

    Running out of `data` inside the metadata is not an error here (`cut` says so): the caller
    knows whether `data` was the whole file.
    """
    if len(data) < 8 or data[:4] != MAGIC:
        raise GgufError("no GGUF magic bytes")
    for order in ("<", ">"):
        version = struct.unpack_from(order + "I", data, 4)[0]
        if 1 <= version <= 3:
            break
    else:
        raise GgufError(f"unknown GGUF version {struct.unpack_from('<I', data, 4)[0]}")
    reader = _Reader(data, order, version)
    reader.pos = 8
    try:
        tensors = int(reader.take(reader.length_format))
        keys = int(reader.take(reader.length_format))
    except _Short:
        raise GgufError("the header is cut off before its counts") from None
    if tensors > _MAX_COUNT or keys > _MAX_COUNT:
        raise GgufError(f"implausible counts ({tensors} tensors, {keys} metadata keys)")
    header = GgufHeader(version, tensors, keys, order == ">")
    try:
        for _ in range(keys):
            key = reader.string(size).decode("utf-8", "replace")
            kind = int(reader.take("I"))
            value = reader.skip_value(kind, size)
            header.keys_read += 1
            if key in WANTED and value is not None:
                header.values[key] = value.decode("utf-8", "replace")
    except _Short:
        header.cut = True
    return header
