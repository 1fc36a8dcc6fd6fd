"""The Done-when of issue 12: the example management system is clean and ready for a Stage 1 audit.

A fresh git copy of this repository's policies, procedures, records, schemas,
templates and configuration (`Attempt.of_example`), checked on `TODAY`: no
error finding, and `readiness` exits 0 with `"ready": true` and no blocker.
Every gaming attempt starts from this state, so when it fails they all mean
nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gaming.attempts import Attempt

pytestmark = pytest.mark.slow


def test_the_example_has_no_error_and_is_ready(tmp_path: Path) -> None:
    example = Attempt.of_example(tmp_path)
    assert example.errors() == []
    report = example.readiness()
    data = report.json()
    assert (report.code, data["ready"], data["blockers"]) == (0, True, [])
    assert data["findings"]["errors"] == 0
    # the verdict rests on the prerequisites, which the example meets in substance
    information = {i["id"]: i["state"] for i in data["documented_information"]}
    assert set(information.values()) == {"present"}
    assert all(c["covered"] for c in data["clauses"]), [c["id"] for c in data["clauses"] if not c["covered"]]


def test_the_example_without_operating_since_is_not_ready(tmp_path: Path) -> None:
    example = Attempt.of_example(tmp_path)
    example.sub("pyproject.toml", r"^operating_since = .*\n", "")
    report = example.readiness()
    assert report.code == 1
    assert [b["code"] for b in report.json()["blockers"]] == ["stage1-operating-since-unset"]
