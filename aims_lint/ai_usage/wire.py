"""A small reader of the protobuf wire format, for telling ONNX and Core ML files by structure.

Neither format has magic bytes: a file is an `.onnx` model when its first fields decode as an
ONNX `ModelProto`, an `.mlmodel` when they decode as a Core ML `Model`. We decode those fields
by hand rather than with the `onnx` or `coremltools` packages: `onnx` is a test dependency only
(heavy, with a native extension), `coremltools` is not installed at all, and both parse the
whole message, while discovery reads only the first bytes of a file (`Scanner.head_bytes`).
Only the wire format is needed: varints and length-delimited fields, every length checked
against the bytes at hand, so bad bytes end the reading and never raise.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

VARINT, FIXED64, LENGTH, START_GROUP, END_GROUP, FIXED32 = 0, 1, 2, 3, 4, 5
_MAX_VARINT_BYTES = 10  # a 64-bit varint takes at most ten bytes


class WireError(ValueError):
    """The bytes are not protobuf wire format (or not the message we expected)."""


@dataclass(frozen=True)
class Field:
    number: int
    wire_type: int
    value: int  # the varint or fixed value; for LENGTH, the declared length
    start: int  # offset of the payload (LENGTH) in the buffer
    # Whether the whole payload of a LENGTH field lies inside the buffer (it may continue
    # past the head that was read).
    complete: bool = True

    def payload(self, data: bytes) -> bytes:
        return data[self.start : self.start + self.value]


def varint(data: bytes, pos: int) -> tuple[int, int]:
    """The varint at `pos` and the position after it; WireError when cut off or too long."""
    result = shift = 0
    for i in range(_MAX_VARINT_BYTES):
        if pos + i >= len(data):
            raise WireError("varint cut off")
        byte = data[pos + i]
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos + i + 1
        shift += 7
    raise WireError("varint longer than ten bytes")


def fields(data: bytes, *, total: int | None = None) -> Iterator[Field]:
    """The fields of one message, in file order.

    `total` is the message's real length when `data` is only its head: a length-delimited field
    may then run past the end of `data` (marked incomplete, and the reading stops there), but
    never past `total`. Groups (deprecated, used by neither format) are refused.
    """
    end = len(data) if total is None else total
    pos = 0
    while pos < len(data):
        try:
            key, pos = varint(data, pos)
            number, wire_type = key >> 3, key & 7
            value = 0
            if wire_type in (VARINT, LENGTH):
                value, pos = varint(data, pos)
        except WireError:
            if len(data) < end and pos + 2 * _MAX_VARINT_BYTES >= len(data):
                return  # the head ends inside a key or a varint: the rest was not read
            raise
        if number == 0:
            raise WireError("field number 0")
        if wire_type == VARINT:
            yield Field(number, wire_type, value, pos)
        elif wire_type in (FIXED64, FIXED32):
            width = 8 if wire_type == FIXED64 else 4
            if pos + width > len(data):
                if pos + width > end:
                    raise WireError("fixed-width field cut off")
                return
            yield Field(number, wire_type, int.from_bytes(data[pos : pos + width], "little"), pos)
            pos += width
        elif wire_type == LENGTH:
            length = value
            if pos + length > end:
                raise WireError(f"field {number} claims {length} bytes, past the end")
            complete = pos + length <= len(data)
            yield Field(number, wire_type, length, pos, complete)
            if not complete:
                return
            pos += length
        else:
            raise WireError(f"wire type {wire_type} of field {number}")
