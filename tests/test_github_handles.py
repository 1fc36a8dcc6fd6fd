"""A holder's GitHub handle is read one way: for an `Approved-by: @login` trailer and for a forge review."""

from __future__ import annotations

from pathlib import Path

import pytest

from aims_lint.history.identity import github_login
from tests.conftest import TODAY, new_repo, run_lint
from tests.test_history_repo import GitRepo, add_forge_note

# The rules that ask whether an approver is the holder (the dates of the approvals are not the point here).
WHO = {"AIMS910", "AIMS911", "AIMS921"}


def test_a_handle_compares_without_its_at_sign_spaces_or_case() -> None:
    assert {github_login(h) for h in ("mlindqvist", "@MLindqvist", " @mLindQvist ")} == {"mlindqvist"}


@pytest.mark.parametrize(("login", "trailer", "forge"), [
    ("mlindqvist", set(), set()),
    ("someone-else", {"AIMS911"}, {"AIMS921"}),  # no match at either level: the comparison is not vacuous
])
def test_the_registry_spelling_of_a_handle_counts_for_trailers_and_reviews_alike(
        tmp_path: Path, login: str, trailer: set[str], forge: set[str]) -> None:
    root = new_repo(tmp_path / "repo")
    roles = root / "policies" / "roles.md"
    text = roles.read_text(encoding="utf-8")
    assert "github: mlindqvist," in text
    roles.write_text(text.replace("github: mlindqvist,", 'github: "@MLindqvist",'), encoding="utf-8")
    repo = GitRepo(root)
    repo.commit(f"Start\n\nApproved-by: @{login}", "2026-03-02")
    add_forge_note(repo, {"pr": 1, "method": "squash", "reviews": [{"reviewer": login}]}, "2026-03-02")
    for level, expected in (("trailer", trailer), ("forge", forge)):
        found = {f.rule for f in run_lint(root, TODAY, approval_evidence=level).findings}
        assert found & WHO == expected, (level, found)
