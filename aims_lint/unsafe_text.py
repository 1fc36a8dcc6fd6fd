"""Characters that make text show as something else: bidi controls, and unsafe file names.

Bidi controls (the Unicode Bidi_Control characters) reorder what a reader sees
without changing what a program reads: `admin\u202e` shows differently in an
editor, a pull request, a terminal and the published site ("Trojan Source").
File names holding a backslash or a control character mean different paths
to different tools: Windows and many unzip programs read a backslash as a
folder separator, so `policies/..\\..\\evil.md` would climb out of the folder
an evidence bundle is unpacked into.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def code_point(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`: how a finding names an invisible character."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def file_name_problem(path: str) -> str | None:
    """Why a repository-relative file name is unsafe to show or unpack, or None."""
    for char in path:
        if char == "\\":
            return "holds a backslash, which Windows and many unzip tools read as a folder separator"
        if unicodedata.category(char) == "Cc":
            return f"holds the control character {code_point(char)}"
        if BIDI_CONTROLS.match(char):
            return f"holds the bidi control character {code_point(char)}, so it can show as another name"
    return None
