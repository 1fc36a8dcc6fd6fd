"""The house stays as it is drawn: the import-linter contracts in pyproject.toml hold.

`[tool.importlinter]` in pyproject.toml lists the contracts and why each holds.
The first test runs them over the package as it is. The others copy the
package, add one import that breaks one contract, and check that the same
command then fails and names that contract, so a contract that could never
fail (a misspelt module, a layer that matches nothing) is noticed too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    # The copy's folder comes first on the path, before the editable install's finder.
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=project, env=env, capture_output=True, text=True, check=False
    )


def test_every_layer_contract_holds() -> None:
    run = _lint_imports(PROJECT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert " 0 broken" in run.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("report/text.py", "import aims_lint.engine", "Reporters are pure functions of a result"),
        ("report/markdown.py", "import aims_lint.site.html", "Reporters are pure functions of a result"),
        ("results.py", "import aims_lint.engine", "The pipeline is layered"),
        ("rules/aims401_review_overdue.py", "import aims_lint.history.gitlog", "Rules never call git"),
        ("site/dashboard.py", "import aims_lint.history.gitlog", "Only history/ touches git"),
        ("soa.py", "import aims_lint.rules", "Domain modules serve every layer"),
        ("rules/aims402_review_due_soon.py", "import aims_lint.rules.aims401_review_overdue",
         "A rule is a module"),
        ("site/guide.py", "import markdown_it", "One Markdown parser"),
        ("ai_usage/code.py", "import aims_lint.corpus", "Discovery's scanners see only a file"),
        ("rules/aims1201_ai_dependency.py", "import aims_lint.ai_usage.run", "The pipeline is layered"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(PROJECT / "aims_lint", tmp_path / "aims_lint", ignore=ignore)
    shutil.copy(PROJECT / "pyproject.toml", tmp_path)
    target = tmp_path / "aims_lint" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    run = _lint_imports(tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    broken = [row for row in run.stdout.splitlines() if " BROKEN" in row]
    assert any(row.startswith(contract) for row in broken), run.stdout
