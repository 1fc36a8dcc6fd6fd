"""A document's body as the body rules read it: its sections, its words, its placeholders, its sentences.

The body is parsed once by the Markdown layer (`aims_lint/markdown_blocks.py`,
markdown-it-py), never scanned with patterns that imitate Markdown: what is a
heading, what is code and what is text is the parser's answer.

- A *section* starts at a heading of level 2 or deeper outside block quotes
  and lists, and runs to the next heading of the same or a higher level, so
  it includes its subsections. The level-1 heading is the title.
- *Words* are the whitespace-separated pieces of text with a letter or digit,
  in paragraphs, lists, tables and code; headings are not counted, nor is a
  block that is placeholder text (one that starts with a placeholder, such as
  the scaffold's "*Fill this in: ...*", or holds nothing else). Each distinct
  sentence counts once, in the body and in each section (case and spacing
  aside): "Covered by our process." written six times is four words, so
  filler repeated to a length does not reach it. A table's cells are
  sentences too, so a value repeated down a column counts once.
- *Placeholders* (`placeholders.BODY_PLACEHOLDER`) are looked for in text
  only: inside inline code, a code block or an HTML comment a "TODO" is
  an example or a note, not a gap in the document.
- *Sentences* are the text of each block, split after `.`, `!` or `?`,
  with spaces collapsed; they are compared with a template's.

Headings match a required section by name: case and spacing aside, a leading
number ("2." or "2.1") and a trailing parenthesis ("(A.5.4)") do not count,
so "## 2. Individuals and groups (A.5.4)" is the section "Individuals and groups".

Lines are the file's, 1-based: the body's first line is given by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from aims_lint import markdown_blocks
from aims_lint.placeholders import BODY_PLACEHOLDER

MIN_SENTENCE_WORDS = 6
"""A shorter sentence ("Approved by top management.") may well be the same in every document."""

if TYPE_CHECKING:  # only markdown_blocks imports the parser (the protected contract in pyproject.toml)
    from markdown_it.token import Token

_CODE = frozenset({"fence", "code_block"})
_LEADING_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[A-Z]\.)\s+")
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]*\)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\S*[^\W_]\S*")  # a whitespace-separated piece with a letter or digit


@dataclass(frozen=True)
class Section:
    heading: str  # the heading's text as written, without the #s
    level: int  # 2 for ##
    line: int
    words: int  # in the section and its subsections, placeholder text not counted
    placeholders: int  # placeholder blocks in the section and its subsections


@dataclass(frozen=True)
class Placeholder:
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Sentence:
    text: str  # spaces collapsed
    line: int


@dataclass(frozen=True)
class Body:
    first_line: int  # the file line of the body's first non-blank line
    words: int
    sections: tuple[Section, ...]
    placeholders: tuple[Placeholder, ...]
    texts: tuple[tuple[str, int], ...]  # each text block outside headings, and its first line

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences of six words or more; split only when asked (AIMS1004 asks when the
        document has a template), which halved the reading time of a body."""
        found: list[Sentence] = []
        for plain, start in self.texts:
            offset = 0
            for piece in _SENTENCE_END.split(plain):
                at = plain.find(piece, offset)
                offset = at + len(piece) if at >= 0 else offset
                sentence = " ".join(piece.split())
                if count_words(sentence) >= MIN_SENTENCE_WORDS:
                    found.append(Sentence(sentence, start + plain.count("\n", 0, max(at, 0))))
        return tuple(found)

    def find(self, names: tuple[str, ...]) -> Section | None:
        """The first section whose heading is one of these names (compared as `heading_key`)."""
        wanted = {heading_key(name) for name in names}
        return next((s for s in self.sections if heading_key(s.heading) in wanted), None)


def heading_key(text: str) -> str:
    """A heading as a section name: lower case, spaces collapsed, number and parenthesis dropped."""
    text = " ".join(text.split()).rstrip(":").strip()
    text = _TRAILING_PARENTHESIS.sub("", _LEADING_NUMBER.sub("", text))
    return text.casefold()


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def read_body(body: str, body_line: int) -> Body:
    """Read a body that starts on file line `body_line` (1-based)."""
    tokens = markdown_blocks.outline(body)
    lines = body.split("\n")
    first = next((i for i, text in enumerate(lines) if text.strip()), 0)
    reader = _Reader(lines, body_line)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0 and token.tag != "h1":
            reader.open_section(token, tokens[index + 1], body_line)
        elif token.type == "inline":
            reader.text(token, is_heading=index > 0 and tokens[index - 1].type == "heading_open")
        elif token.type in _CODE:
            reader.add_text(token.content)
    return Body(
        body_line + first,
        reader.words,
        tuple(reader.finished()),
        tuple(reader.placeholders),
        tuple(reader.texts),
    )


@dataclass
class _Open:
    """A section whose end is not reached yet."""

    heading: str
    level: int
    line: int
    words: int = 0
    placeholders: int = 0
    seen: set[str] = field(default_factory=set)  # the sentences counted in it


class _Reader:
    """Walks the blocks once, keeping the sections still open (a stack by level)."""

    def __init__(self, lines: list[str], body_line: int) -> None:
        self.lines = lines
        self.body_line = body_line
        self.words = 0
        self.placeholders: list[Placeholder] = []
        self.texts: list[tuple[str, int]] = []
        self._seen: set[str] = set()  # the sentences counted in the body
        self._open: list[_Open] = []  # the sections still open, by level
        self._done: list[Section] = []

    def open_section(self, token: Token, inline: Token, body_line: int) -> None:
        level = int(token.tag[1:])
        while self._open and self._open[-1].level >= level:
            self._close()
        line = body_line + (token.map[0] if token.map else 0)
        heading = _plain(markdown_blocks.inline(inline.content))[0]  # "**Inputs**" is "Inputs"
        self._open.append(_Open(" ".join(heading.split()), level, line))

    def add_words(self, count: int, placeholder: bool = False) -> None:
        self.words += count
        for section in self._open:
            section.words += count
            section.placeholders += int(placeholder)

    def add_text(self, text: str) -> None:
        """Count the words of each sentence of the text once: in the body and in each open section,
        a sentence said again (case and spacing aside) adds nothing, so filler repeated to reach a
        length counts as what it says once."""
        for piece in _SENTENCE_END.split(text):
            words = count_words(piece)
            if not words:
                continue
            key = " ".join(piece.split()).casefold()
            if key not in self._seen:
                self._seen.add(key)
                self.words += words
            for section in self._open:
                if key not in section.seen:
                    section.seen.add(key)
                    section.words += words

    def text(self, token: Token, *, is_heading: bool) -> None:
        # Most blocks hold no placeholder: their source text is counted as it is, and only
        # the others are parsed inline, to tell text from code.
        marked = BODY_PLACEHOLDER.search(token.content) is not None
        children = markdown_blocks.inline(token.content) if marked else []
        plain, real = _plain(children) if marked else (token.content, token.content)
        if marked:
            self._placeholders(token, children)
        if is_heading:
            return
        start = self.body_line + (token.map[0] if token.map else 0)
        if marked and BODY_PLACEHOLDER.search(real) and (
            BODY_PLACEHOLDER.match(real.lstrip(" *_-([")) is not None
            or count_words(BODY_PLACEHOLDER.sub(" ", real)) == 0
        ):
            self.add_words(0, placeholder=True)
        else:
            self.add_text(BODY_PLACEHOLDER.sub(" ", plain) if marked else plain)
        self.texts.append((plain, start))

    def _placeholders(self, token: Token, children: list[Token]) -> None:
        """Each placeholder in the block's text, at its line and column in the file.

        The parser gives a block's lines, not the place of each piece of text in
        them, so the n-th match of a text in the pieces (text, inline code,
        inline HTML; in order) is paired with its n-th match in the block's
        source lines; a link's address, which is no piece, comes after its text.
        The pieces in code are counted in that pairing but not reported. Should
        the source hold fewer (an escape or entity changed the text), the
        placeholder is reported at the block's first line.
        """
        pieces = [
            (child.type == "text", match.group(0))
            for child in children
            if child.type in ("text", "code_inline", "html_inline")
            for match in BODY_PLACEHOLDER.finditer(child.content)
        ]
        if not any(real for real, _ in pieces) or not token.map:
            return
        start, end = token.map
        found: dict[str, list[tuple[int, int]]] = {}
        for offset, text in enumerate(self.lines[start:end]):
            for match in BODY_PLACEHOLDER.finditer(text):
                found.setdefault(match.group(0), []).append((start + offset, match.start()))
        first = self.lines[start] if start < len(self.lines) else ""
        seen: dict[str, int] = {}
        for real, text in pieces:
            index = seen[text] = seen.get(text, -1) + 1
            places = found.get(text, [])
            line, column = places[index] if index < len(places) else (start, len(first) - len(first.lstrip()))
            if real:
                self.placeholders.append(Placeholder(text, self.body_line + line, column + 1))

    def _close(self) -> None:
        done = self._open.pop()
        self._done.append(Section(done.heading, done.level, done.line, done.words, done.placeholders))

    def finished(self) -> list[Section]:
        while self._open:
            self._close()
        return sorted(self._done, key=lambda s: s.line)


def _plain(children: list[Token]) -> tuple[str, str]:
    """(all the text, the text outside code) of a block's inline children; line breaks kept."""
    plain: list[str] = []
    real: list[str] = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            plain.append("\n")
            real.append("\n")
        elif child.type == "text":
            plain.append(child.content)
            real.append(child.content)
        elif child.type == "code_inline":
            plain.append(child.content)
            real.append(" ")
    return "".join(plain), "".join(real)
