"""Changing one setting in an existing configuration file, leaving every other byte as it was.

`init --force --frameworks ...` on a repository that is already configured must
make `frameworks` what was asked, but a configuration holds decisions
(suppressions with their reasons, `operating_since`, comments saying why) that
no command may rewrite. So only the lines of that one key change: its
`key = value` (an array may run over several lines) is replaced, or added at
the top of the table when it is missing. A comment after a one-line value is
kept; comments inside a value that runs over several lines cannot be placed in
the new one, so such a value is refused (ConfigEditError) rather than rewritten
without them. The result is parsed again and
compared, every other setting equal, before it replaces the file atomically;
anything unexpected (a key set in an inline table, a file that no longer parses)
is a ConfigEditError and the file is left as it was.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from aims_lint.atomic import write_atomic
from aims_lint.config import CONFIG_FILE, TOOL_TABLE


class ConfigEditError(Exception):
    """The setting cannot be changed safely; the file is untouched."""


def configuration_file(root: Path) -> tuple[Path, str] | None:
    """The file the settings of `root` are read from and its table ("" for the top level), as
    config.py reads them: `aims-lint.toml`, else `[tool.aims_lint]` of pyproject.toml."""
    own = root / CONFIG_FILE
    if own.is_file():
        return own, ""
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            tool = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        if isinstance(tool, dict) and TOOL_TABLE in tool:
            return pyproject, f"tool.{TOOL_TABLE}"
    return None


def set_list(path: Path, table: str, key: str, values: list[str]) -> bool:
    """Make `key` in `table` of the TOML file `path` the array `values`; True when the file changed."""
    try:
        text = path.read_text(encoding="utf-8")
        before = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigEditError(f"{path.name}: cannot read it: {exc}") from None
    if _table(before, table).get(key) == values:
        return False
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    written = f"{key} = {json.dumps(values)}{newline}"  # a TOML array of strings reads as JSON's
    start, end = _span(lines, table, key)
    if start is None:
        lines.insert(_first_line_of(lines, table), written)
    else:
        comments = [c for c in (_comment(line) for line in lines[start:end]) if c]
        if end - start > 1 and comments:
            raise ConfigEditError(
                f"{path.name}: `{key}` runs over several lines with comments inside it, which a rewrite "
                f"would drop; edit it by hand (the file is unchanged)")
        if comments:  # a one-line value's trailing comment stays on it
            written = f"{key} = {json.dumps(values)}  {comments[0]}{newline}"
        lines[start:end] = [written]
    after_text = "".join(lines)
    try:
        after = tomllib.loads(after_text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigEditError(
            f"{path.name}: changing `{key}` would break it ({exc}); edit it by hand"
        ) from None
    if _plain(after) != _with(before, table, key, values):
        raise ConfigEditError(f"{path.name}: `{key}` is not written as one `{key} = [...]` line of its "
                              "table; edit it by hand")
    write_atomic(path, after_text.encode("utf-8"))
    return True


def _comment(line: str) -> str:
    """The comment on a TOML line (from `#`, outside strings, without the line break), or ""."""
    quote = ""
    escaped = False
    for n, ch in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[n:].rstrip("\r\n")
    return ""


def _table(data: dict[str, Any], table: str) -> dict[str, Any]:
    for part in table.split(".") if table else ():
        data = data.get(part, {})
    return data


def _plain(data: dict[str, Any]) -> Any:
    """A deep copy with dates as text, so two parses compare by value."""
    return json.loads(json.dumps(data, default=str))


def _with(data: dict[str, Any], table: str, key: str, values: list[str]) -> Any:
    """`data` as it should read once `key` of `table` is `values`."""
    copy = _plain(data)
    _table(copy, table)[key] = values
    return copy


def _header(line: str) -> str | None:
    stripped = line.strip()
    if not stripped.startswith("["):
        return None
    return stripped.lstrip("[").split("]", 1)[0].strip()


def _span(lines: list[str], table: str, key: str) -> tuple[int | None, int]:
    """The lines [start, end) of `key = value` in `table`, or (None, 0) when it is not there."""
    current = ""
    for number, line in enumerate(lines):
        header = _header(line)
        if header is not None:
            current = header
            continue
        if current != table or line.split("=", 1)[0].strip() != key or "=" not in line:
            continue
        for end in range(number + 1, len(lines) + 1):
            try:
                tomllib.loads("".join(lines[number:end]))
                return number, end  # the shortest run of lines that is a whole `key = value`
            except tomllib.TOMLDecodeError:
                continue
        break
    return None, 0


def _first_line_of(lines: list[str], table: str) -> int:
    """Where a key of `table` is added: after its header, or before the first header at the top level."""
    for number, line in enumerate(lines):
        header = _header(line)
        if header is None:
            continue
        if not table:
            return number
        if header == table:
            return number + 1
    return len(lines)
