"""Where a Markdown text's code blocks and headings are: the one Markdown block parser we call.

`adopt` takes a title from the first heading outside code, and the site's
guide pages rewrite links outside code. Both ask this module, and this module
asks markdown-it-py (a maintained CommonMark parser, installed with rich),
instead of scanning for fences by hand: fence lengths, tildes, a closing line
that carries text (which closes nothing), fences inside list items, indented
code blocks and a fence left open to the end of the text are the parser's job.

Line numbers are 0-based and count lines as CommonMark does: a line ends at
LF, CRLF or CR, never at U+2028 or the like.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_CODE = frozenset({"fence", "code_block"})


@cache
def _parser() -> MarkdownIt:
    # CommonMark exactly: the guides and the adopted files are plain Markdown, and the
    # extensions a site may enable do not change where a fence or a heading is.
    return MarkdownIt("commonmark")


def blocks(text: str) -> list[Token]:
    """The text's block tokens, in order; headings and paragraphs carry their inline children."""
    return _parser().parse(text)


@cache
def _block_parser() -> MarkdownIt:
    # Blocks only: inline parsing is most of the cost, and the body rules need it only for
    # the few blocks that may hold a placeholder (see `inline`).
    return MarkdownIt("commonmark").disable("inline")


def outline(text: str) -> list[Token]:
    """The text's block tokens without inline parsing: an inline token's `content` is its
    source text, and it has no children (`inline` parses one when needed)."""
    return _block_parser().parse(text)


def inline(text: str) -> list[Token]:
    """The inline children of one block's source text (code spans, emphasis, links, text)."""
    found = _parser().parseInline(text)
    return (found[0].children or []) if found else []


def code_lines(text: str) -> frozenset[int]:
    """The lines inside code blocks, fenced or indented, their fence lines included."""
    lines: set[int] = set()
    for token in blocks(text):
        if token.type in _CODE and token.map:
            lines.update(range(*token.map))
    return frozenset(lines)


def first_heading(text: str) -> str | None:
    """The source text of the first top-level heading (ATX `# Title` or setext) with any text.

    A heading inside a block quote or a list item is not a title, and one inside
    code is not a heading at all.
    """
    tokens = blocks(text)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0 and tokens[index + 1].content.strip():
            return tokens[index + 1].content
    return None


@dataclass(frozen=True)
class Section:
    """A heading and the text under it, down to the next heading of the same or a higher level.

    `blocks` is the inline text of every paragraph, list item, heading (of the
    subsections, too) and table row under the heading, one entry per block;
    code and raw HTML are left out, since ids there are examples, not statements.
    """

    heading: str
    level: int  # 1 for `#`, 2 for `##`, ...
    line: int  # 0-based line of the heading
    blocks: tuple[str, ...]


def sections(text: str) -> tuple[Section, ...]:
    """Every heading outside code with the blocks under it, in document order."""
    tokens = blocks(text)
    heads = [
        (index, int(token.tag[1:]), token.map[0] if token.map else 0)
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    found = []
    for position, (index, level, line) in enumerate(heads):
        end = next((i for i, lv, _ in heads[position + 1 :] if lv <= level), len(tokens))
        inline = [t.content for t in tokens[index + 2 : end] if t.type == "inline" and t.content.strip()]
        found.append(Section(tokens[index + 1].content, level, line, tuple(inline)))
    return tuple(found)
