"""`aims-lint new`: next free id, dates, owner, template body; the result lints clean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aims_lint.cli import main
from aims_lint.results import Severity
from tests.complete_aims import TODAY, complete_files
from tests.conftest import PROJECT, new_repo, run_lint

PACKAGED = PROJECT / "aims_lint" / "data" / "templates"
DAY = TODAY.isoformat()

# (type, kind, expected id, expected path) in a complete management system.
CASES = [
    ("policy", None, "POL-003", "policies/data-retention-for-ai.md"),
    ("procedure", None, "PRO-004", "procedures/data-retention-for-ai.md"),
    ("record", "monitoring", "REC-013", "records/2026-data-retention-for-ai.md"),
    ("record", "nonconformity", "REC-013", "records/2026-data-retention-for-ai.md"),
    ("record", "impact-assessment", "REC-013", "records/2026-data-retention-for-ai.md"),
    ("record", "risk-assessment", "REC-013", "records/2026-data-retention-for-ai.md"),
    ("record", "internal-audit", "REC-013", "records/2026-data-retention-for-ai.md"),
    ("record", "management-review", "REC-013", "records/2026-data-retention-for-ai.md"),
    ("record", "ai-system", "REC-013", "records/data-retention-for-ai.md"),
]


@pytest.fixture
def complete(tmp_path: Path) -> Path:
    return new_repo(tmp_path / "repo", complete_files())


def new(root: Path, *args: str) -> int:
    return main(["new", *args, "--today", DAY, "--root", str(root)])


def errors(root: Path) -> list[str]:
    result = run_lint(root, TODAY, ignore=("AIMS907",))  # no git repository in these tests
    return [
        f"{f.path}:{f.line} {f.rule} {f.message}" for f in result.findings if f.severity is Severity.ERROR
    ]


def test_the_complete_system_starts_without_errors(complete: Path) -> None:
    assert errors(complete) == []


@pytest.mark.parametrize(("doc_type", "kind", "doc_id", "path"), CASES, ids=lambda v: str(v))
def test_new_document_lints_without_errors(
    complete: Path,
    capsys: pytest.CaptureFixture[str],
    doc_type: str,
    kind: str | None,
    doc_id: str,
    path: str,
) -> None:
    args = [doc_type, "Data retention for AI", "--owner", "ml-lead"] + (["--kind", kind] if kind else [])
    assert new(complete, *args) == 0
    assert capsys.readouterr().out == f"{path}\n"
    text = (complete / path).read_text(encoding="utf-8")
    assert f"\nid: {doc_id}\n" in text and "\ntitle: Data retention for AI\n" in text
    assert "\nowner: ml-lead\n" in text and "\napprover: top-management\n" in text
    assert "\n# Data retention for AI\n" in text and "{{" not in text
    found = errors(complete)
    if kind == "ai-system":
        # A new in-scope AI system needs its impact and risk assessments and a place in the
        # scope document: the findings name what to write next, and nothing else.
        assert [e.split()[1] for e in found] == ["AIMS801", "AIMS801", "AIMS877"]
        assert all(e.startswith(f"{path}:") for e in found)
    else:
        assert found == []


def test_controlled_documents_start_as_drafts_due_for_review_in_one_cycle(complete: Path) -> None:
    assert new(complete, "policy", "Acceptable use of AI assistants", "--owner", "ciso") == 0
    text = (complete / "policies" / "acceptable-use-of-ai-assistants.md").read_text(encoding="utf-8")
    for line in (
        "status: draft",
        'version: "0.1"',
        f"last_reviewed: {DAY}",
        "review_cycle_months: 12",
        "next_review: 2027-11-22",
        "classification: internal",
    ):
        assert f"\n{line}\n" in text


def test_ids_continue_after_the_highest_even_across_gaps_and_broken_files(tmp_path: Path) -> None:
    root = new_repo(
        tmp_path / "repo",
        {
            "policies/old.md": "---\nid: POL-007\ntitle: x\n---\nbroken: schema, but the id is taken\n",
        },
    )
    assert new(root, "policy", "Next one") == 0
    assert "\nid: POL-008\n" in (root / "policies" / "next-one.md").read_text(encoding="utf-8")


def test_titles_that_need_quoting_and_odd_characters(complete: Path) -> None:
    title = 'Model cards: "what" & why #1 — ünïcode'
    assert new(complete, "procedure", title, "--owner", "ml-lead") == 0
    path = complete / "procedures" / "model-cards-what-why-1-unicode.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Model cards: \\"what\\" & why #1 — ünïcode"\n' in text
    assert f"\n# {title}\n" in text
    assert errors(complete) == []


def test_never_overwrites(complete: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(complete, "policy", "Same title") == 0
    path = complete / "policies" / "same-title.md"
    before = path.read_bytes()
    capsys.readouterr()
    assert new(complete, "policy", "Same title") == 1
    assert "already exists; not overwriting it" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_the_repository_template_wins_over_the_packaged_one(complete: Path) -> None:
    template = (PACKAGED / "policy.md").read_text(encoding="utf-8")
    custom = template.replace("## Purpose", "## Purpose (Fennwick house style)")
    (complete / "templates").mkdir()
    (complete / "templates" / "policy.md").write_text(custom, encoding="utf-8")
    assert new(complete, "policy", "House style") == 0
    assert "## Purpose (Fennwick house style)" in (complete / "policies" / "house-style.md").read_text(
        "utf-8"
    )


def test_the_projects_own_templates_render_and_lint(complete: Path) -> None:
    shutil.copytree(PROJECT / "templates", complete / "templates")
    names = sorted(p.name for p in (PROJECT / "templates").glob("*.md"))
    assert names == sorted(p.name for p in PACKAGED.glob("*.md"))
    for name in names:
        kind = name.removeprefix("record-").removesuffix(".md") if name.startswith("record-") else None
        doc_type = "record" if name.startswith("record") else name.removesuffix(".md")
        args = [doc_type, f"From {name}"] + (["--kind", kind or "other"] if doc_type == "record" else [])
        assert new(complete, *args) == 0
    # a new in-scope AI system is neither assessed (AIMS801) nor in the scope document yet (AIMS877)
    found = [e for e in errors(complete) if "AIMS801" not in e and "AIMS877" not in e]
    assert found == []


def test_a_bad_template_is_a_configuration_error(complete: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (complete / "templates").mkdir()
    (complete / "templates" / "policy.md").write_text("---\nid: {{ id }}\nowner: {{ boss }}\n---\n", "utf-8")
    assert new(complete, "policy", "Bad") == 2
    assert "unknown placeholder {{ boss }}" in capsys.readouterr().err
    (complete / "templates" / "policy.md").write_text("---\nid: {{ id }}\n  bad: [\n---\n", "utf-8")
    assert new(complete, "policy", "Bad") == 2
    assert "renders to front matter that does not parse" in capsys.readouterr().err
    assert not (complete / "policies" / "bad.md").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["memo", "X"], "unknown type 'memo'"),
        (["record", "X"], "a record needs --kind"),
        (["record", "X", "--kind", "gossip"], "unknown record kind 'gossip'"),
        (["policy", "X", "--kind", "training"], "--kind applies to records only"),
        (["policy", "X", "--owner", "nobody"], "unknown role 'nobody' for --owner"),
    ],
)
def test_usage_errors(
    complete: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert new(complete, *args) == 2
    assert message in capsys.readouterr().err
