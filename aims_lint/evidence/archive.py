"""The manifest and the zip, written so that the same inputs always give the same bytes.

Entries are sorted; every entry gets the commit's date (in UTC) as its
timestamp, the same permissions (0644), the same "made on Unix" marker and
the same compression level; nothing records the wall clock, the machine or
the user. The manifest lists the SHA-256 of every other file in the bundle,
except its own signature (`manifest.json.sig`), which signs the manifest.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aims_lint.atomic import write_output

MANIFEST = "manifest.json"
SIGNATURE_FILE = "manifest.json.sig"  # the SSH signature of the manifest, in signed bundles only
SIGNATURE = "aims-lint evidence bundle"  # how every bundle's manifest `format` starts
_FILE_MODE = 0o100644
_UNIX = 3
_DOS_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def manifest(files: dict[str, bytes], header: dict[str, Any]) -> bytes:
    listing = [
        {"path": name, "sha256": hashlib.sha256(files[name]).hexdigest(), "bytes": len(files[name])}
        for name in sorted(files)
    ]
    return (json.dumps({**header, "files": listing}, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_zip(out: Path, files: dict[str, bytes], when: datetime, *, force: bool = False) -> None:
    """Write atomically (a reader never sees half a bundle), over an earlier bundle only."""
    stamp = _stamp(when)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = _FILE_MODE << 16
            info.create_system = _UNIX
            archive.writestr(info, files[name], compresslevel=9)
    write_output(out, buffer.getvalue(), ours=is_bundle, force=force)


def is_bundle(data: bytes) -> bool:
    """Whether `data` is an evidence bundle: a zip whose manifest says it is one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            header = json.loads(archive.read(MANIFEST))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, RuntimeError):
        return False
    return isinstance(header, dict) and str(header.get("format", "")).startswith(SIGNATURE)


def _stamp(when: datetime) -> tuple[int, int, int, int, int, int]:
    utc = when.astimezone(UTC)
    stamp = (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
    return max(stamp, _DOS_EPOCH)
