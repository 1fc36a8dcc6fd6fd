"""One SoA per certifiable framework: the skeleton, and a 27001 SoA beside the 42001 one."""

from __future__ import annotations

from aims_lint.export.soa_skeleton import skeleton
from tests.conftest import PROJECT


def test_the_42001_skeleton_is_the_one_init_writes() -> None:
    packaged = PROJECT / "aims_lint" / "data" / "init" / "policies" / "statement-of-applicability.md"
    assert skeleton("iso42001") == packaged.read_text(encoding="utf-8")


def test_the_skeleton_lists_each_control_once_under_its_heading() -> None:
    text = skeleton("iso42001")
    assert text.count("  - control: ") == 38
    assert "  # A.6 AI system life cycle\n  - control: A.6.1.2  #" in text
    assert "same_as" not in text and "framework:" not in text
