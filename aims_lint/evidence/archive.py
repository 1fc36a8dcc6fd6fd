"""The manifest and the zip, written so that the same inputs always give the same bytes.

Entries are sorted; every entry gets the commit's date (in UTC) as its
timestamp, the same permissions (0644), the same "made on Unix" marker and
the same compression level; nothing records the wall clock, the machine or
the user. The manifest lists the SHA-256 of every other file in the bundle.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
_FILE_MODE = 0o100644
_UNIX = 3
_DOS_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def manifest(files: dict[str, bytes], header: dict[str, Any]) -> bytes:
    listing = [
        {"path": name, "sha256": hashlib.sha256(files[name]).hexdigest(), "bytes": len(files[name])}
        for name in sorted(files)
    ]
    return (json.dumps({**header, "files": listing}, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_zip(out: Path, files: dict[str, bytes], when: datetime) -> None:
    """Write atomically: a reader never sees half a bundle."""
    stamp = _stamp(when)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = _FILE_MODE << 16
            info.create_system = _UNIX
            archive.writestr(info, files[name], compresslevel=9)
    os.replace(partial, out)


def _stamp(when: datetime) -> tuple[int, int, int, int, int, int]:
    utc = when.astimezone(UTC)
    stamp = (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
    return max(stamp, _DOS_EPOCH)
