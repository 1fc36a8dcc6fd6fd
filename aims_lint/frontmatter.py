"""Bytes to front matter: split the fence, parse once, keep positions.

Nothing here raises for bad input. Every problem a file can have becomes a
`Problem` keyed by the rule it belongs to, so one broken file never stops the
run and the rule modules can document and test each problem on its own.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from aims_lint.nesting import MAX_DEPTH, structure_problem, too_deep, too_deep_despite_error
from aims_lint.problem import Problem, RuleKey
from aims_lint.unsafe_text import BIDI_CONTROLS, code_point
from aims_lint.yaml12 import DuplicateKeyError, Loaded, compose_and_load

_FENCE = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_LEADING_TAB = re.compile(r"^[ ]*\t", re.MULTILINE)
_LINE_ENDING = re.compile(r"\r\n|\r|\n")
# YAML 1.1 readers (libyaml among them) break lines at these; YAML 1.2, editors and
# `git diff` do not, so every line number after one would be off by one.
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")


@dataclass
class ParsedFile:
    """What the parser learned about one file: data and node tree, or problems."""

    data: dict[str, Any] | None = None
    root: yaml.Node | None = None
    line_offset: int = 1  # lines before the first front-matter line
    body: str = ""
    body_line: int = 1  # 1-based line where the body starts
    problems: list[Problem] = field(default_factory=list)

    def problem(self, rule: RuleKey, line: int, column: int, message: str) -> ParsedFile:
        self.problems.append(Problem(rule, message, line, column))
        return self


def parse(raw: bytes, *, max_bytes: int) -> ParsedFile:
    """Parse one file's bytes. Never raises for bad input."""
    result = ParsedFile()
    if len(raw) > max_bytes:
        # Only max_bytes + 1 bytes are read, so the real size is unknown here.
        return result.problem(
            RuleKey.FILE_TOO_LARGE, 1, 1, f"file exceeds the size limit of {max_bytes} bytes (max_file_bytes)"
        )
    if not raw.removeprefix(codecs.BOM_UTF8).strip():
        return result.problem(RuleKey.EMPTY_FILE, 1, 1, "file is empty; expected front matter")
    if b"\x00" in raw[:8192]:
        return result.problem(RuleKey.BINARY_FILE, 1, 1, "file looks binary (contains NUL bytes)")
    text = _decode(raw, result)
    if text is None:
        return result
    return _split_and_load(_normalise_newlines(text, result), result)


def _decode(raw: bytes, result: ParsedFile) -> str | None:
    try:
        return raw.decode("utf-8-sig")  # a BOM is tolerated and dropped
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters, as the YAML parser's do; the bytes before the
        # first bad one on this line are valid UTF-8 (a leading BOM is not counted).
        column = len(raw[line_start : exc.start].decode("utf-8-sig")) + 1
        result.problem(RuleKey.NOT_UTF8, line, column, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8")
        return None


def _normalise_newlines(text: str, result: ParsedFile) -> str:
    if "\r" not in text:
        return text
    crlf = text.count("\r\n")
    if (crlf and crlf != text.count("\n")) or text.replace("\r\n", "").count("\r"):
        line = _first_odd_line_ending(text)
        result.problem(
            RuleKey.MIXED_LINE_ENDINGS, line, 1, "line endings are mixed; use LF or CRLF throughout"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_odd_line_ending(text: str) -> int:
    # The n-th line ending ends line n (a lone CR counts, as it does once normalised).
    endings = _LINE_ENDING.findall(text)
    usual = "\r\n" if endings.count("\r\n") * 2 >= len(endings) else "\n"
    return next((n for n, ending in enumerate(endings, start=1) if ending != usual), 1)


@dataclass(frozen=True)
class Fences:
    """Where the front matter of a text is: offsets into that same text."""

    start: int  # the first character of the header (the line after the opening fence)
    end: int  # the start of the closing fence line; the header is text[start:end]
    body: int  # the first character after the closing fence line
    close_line: int  # 0-based line number of the closing fence


class FenceError(ValueError):
    """The text has no front matter to split; `rule` is the finding's key."""

    def __init__(self, rule: RuleKey, message: str) -> None:
        super().__init__(message)
        self.rule = rule


def opens_front_matter(text: str) -> bool:
    """Does the text's first line open front matter? True even when it is never closed.

    The first line ends where `parse` ends it (LF, CRLF or a lone CR), so `adopt`,
    which leaves such a file alone, and `check` agree on which files have a header.
    """
    return bool(_FENCE.fullmatch(_LINE_ENDING.split(text, maxsplit=1)[0]))


def split_fences(text: str) -> Fences:
    """The one place that finds the front-matter fences; linter, editor and templates share it.

    The opening line is `---` and the closing one `---` or `...`, each with
    optional trailing blanks; a line may end in CRLF (the editor splits raw text).
    """
    lines = text.split("\n")
    if not _FENCE.fullmatch(lines[0].removesuffix("\r")):
        raise FenceError(RuleKey.NO_FRONT_MATTER, "file does not start with a '---' front-matter fence")
    start = offset = len(lines[0]) + 1
    for number, line in enumerate(lines[1:], start=1):
        if _CLOSE.fullmatch(line.removesuffix("\r")):
            return Fences(start, offset, min(offset + len(line) + 1, len(text)), number)
        offset += len(line) + 1
    raise FenceError(RuleKey.UNCLOSED_FRONT_MATTER, "front matter opened on line 1 is never closed by '---'")


def _split_and_load(text: str, result: ParsedFile) -> ParsedFile:
    try:
        fences = split_fences(text)
    except FenceError as exc:
        return result.problem(exc.rule, 1, 1, str(exc))
    header = text[fences.start : fences.end]
    result.body = text[fences.body :]
    result.body_line = fences.close_line + 2
    tab = _LEADING_TAB.search(header)
    if tab:
        line = header.count("\n", 0, tab.start()) + 2
        column = tab.end() - (header.rfind("\n", 0, tab.start()) + 1)
        return result.problem(
            RuleKey.TAB_INDENTATION, line, column, "tab used for indentation; YAML allows only spaces"
        )
    _raw_bidi(header, result)
    odd = _ODD_BREAK.search(header)
    if odd:
        line, column = _position(header, odd.start(), result.line_offset)
        code = ord(odd.group())
        message = (
            f"U+{code:04X} in front matter: YAML readers disagree on whether it breaks the line; "
            f'remove it (or write it escaped, "\\u{code:04x}", in a double-quoted string)'
        )
        return result.problem(RuleKey.YAML_SYNTAX_ERROR, line, column, message)
    return _load_yaml(header, result)


def _raw_bidi(header: str, result: ParsedFile) -> None:
    """Each bidi control written as such anywhere in the front matter, comments included."""
    for found in BIDI_CONTROLS.finditer(header):
        line, column = _position(header, found.start(), result.line_offset)
        message = (
            f"bidi control character {code_point(found.group())} in front matter: it makes the "
            "text show in another order than it is read; remove it"
        )
        result.problem(RuleKey.BIDI_CONTROL, line, column, message)


def _escaped_bidi(header: str, root: yaml.Node, result: ParsedFile) -> None:
    """Bidi controls written as escapes ("\u202e"): the source looks clean, the value is not."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode):
            found = BIDI_CONTROLS.search(node.value)
            written = header[node.start_mark.index : node.end_mark.index]
            if found and not BIDI_CONTROLS.search(written):
                mark = node.start_mark
                message = (
                    f"bidi control character {code_point(found.group())} (written as an escape) in "
                    "a front-matter value: it makes the value show in another order than it is read"
                )
                line = mark.line + 1 + result.line_offset
                result.problem(RuleKey.BIDI_CONTROL, line, mark.column + 1, message)


def _position(header: str, index: int, offset: int) -> tuple[int, int]:
    """1-based (line, column) in the file of a character index into the header."""
    line_start = header.rfind("\n", 0, index) + 1
    return header.count("\n", 0, index) + 1 + offset, index - line_start + 1


def _load_yaml(header: str, result: ParsedFile) -> ParsedFile:
    offset = result.line_offset
    try:
        deep = too_deep(header)
        loaded = Loaded(None, None) if deep is not None else compose_and_load(header)
    except (yaml.YAMLError, RecursionError) as exc:
        # The YAML library may refuse nesting itself, at a depth and place of its
        # own choosing (libyaml 0.2.6 stops at 1000 flow levels, scanning ahead).
        # The limit is decided here: nesting past MAX_DEPTH is reported as such
        # whether the library refuses it earlier, later or not at all.
        deep = too_deep_despite_error(header)
        if deep is None:
            return _refused(exc, header, result)
    if deep is not None:
        message = f"front matter is nested deeper than {MAX_DEPTH} levels"
        return result.problem(RuleKey.YAML_TOO_COMPLEX, deep[0] + 1 + offset, deep[1] + 1, message)
    root, data = loaded.root, loaded.data
    if root is not None:
        problem = structure_problem(root)
        if problem:
            message, mark = problem
            return result.problem(
                RuleKey.YAML_TOO_COMPLEX, mark.line + 1 + offset, mark.column + 1, message
            )
    for odd in loaded.odd_keys:
        result.problem(odd.rule, odd.mark.line + 1 + offset, odd.mark.column + 1, odd.message)
    if root is not None:
        _escaped_bidi(header, root, result)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}, not a mapping"
        return result.problem(
            RuleKey.FRONT_MATTER_NOT_MAPPING,
            1 + offset,
            1,
            f"front matter is {kind}; expected key: value pairs",
        )
    result.data = data
    result.root = root
    return result


def _refused(exc: BaseException, header: str, result: ParsedFile) -> ParsedFile:
    """The finding for front matter the YAML reader refused."""
    offset = result.line_offset
    if isinstance(exc, DuplicateKeyError):
        mark, first = exc.problem_mark, exc.context_mark
        assert mark is not None and first is not None  # DuplicateKeyError always carries both
        message = f"{exc.problem} (first defined on line {first.line + 1 + offset})"
        return result.problem(RuleKey.DUPLICATE_KEY, mark.line + 1 + offset, mark.column + 1, message)
    if isinstance(exc, yaml.reader.ReaderError):  # it says where, not on which line
        line, column = _position(header, min(exc.position, len(header)), offset)
        message = f"character U+{exc.character:04X} is not allowed in YAML ({exc.reason})"
        return result.problem(RuleKey.YAML_SYNTAX_ERROR, line, column, message)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1 + offset, mark.column + 1) if mark else (1 + offset, 1)
        return result.problem(RuleKey.YAML_SYNTAX_ERROR, line, column, _yaml_message(exc))
    if isinstance(exc, RecursionError):
        return result.problem(
            RuleKey.YAML_TOO_COMPLEX, 1 + offset, 1, "front matter is nested too deeply to read"
        )
    return result.problem(RuleKey.YAML_SYNTAX_ERROR, 1 + offset, 1, str(exc))


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "YAML syntax error: " + ("; ".join(parts) if parts else "could not parse")
