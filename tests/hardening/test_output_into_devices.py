"""`--output /dev/null` (or a pipe) is written into, never renamed over.

The atomic writer puts a temporary file beside the target and renames it over
the target. Over a device node that rename swaps the node for a regular file:
as root, `check --output /dev/null --force` turned the machine's /dev/null
into a file and every later `git -c ...` that read it as config failed. These
cases make their own device (a copy of the null device, made with mknod, so
the machine's own is never at risk) and their own named pipe.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from aims_lint.atomic import WriteRefused, write_atomic, write_output
from aims_lint.cli import main
from tests.browser.site_repo import TODAY, starter_repo


def _null_device(folder: Path) -> Path:
    node = folder / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the null device's numbers on Linux
    except (PermissionError, AttributeError, OSError):
        pytest.skip("making a device node needs root on Linux")
    return node


def test_a_report_written_to_a_device_leaves_the_device_in_place(tmp_path: Path) -> None:
    device = _null_device(tmp_path)
    root = starter_repo(tmp_path / "repo")
    for force in ([], ["--force"]):
        args = ["check", "--root", str(root), "--today", TODAY.isoformat(), "--output", str(device), *force]
        assert main(args) in (0, 1)
        assert stat.S_ISCHR(device.stat().st_mode), "the device node was replaced by a file"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".null.")] == []  # no temporary left


def test_output_into_a_named_pipe_reaches_its_reader(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    write_output(pipe, b"report\n", ours=lambda _: False, force=False)
    reader.join(timeout=10)
    assert got == [b"report\n"] and stat.S_ISFIFO(pipe.stat().st_mode)


def test_the_atomic_writer_refuses_to_rename_over_a_device(tmp_path: Path) -> None:
    device = _null_device(tmp_path)
    with pytest.raises(WriteRefused, match="device or a pipe"):
        write_atomic(device, b"x")
    assert stat.S_ISCHR(device.stat().st_mode)
