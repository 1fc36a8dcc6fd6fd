"""The site's inventory coverage page, rendered from a real aims repository and a real source tree.

The aims repository (a git repository in a temporary folder) configures one source repository,
`triageflow`, checked out beside it with a real requirements file and real Python code; its AI
system record names part of it in `sources` and a model whose supplier has no assessment. The
real scanners find the uses; the page must show them linked to their lines, the model's
supplier standing, and what no record registers.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from aims_lint.cli import main
from tests.conftest import PROJECT, new_repo
from tests.test_reconcile import supplier, system

TODAY = "2026-06-01"
URL = "https://git.example.test/fennwick/triageflow/blob/main"
CONFIG = f"""[tool.aims_lint]
operating_since = 2026-05-01

[tool.aims_lint.discover.repositories.triageflow]
path = "../triageflow"
url = "{URL}"
"""


@pytest.fixture
def aims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = new_repo(tmp_path / "aims", {
        "records/ai-system-chat.md": system(
            "REC-020", sources="[{repo: triageflow, path: chat}]",
            models="[{id: acme/summariser-2, version: '2.1', supplier: REC-060}]",
        ),
        "records/supplier-acme.md": supplier("REC-060", "Acme Models Ltd"),
        "../triageflow/chat/requirements.txt": "requests==2.32.3\nopenai==1.51.0\n",
        "../triageflow/chat/ml_tools/requirements.txt": "scikit-learn==1.5.2\n",
        "../triageflow/chat/app.py": (
            "from transformers import AutoModel\n\n"
            'model = AutoModel.from_pretrained("acme/summariser-2")\n'
        ),
        # Outside every record's sources: unregistered.
        "../triageflow/billing/requirements.txt": "anthropic==0.39.0\n",
    })
    (root / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    for folder in (root, tmp_path / "triageflow"):
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.test", "commit", "-q",
         "-m", "start", "--date", "2026-05-02T10:00:00Z"],
        check=True, env={"GIT_COMMITTER_DATE": "2026-05-02T10:00:00Z", "PATH": "/usr/bin:/bin"},
    )
    monkeypatch.chdir(root)
    return root


def render(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    out = root.parent / "rendered"
    code = main(["render", "--today", TODAY, "--out", str(out), *extra])
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err
    return (out / "inventory-coverage.md").read_text(encoding="utf-8")


def test_the_page_shows_each_system_s_evidence_linked_to_its_lines(
    aims: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = render(aims, capsys)
    assert "Scanned 4 file(s) in 1 path(s): ../triageflow." in page
    assert f"[chat]({URL}/chat) in triageflow: scanned" in page
    # The dependency and the hub model under the system's sources, each linked to its line.
    link = f"[../triageflow/chat/requirements.txt&#58;2]({URL}/chat/requirements.txt#L2)"
    line = f"| dependency | openai | {link}"
    assert line in page
    assert f"[../triageflow/chat/app.py&#58;3]({URL}/chat/app.py#L3)" in page
    assert "requests" not in page  # not an AI library
    # The model's supplier is registered but has no approved assessment.
    assert "| acme/summariser-2 | 2.1 | [REC-060 Supplier Acme Models Ltd]" in page
    assert "no approved assessment" in page


def test_what_no_record_registers_is_listed_with_its_rule(
    aims: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = render(aims, capsys)
    assert "- Unregistered AI uses (AIMS1220): 1" in page
    assert "- Models whose supplier is not currently assessed (AIMS1222): 1" in page
    unregistered = page.split("## Not on the register", 1)[1]
    billing = f"[../triageflow/billing/requirements.txt&#58;1]({URL}/billing/requirements.txt#L1)"
    assert billing in unregistered
    assert "AIMS1220" in unregistered and "anthropic" in unregistered
    assert "chat/requirements.txt" not in unregistered


def test_a_public_edition_shows_no_code(aims: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = render(aims, capsys, "--audience", "public")
    assert "source paths and code are internal" in page
    assert "triageflow" not in page and "openai" not in page


def test_without_a_checkout_nothing_is_scanned_and_the_page_says_why(
    aims: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (aims / "pyproject.toml").write_text(CONFIG.replace('path = "../triageflow"\n', ""), encoding="utf-8")
    page = render(aims, capsys)
    assert "No source tree was scanned in this build" in page
    assert "- AI uses found: 0" in page
    assert f"[chat]({URL}/chat) in triageflow: no local checkout in this build" in page


@pytest.mark.slow  # a real MkDocs build
def test_the_built_page_reads_paths_as_written(aims: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Escaped for Markdown, shown as written: an underscore is no entity on the page."""
    shutil.copy(PROJECT / "mkdocs.yml", aims / "mkdocs.yml")
    code = main(["build", "--today", TODAY, "--no-gate"])
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err
    html = next((aims / "site").rglob("inventory-coverage*.html")).read_text(encoding="utf-8")
    assert "../triageflow/chat/ml_tools/requirements.txt:1" in html
    assert f'href="{URL}/chat/ml_tools/requirements.txt#L1"' in html
    assert "&amp;#" not in html


def test_a_withheld_supplier_is_not_named_nor_judged(aims: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An internal edition withholds a confidential supplier record: the model's row shows the
    withheld note for the supplier and its assessment, not the record nor "no approved assessment"."""
    record = aims / "records/supplier-acme.md"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "classification: internal", "classification: confidential"), encoding="utf-8")
    page = render(aims, capsys, "--audience", "internal")
    row = next(line for line in page.splitlines() if line.startswith("| acme/summariser-2 |"))
    assert "REC-060" not in row and "Acme" not in row and "assessment" not in row
    assert "not shown" in row
    assert "REC-060" not in page and "Acme Models" not in page
