"""CONTRIBUTING.md's "Add a rule" recipe, followed to the letter in a copy of the project.

The guide's example module and case file are written into a copy of the
package and its tests, registered as step 3 says, and the project's own
meta-tests and rule cases run on the copy in a fresh interpreter. The
example must pass all of them, and its failing case must find what it says.
Three more copies of the example each skip one step of the recipe: no
`Failing::` example, no case file, not registered. Each must fail the
meta-test that guards that step, so the recipe names exactly what is enforced.

The "add a document type" recipe is followed by the test that adds
`schemas/standard.schema.yaml` to a copy of the example.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aims_lint.rules import REGISTRY

PROJECT = Path(__file__).resolve().parent.parent
CONTRIBUTING = PROJECT / "CONTRIBUTING.md"
CODE, NAME = "AIMS999", "title-ends-with-full-stop"


def recipe_block(marker: str) -> str:
    """The fenced block right after `<!-- recipe: MARKER -->` in CONTRIBUTING.md."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    found = re.search(rf"<!-- recipe: {re.escape(marker)} -->\n```\w+\n(.*?)\n```\n", text, flags=re.S)
    assert found, f"CONTRIBUTING.md has no block marked 'recipe: {marker}'"
    return found.group(1) + "\n"


def module_name(code: str, name: str) -> str:
    """Step 2 of the recipe: the code in lower case, then the name with underscores."""
    return f"{code.lower()}_{name.replace('-', '_')}"


def variant(text: str, code: str, suffix: str) -> str:
    """The example as another rule: its own code and name, so the copies can coexist."""
    return text.replace(CODE, code).replace(NAME, f"{NAME}-{suffix}" if suffix else NAME)


def register(init: str, modules: list[str]) -> str:
    """Step 3: list the modules in the registry after its last rule of three digits (AIMS999
    comes before the four-digit body rules, AIMS1001 on), wherever it is listed."""
    three = [r for r in REGISTRY if re.fullmatch(r"AIMS\d{3}", r.RULE.code)]
    last = three[-1].__name__.rsplit(".", 1)[-1]  # type: ignore[attr-defined]
    out: list[str] = []
    for line in init.splitlines(keepends=True):
        out.append(line)
        if re.search(rf"\b{last}\b", line):
            others = re.findall(r"\baims\d{3}_\w+", line.replace(last, ""))
            assert others == [], f"the registry lists {last} with other rules on one line; update register()"
            out.extend(line.replace(last, module) for module in modules)
    assert len(out) > len(init.splitlines()), f"{last} not found in aims_lint/rules/__init__.py"
    return "".join(out)


def copy_project(target: Path) -> Path:
    skip = shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.pyc")
    for folder in ("aims_lint", "tests", "schemas", "templates"):
        shutil.copytree(PROJECT / folder, target / folder, ignore=skip)
    shutil.copy2(PROJECT / "pyproject.toml", target / "pyproject.toml")
    return target


def follow_recipe(root: Path) -> None:
    """The complete example (AIMS999) and three copies that each skip one step."""
    module, cases = recipe_block("rule module"), recipe_block("rule cases")
    rules = root / "aims_lint" / "rules"
    no_failing = re.sub(r"\nFailing::\n.*?(?=\n\"\"\")", "", module, count=1, flags=re.S)
    assert no_failing != module, "the example module has no Failing:: block"
    written = {
        ("AIMS999", ""): (module, True, True),
        ("AIMS998", "no-failing-example"): (no_failing, True, True),
        ("AIMS997", "no-cases"): (module, True, False),
        ("AIMS996", "not-registered"): (module, False, True),
    }
    registered = []
    for (code, suffix), (text, in_registry, with_cases) in sorted(written.items()):
        name = module_name(code, f"{NAME}-{suffix}" if suffix else NAME)
        (rules / f"{name}.py").write_text(variant(text, code, suffix), encoding="utf-8")
        if with_cases:
            (root / "tests" / "rules" / "cases" / f"{code}.yaml").write_text(
                variant(cases, code, suffix), encoding="utf-8")
        if in_registry:
            registered.append(name)
    init = rules / "__init__.py"
    init.write_text(register(init.read_text(encoding="utf-8"), registered), encoding="utf-8")


def run_rule_tests(root: Path) -> dict[str, bool]:
    """The project's meta-tests and rule cases on the copy: test id to passed."""
    report = root / "junit.xml"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "AIMS_TEST_"))}
    env["PYTHONPATH"] = str(root)  # the copy, not the installed package
    selection = "AIMS996 or AIMS997 or AIMS998 or AIMS999 or unique or order"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", f"--junitxml={report}",
         "tests/rules/test_meta.py", "tests/rules/test_rule_cases.py", "-k", selection],
        cwd=root, env=env, capture_output=True, text=True, check=False,
    )
    assert report.is_file(), run.stdout + run.stderr
    outcome = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        failed = case.find("failure") is not None or case.find("error") is not None
        outcome[case.get("name", "")] = not failed and case.find("skipped") is None
    return outcome


@pytest.mark.slow
def test_the_add_a_rule_recipe_is_complete_and_each_step_is_enforced(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    follow_recipe(root)
    outcome = run_rule_tests(root)
    failed = sorted(name for name, passed in outcome.items() if not passed)
    assert failed == [
        "test_case_file_has_passing_and_failing_cases[AIMS997]",
        "test_case_file_names_an_existing_rule[AIMS996]",
        "test_docstring_has_summary_explanation_and_examples[AIMS998]",
        "test_rule_case[AIMS996:a title with a full stop]",
    ]
    example = sorted(name for name in outcome if "AIMS999" in name)
    assert "test_rule_case[AIMS999:a title with a full stop]" in example
    assert "test_docstring_has_summary_explanation_and_examples[AIMS999]" in example
    assert len(example) >= 8, example  # every per-rule meta-test, and both cases
    assert outcome["test_codes_are_unique"] and outcome["test_the_registry_is_in_code_order"]


def test_register_lists_new_rules_wherever_the_registry_lists_its_last_rule() -> None:
    last = REGISTRY[-1].__name__.rsplit(".", 1)[-1]  # type: ignore[attr-defined]
    init = (PROJECT / "aims_lint" / "rules" / "__init__.py").read_text(encoding="utf-8")
    changed = register(init, ["aims999_x"])
    assert changed.count("aims999_x") == init.count(last) >= 1


def _imports(tree: ast.AST, package: str = "") -> set[str]:
    """Modules a tree imports from; `from .new import x` in `package` is `package.new`."""
    return {
        f"{package}.{node.module}" if node.level else node.module
        for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }


def test_the_add_a_command_recipe_is_how_every_command_is_wired() -> None:
    """Step 2: cli.py imports each command module inside its click function, never at the top.

    And every module of commands/ is reached: from cli.py, or (a helper) from another command.
    """
    cli_tree = ast.parse((PROJECT / "aims_lint" / "cli.py").read_text(encoding="utf-8"))
    top = {node.module for node in cli_tree.body if isinstance(node, ast.ImportFrom) and node.module}
    assert not {m for m in top if m.startswith("aims_lint.commands")}, "import command modules lazily"
    folder = PROJECT / "aims_lint" / "commands"
    reached = _imports(cli_tree).union(*(
        _imports(ast.parse(path.read_text(encoding="utf-8")), "aims_lint.commands")
        for path in folder.glob("*.py")
    ))
    modules = {f"aims_lint.commands.{p.stem}" for p in folder.glob("*.py") if p.stem != "__init__"}
    assert len(modules) >= 10
    assert sorted(modules - reached) == [], "a command module nothing runs"
