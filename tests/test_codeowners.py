"""`aims-lint codeowners`: documents mapped to their owners' GitHub accounts, kept current."""

from __future__ import annotations

from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.commands.codeowners import BEGIN, END, HEADER
from aims_lint.model import Holder, Role
from aims_lint.roles import github_handle
from tests.conftest import PROJECT, new_repo

DAY = "2026-06-01"


def codeowners(root: Path, *args: str) -> int:
    return main(["codeowners", *args, "--today", DAY, "--root", str(root)])


def test_generates_one_line_per_document_sorted_with_a_header(tmp_path: Path) -> None:
    root = new_repo(
        tmp_path / "repo",
        {
            "procedures/risk assessment.md": (PROJECT / "tests/rules/base/policies/ai-policy.md")
            .read_text(encoding="utf-8")
            .replace("POL-001", "POL-002")
            .replace("owner: aims-manager", "owner: dpo"),
            "policies/vacant.md": (PROJECT / "tests/rules/base/policies/ai-policy.md")
            .read_text(encoding="utf-8")
            .replace("POL-001", "POL-003")
            .replace("owner: aims-manager", "owner: cfo"),
        },
    )
    assert codeowners(root) == 0
    text = (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert (
        text
        == BEGIN + "\n" + HEADER
        + "\n"
        + "\n".join(
            [
                "/schemas/ @tferreira",
                "/templates/ @tferreira",
                "/.github/ @tferreira",
                "/policies/ai-policy.md @tferreira",
                "/policies/roles.md @tferreira",
                "# policies/vacant.md: owner role 'cfo' is not in the roles registry",
                "/procedures/risk\\ assessment.md @jweber-dpo",
                END,
            ]
        )
        + "\n"
    )


def test_check_fails_after_an_owner_change_until_regenerated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_repo(tmp_path / "repo")
    assert codeowners(root, "--check") == 1
    assert "is missing" in capsys.readouterr().err
    assert codeowners(root) == 0
    assert codeowners(root, "--check") == 0
    generated = (root / ".github" / "CODEOWNERS").read_bytes()

    policy = root / "policies" / "ai-policy.md"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("owner: aims-manager", "owner: ciso"), "utf-8"
    )
    assert codeowners(root, "--check") == 1
    err = capsys.readouterr().err
    assert "-/policies/ai-policy.md @tferreira\n+/policies/ai-policy.md @praman\n" in err
    assert ".github/CODEOWNERS is out of date; run `aims-lint codeowners`" in err
    assert (root / ".github" / "CODEOWNERS").read_bytes() == generated  # --check changes nothing

    assert codeowners(root) == 0
    assert codeowners(root, "--check") == 0


def test_check_fails_when_a_role_changes_hands(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    assert codeowners(root) == 0
    roles = root / "policies" / "roles.md"
    roles.write_text(roles.read_text(encoding="utf-8").replace("github: tferreira", "github: nnew"), "utf-8")
    assert codeowners(root, "--check") == 1
    assert codeowners(root) == 0
    assert "/policies/ai-policy.md @nnew\n" in (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")


def test_out_option_writes_elsewhere(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    target = root / "docs" / "CODEOWNERS"
    assert codeowners(root, "--out", str(target)) == 0
    assert codeowners(root, "--check", "--out", str(target)) == 0
    assert not (root / ".github").exists()


@pytest.mark.parametrize(
    ("github", "handle"),
    [
        ("tferreira", "@tferreira"),
        ("@tferreira", "@tferreira"),
        ("a-b-1", "@a-b-1"),
        (None, None),
        ("two words", None),
        ("x\n* @attacker", None),
        ("-leading", None),
        ("a" * 40, None),
    ],
)
def test_only_real_github_logins_are_written(github: str | None, handle: str | None) -> None:
    role = Role(id="r", title="Role", holder=Holder(name="N", email="n@x.org", github=github))
    assert github_handle(role) == handle


def test_the_projects_codeowners_is_current() -> None:
    assert codeowners(PROJECT, "--check") == 0


OWN_LINES = "# Our own rules\n* @acme/maintainers\n/docs/ @acme/writers\n"


def test_the_adopters_own_lines_are_kept_and_the_block_is_appended_once(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo", {".github/CODEOWNERS": OWN_LINES})
    assert codeowners(root) == 0
    text = (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert text.startswith(OWN_LINES + "\n" + BEGIN + "\n") and text.endswith(END + "\n")
    assert "/policies/ai-policy.md @tferreira\n" in text
    assert codeowners(root) == 0  # a second run changes nothing
    assert (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == text
    assert codeowners(root, "--check") == 0


def test_check_compares_only_the_block(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_repo(tmp_path / "repo", {".github/CODEOWNERS": OWN_LINES})
    assert codeowners(root, "--check") == 1  # no block yet
    assert "has no '# BEGIN aims-lint codeowners' block" in capsys.readouterr().err
    assert codeowners(root) == 0
    path = root / ".github" / "CODEOWNERS"
    text = path.read_text(encoding="utf-8")
    path.write_text("/extra/ @acme/extra\n" + text + "/after/ @acme/after\n", encoding="utf-8")
    assert codeowners(root, "--check") == 0  # the adopter's lines before and after do not count
    edited = path.read_text(encoding="utf-8").replace("ai-policy.md @tferreira", "ai-policy.md @x")
    path.write_text(edited, encoding="utf-8")
    assert codeowners(root, "--check") == 1
    assert codeowners(root) == 0
    final = path.read_text(encoding="utf-8")
    assert final.startswith("/extra/ @acme/extra\n") and final.endswith(END + "\n/after/ @acme/after\n")
    assert "/policies/ai-policy.md @tferreira\n" in final


def test_an_earlier_versions_file_becomes_the_block(tmp_path: Path) -> None:
    earlier = "# Generated by `aims-lint codeowners` from each document's `owner` and the\n# old\n/x @y\n"
    root = new_repo(tmp_path / "repo", {".github/CODEOWNERS": earlier})
    assert codeowners(root) == 0
    assert (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8").startswith(BEGIN + "\n")


def test_a_broken_block_is_refused_and_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = OWN_LINES + BEGIN + "\n/x @y\n"
    root = new_repo(tmp_path / "repo", {".github/CODEOWNERS": broken})
    assert codeowners(root) == 2
    assert "must each appear once" in capsys.readouterr().err
    assert (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == broken


@pytest.mark.parametrize(
    ("out", "said"),
    [
        ("policies/ai-policy.md", "it is inside the documents folder"),
        ("schemas/policy.schema.yaml", "it is inside the schemas folder"),
        ("README.md", "it is not a CODEOWNERS file"),
    ],
)
def test_out_never_appends_the_block_to_a_document_schema_or_other_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, said: str
) -> None:
    root = new_repo(tmp_path / "repo", {"README.md": "# Our system\n"})
    target = root / out
    before = target.read_bytes()
    assert codeowners(root, "--out", str(target)) == 2
    assert said in capsys.readouterr().err
    assert target.read_bytes() == before


def test_a_codeowners_file_that_is_not_utf8_is_a_clear_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_repo(tmp_path / "repo")
    target = root / ".github" / "CODEOWNERS"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"* @owner \xff\n")
    assert codeowners(root) == 2
    assert "cannot read .github/CODEOWNERS" in capsys.readouterr().err
    assert target.read_bytes() == b"* @owner \xff\n"
