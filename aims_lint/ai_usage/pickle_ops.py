"""The modules a pickle stream names, found from its opcodes alone. Nothing is ever unpickled.

Unpickling runs code, so a model file from an unknown source must never be loaded to see what
it is. `pickletools.genops` only decodes the opcodes: a `GLOBAL` opcode carries "module name"
as its argument, and a `STACK_GLOBAL` takes the module and the name from the two strings pushed
before it (often through the memo). That is enough to see that a pickle rebuilds a
scikit-learn estimator or a torch tensor. Only the head of the file is read, so the stream
usually ends mid-way; what was decoded up to there is kept.
"""

from __future__ import annotations

import pickletools
from dataclasses import dataclass

# Opcodes that push a string STACK_GLOBAL may take as a module or a name.
_STRINGS = frozenset({
    "SHORT_BINUNICODE", "BINUNICODE", "BINUNICODE8", "UNICODE", "SHORT_BINSTRING", "BINSTRING", "STRING",
})
_PUTS = frozenset({"PUT", "BINPUT", "LONG_BINPUT"})
_GETS = frozenset({"GET", "BINGET", "LONG_BINGET"})
_KEEP_STACK = frozenset({"MEMOIZE", "PROTO", "FRAME", *_PUTS})
_MAX_GLOBALS = 200  # enough to judge a file; a huge object graph names the same classes again


@dataclass(frozen=True)
class PickleScan:
    globals: tuple[str, ...]  # "module.name" in first-seen order, without repeats
    opcodes: int  # how many opcodes were decoded
    ended: bool  # whether the STOP opcode was reached
    error: str  # why decoding stopped early ("" when it did not)


def is_pickle_start(data: bytes) -> bool:
    """Whether the bytes open like a pickle: a PROTO opcode (protocol 2-5), or a protocol 0/1
    stream's usual first opcodes (a mark, a list, a dict, a global)."""
    if len(data) >= 2 and data[0] == 0x80:
        return 2 <= data[1] <= 5
    return data[:1] in (b"(", b"]", b"}", b"c")


def scan(data: bytes) -> PickleScan:
    """The globals `data` (a pickle stream, or its head) names, decoded opcode by opcode."""
    found: dict[str, None] = {}
    memo: dict[int, str | None] = {}
    recent: list[str | None] = []  # the pushed values that matter here, strings or None
    count = 0
    try:
        for opcode, arg, _pos in pickletools.genops(data):
            count += 1
            name = opcode.name
            if name == "STOP":
                return PickleScan(tuple(found), count, True, "")
            if name == "GLOBAL" or name == "INST":
                module, _, attr = str(arg).partition(" ")
                found.setdefault(f"{module}.{attr}")
                recent.append(None)
            elif name == "STACK_GLOBAL":
                if len(recent) >= 2 and recent[-2] is not None and recent[-1] is not None:
                    found.setdefault(f"{recent[-2]}.{recent[-1]}")
                recent[-2:] = [None]
            elif name in _STRINGS:
                recent.append(arg if isinstance(arg, str) else None)
            elif name == "MEMOIZE":
                memo[len(memo)] = recent[-1] if recent else None
            elif name in _PUTS and isinstance(arg, int):
                memo[arg] = recent[-1] if recent else None
            elif name in _GETS and isinstance(arg, int):
                recent.append(memo.get(arg))
            elif name not in _KEEP_STACK:
                recent.append(None)
            if len(recent) > 64:  # only the last two matter; keep the list short
                del recent[:-2]
            if len(found) >= _MAX_GLOBALS:
                break
    except Exception as error:  # genops raises ValueError and others on bytes it cannot decode
        return PickleScan(tuple(found), count, False, str(error) or type(error).__name__)
    return PickleScan(tuple(found), count, False, "")
