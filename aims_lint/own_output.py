"""Recognising a file aims-lint wrote, by format, so a rerun may replace it and nothing else may.

Each report and export has a signature its own output always carries (a
first line, a last line, a JSON shape, a zip member). A file without it was
written by someone else (or is a document: `--out policies/roles.md`), and
`aims_lint.atomic.write_output` refuses to replace it unless `--force`.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from typing import Any

Signature = Callable[[bytes], bool]

_CHECKED = re.compile(r"\d+ document\(s\) checked: \d+ error\(s\), \d+ warning\(s\)(, \d+ suppressed)?")
_SCANNED = re.compile(
    r"\d+ file\(s\) scanned in \d+ path\(s\): \d+ use\(s\) of AI, \d+ error\(s\), \d+ warning\(s\)"
    r"(, \d+ suppressed)?"
)
_REVIEW_LINE = re.compile(r"\S.*: \S+ (overdue|due soon) \S+ \(.*\), owner .*")
_CSV_HEADER = b"control,title,applicable,reasons,justification,implementation,implemented_by"


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except ValueError:
        return None


def _lines(data: bytes) -> list[str]:
    text = _text(data)
    return [line for line in (text or "").splitlines() if line.strip()]


def check_text(data: bytes) -> bool:
    lines = _lines(data)
    return bool(lines) and _CHECKED.fullmatch(lines[-1]) is not None


def discover_text(data: bytes) -> bool:
    lines = _lines(data)
    return bool(lines) and _SCANNED.fullmatch(lines[-1]) is not None


def discover_json(data: bytes) -> bool:
    value = _json(data)
    return isinstance(value, dict) and {"today", "scanned", "findings"} <= set(value)


def check_github(data: bytes) -> bool:
    lines = _lines(data)
    return bool(lines) and all(line.startswith("::") for line in lines)


def check_json(data: bytes) -> bool:
    value = _json(data)
    return isinstance(value, dict) and {"today", "summary", "findings"} <= set(value)


def check_sarif(data: bytes) -> bool:
    value = _json(data)
    try:
        return value["runs"][0]["tool"]["driver"]["name"] == "aims-lint"  # type: ignore[no-any-return]
    except (TypeError, KeyError, IndexError):
        return False


def check_markdown(data: bytes) -> bool:
    return (_text(data) or "").startswith("## aims-lint: ")


def readiness_text(data: bytes) -> bool:
    return (_text(data) or "").startswith("Certification readiness against ")


def readiness_markdown(data: bytes) -> bool:
    return (_text(data) or "").startswith("# Certification readiness\n")


def readiness_json(data: bytes) -> bool:
    value = _json(data)
    keys = {"clauses", "controls", "summary", "documented_information"}
    return isinstance(value, dict) and keys <= set(value)


def reviews_text(data: bytes) -> bool:
    lines = _lines(data)
    if len(lines) == 1 and lines[0].startswith("No review overdue or due within "):
        return True
    return bool(lines) and all(_REVIEW_LINE.fullmatch(line) for line in lines)


def reviews_json(data: bytes) -> bool:
    value = _json(data)
    keys = {"today", "due_soon_days", "overdue", "due_soon", "pending"}
    return isinstance(value, dict) and keys <= set(value)


def reviews_issue(data: bytes) -> bool:
    from aims_lint.report.reviews import MARKER

    return (_text(data) or "").startswith(MARKER)


def soa_csv(data: bytes) -> bool:
    return data.removeprefix(b"\xef\xbb\xbf").split(b"\r\n", 1)[0].split(b"\n", 1)[0] == _CSV_HEADER


def soa_xlsx(data: bytes) -> bool:
    """A workbook whose sheet carries the SoA's title (openpyxl writes it into workbook.xml)."""
    from aims_lint.export.spreadsheet import SHEET_TITLE

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return False
    return f'name="{SHEET_TITLE}"' in workbook


def soa_oscal(data: bytes) -> bool:
    from aims_lint.export.oscal import NS

    value = _json(data)
    plan = value.get("system-security-plan") if isinstance(value, dict) else None
    return isinstance(plan, dict) and NS in json.dumps(plan)


def json_schema(data: bytes) -> bool:
    """A schema `aims-lint schema` exported: a JSON object with the `x-aims` extension."""
    value = _json(data)
    return isinstance(value, dict) and "x-aims" in value


CHECK: dict[str, Signature] = {
    "text": check_text, "github": check_github, "json": check_json, "sarif": check_sarif,
    "markdown": check_markdown,
}
DISCOVER: dict[str, Signature] = {"text": discover_text, "json": discover_json, "sarif": check_sarif}
READINESS: dict[str, Signature] = {
    "text": readiness_text, "markdown": readiness_markdown, "json": readiness_json,
}
REVIEWS: dict[str, Signature] = {"text": reviews_text, "json": reviews_json, "issue": reviews_issue}
SOA: dict[str, Signature] = {"csv": soa_csv, "xlsx": soa_xlsx, "oscal": soa_oscal}
