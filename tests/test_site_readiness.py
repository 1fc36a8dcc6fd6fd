"""The site's readiness page and dashboard give the verdict `aims-lint readiness` gives, per audience.

Real repositories (the small complete system), rendered with `aims-lint render`:
the verdict and its blockers come from the same `build_readiness` data as the
command. A blocker on a document the audience may not read keeps its code and
counts towards the verdict, which stays the whole system's, but shows neither
the document's path nor the finding's message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.readiness import WITHHELD_BLOCKER
from aims_lint.site.readiness_page import WITHHELD_BLOCKERS_NOTE
from tests.complete_aims import TODAY, complete_files
from tests.conftest import new_repo

SECRET = "records/zetaquill-contract.md"
# A confidential record with an error (an unknown owner): it blocks readiness for every reader.
SECRET_RECORD = """---
id: REC-090
title: Zetaquill contract review
type: record
record_kind: other
status: approved
owner: nobody-we-know
approver: top-management
approved_on: 2026-09-15
event_date: 2026-09-15
retention_years: 5
classification: confidential
clauses: ["8.1"]
---
# Zetaquill contract review

Confidential. The procurement lead compared the Zetaquill hosting contract
with our incident procedure and found no deadline for telling us about
incidents that touch our data; the new clause asks for notice within two
days and is agreed before the contract is renewed.
"""


def _render(root: Path, tmp_path: Path, audience: str) -> dict[str, str]:
    out = tmp_path / f"site-{audience}"
    assert main(["render", "--root", str(root), "--today", TODAY.isoformat(), "--out", str(out),
                 "--audience", audience]) == 0
    return {name: (out / name).read_text(encoding="utf-8") for name in ("readiness.md", "dashboard.md")}


def test_a_ready_system_says_so_on_both_pages(tmp_path: Path) -> None:
    pages = _render(new_repo(tmp_path / "repo", complete_files()), tmp_path, "all")
    for text in pages.values():
        assert "**READY for a Stage 1 audit.**" in text
        assert "| Code | Where | Blocker |" not in text


@pytest.mark.parametrize("audience", ["all", "internal"])
def test_the_verdict_is_the_whole_systems_and_a_withheld_blocker_shows_its_code_only(
    tmp_path: Path, audience: str
) -> None:
    root = new_repo(tmp_path / "repo", {**complete_files(), SECRET: SECRET_RECORD})
    pages = _render(root, tmp_path, audience)
    for name, text in pages.items():
        assert "**NOT READY for a Stage 1 audit: 1 blocker(s).**" in text, name
        if audience == "all":
            link = "[records/zetaquill-contract.md&#58;7](records/zetaquill-contract.md)"
            assert f"| AIMS301 | {link} |" in text, name
            assert "nobody-we-know" in text
        else:
            assert f"| AIMS301 | (withheld) | {WITHHELD_BLOCKER} |" in text, name
            assert WITHHELD_BLOCKERS_NOTE in text
            assert "zetaquill" not in text.lower() and "REC-090" not in text and "nobody" not in text
