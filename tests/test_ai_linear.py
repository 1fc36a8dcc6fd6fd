"""Hostile inputs within discover.max_file_bytes stay linear: a deeply nested pom.xml and a
code file of loading calls that never close. Both once took minutes at full size (the pom's
parser copied its stack per end tag; each call's arguments were read 2,000 characters on).
The sizes here took 15 s and 25 s before the fix; the bound is loose for a loaded machine."""

from __future__ import annotations

import time
from pathlib import Path

from aims_lint.ai_usage.evidence import Kind, Use
from aims_lint.ai_usage.run import discover
from aims_lint.config import Settings

TODAY = __import__("datetime").date(2026, 12, 2)
DEPENDENCY = "<dependency><groupId>com.openai</groupId><artifactId>openai-java</artifactId></dependency>"


def _found(tmp_path: Path, files: dict[str, str]) -> tuple[list[Use], float]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    started = time.perf_counter()
    discovery, _ = discover(Settings(root=tmp_path), ["."], TODAY, cwd=tmp_path)
    return list(discovery.uses), time.perf_counter() - started


def test_a_deeply_nested_pom_is_read_in_linear_time(tmp_path: Path) -> None:
    depth = 200_000
    pom = f"<project><dependencies>{'<a>' * depth}{'</a>' * depth}{DEPENDENCY}</dependencies></project>"
    uses, took = _found(tmp_path, {"pom.xml": pom})
    assert [(u.kind, u.name) for u in uses] == [(Kind.DEPENDENCY, "com.openai:openai-java")]
    assert took < 3, took


def test_loading_calls_that_never_close_are_read_in_linear_time(tmp_path: Path) -> None:
    code = "from_pretrained(" * 100_000 + "\nAutoModel.from_pretrained('acme/summariser')\n"
    uses, took = _found(tmp_path, {"m.py": code})
    assert [u.model for u in uses if u.kind is Kind.HUB_MODEL] == ["acme/summariser"]
    assert took < 3, took
