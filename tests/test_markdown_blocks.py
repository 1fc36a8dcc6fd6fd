"""One Markdown block parser: where code is, and which heading is the first, as CommonMark says.

`adopt` (titles) and the site's guide pages (link rewriting) both ask
aims_lint/markdown_blocks.py; these cases are the ones two hand-written fence
scanners got wrong.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aims_lint.config import load_settings
from aims_lint.markdown_blocks import code_lines, first_heading, sections
from aims_lint.site.render import render_site
from tests.conftest import new_repo

TODAY = date(2026, 6, 1)
LINK = "[the readme](../README.md)"
GUIDE = "\n".join([
    f"Outside: {LINK}",  # 0
    "````md",  # 1 a four-backtick fence shows a three-backtick one
    "```",  # 2
    f"inside: {LINK}",  # 3
    "```python",  # 4 a line with an info string closes nothing
    f"inside: {LINK}",  # 5
    "```",  # 6
    "````",  # 7
    "1. A step:",  # 8
    "",  # 9
    "    ~~~",  # 10 a fence inside a list item, indented four spaces
    f"    inside: {LINK}",  # 11
    "    ~~~",  # 12
    "",  # 13
    f"Outside again: {LINK}",  # 14
    "",
])


def test_code_lines_are_the_fenced_and_indented_blocks() -> None:
    assert code_lines(GUIDE) == frozenset({*range(1, 8), 10, 11, 12})
    assert code_lines("text\n\n    indented code\n\ntext\n") == {2}
    assert code_lines("```\nnever closed\nstill code\n") == {0, 1, 2}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("````\n```\n# Inside\n```\n````\n# Outside\n", "Outside"),
        ("```python\n# comment\n```\nTitle\n=====\n", "Title"),
        ("> # Quoted\n\n## Real ##\n", "Real"),
        ("#\n\n# Second\n", "Second"),
        ("# One\u2028line\n", "One\u2028line"),  # U+2028 does not end a Markdown line
        ("Just prose.\n", None),
    ],
)
def test_the_first_heading_is_the_first_top_level_one_outside_code(text: str, title: str | None) -> None:
    assert first_heading(text) == title


def test_guide_links_are_rewritten_outside_code_only(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    (root / "docs").mkdir()
    (root / "docs" / "howto.md").write_text(GUIDE, encoding="utf-8")
    settings = load_settings(root)
    render_site(settings, TODAY, root / settings.site.source_dir)
    text = (root / settings.site.source_dir / "guide" / "howto.md").read_text(encoding="utf-8")
    # The test repository has errors (no SoA), so the site says so above the guide's own lines.
    banner, _, rest = text.partition("</div>\n\n")
    assert "Published with errors" in banner
    page = rest.split("\n")
    # No repo_url is set, so a link to a file without a page becomes its label; code shows as written.
    assert page[0] == "Outside: the readme"
    assert page[14] == "Outside again: the readme"
    assert [page[n] for n in (3, 5, 11)] == [f"inside: {LINK}"] * 2 + [f"    inside: {LINK}"]


def test_sections_hold_the_blocks_under_a_heading_down_to_the_next_of_its_level() -> None:
    text = (
        "# Report\n\nIntro.\n\n## Findings\n\n- 8.1: conforms.\n\n### By clause\n\n| 9.3 | conforms |\n\n"
        "```\n## Not a heading\n8.2 in code\n```\n\n<div>raw 8.3</div>\n\n## Conclusion\n\nDone.\n"
    )
    found = {s.heading: s for s in sections(text)}
    assert list(found) == ["Report", "Findings", "By clause", "Conclusion"]
    findings = found["Findings"]
    assert (findings.level, findings.line) == (2, 4)
    assert findings.blocks == ("8.1: conforms.", "By clause", "| 9.3 | conforms |")
    assert found["By clause"].blocks == ("| 9.3 | conforms |",)
    assert found["Report"].blocks[0] == "Intro." and found["Conclusion"].blocks == ("Done.",)
