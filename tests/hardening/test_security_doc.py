"""SECURITY.md states the figures the tests enforce: this keeps them equal.

Counts come from the test sources themselves (their syntax tree, so nothing is
imported or run): corpus cases from corpus.yaml, test functions per module, and
each property test's `max_examples`.
"""

from __future__ import annotations

import ast
import re

from tests.conftest import PROJECT
from tests.hardening.corpus import load_corpus

DOC = (PROJECT / "SECURITY.md").read_text(encoding="utf-8")
PROPERTY_MODULES = ("tests/hardening/test_properties.py", "tests/hardening/test_export_properties.py",
                    "tests/hardening/test_pipeline_properties.py", "tests/test_review.py")


def stated(label: str) -> int:
    """The number in `**N label**`; exactly one such statement must exist."""
    found = re.findall(rf"\*\*(\d+) {re.escape(label)}\*\*", DOC)
    assert len(found) == 1, f"SECURITY.md must state '**N {label}**' once"
    return int(found[0])


def functions_in(module: str) -> list[ast.FunctionDef]:
    tree = ast.parse((PROJECT / module).read_text(encoding="utf-8"))
    return [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]


def max_examples(function: ast.FunctionDef) -> int | None:
    """The `max_examples` of a hypothesis test (None for an ordinary test)."""
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "settings":
            for keyword in decorator.keywords:
                if keyword.arg == "max_examples":
                    return int(ast.literal_eval(keyword.value))
    return None


def test_the_corpus_size_and_categories() -> None:
    corpus = load_corpus()
    assert stated("hostile-input cases") == len(corpus) >= 40
    listed = re.search(r"Categories: (.*?)\.\n", DOC, re.DOTALL)
    assert listed is not None, "SECURITY.md must list the corpus categories"
    assert set(re.findall(r"`([a-z0-9-]+)`", listed.group(1))) == {case.covers for case in corpus}


def test_the_property_tests_and_their_example_counts() -> None:
    real = {
        (function.name, module): examples
        for module in PROPERTY_MODULES
        for function in functions_in(module)
        if (examples := max_examples(function)) is not None
    }
    rows = re.findall(r"^  \| `(test_\w+)` \| `([\w/.]+)` \| (\d+) \|$", DOC, re.MULTILINE)
    assert {(name, module): int(n) for name, module, n in rows} == real
    assert stated("property-based tests") == len(real)
    assert stated("generated examples") == sum(real.values())


def test_the_browser_git_write_path_and_audience_test_counts() -> None:
    for label, module in (
        ("browser security checks", "tests/browser/test_security.py"),
        ("git edge cases", "tests/hardening/test_git_edges.py"),
        ("interrupted-write tests", "tests/hardening/test_interrupted_writes.py"),
        ("command-line path tests", "tests/hardening/test_cli_paths.py"),
        ("audience tests", "tests/test_audience.py"),
        ("write-safety tests", "tests/hardening/test_owned_outputs.py"),
        ("concurrent-edit tests", "tests/hardening/test_concurrent_edits.py"),
    ):
        assert stated(label) == len(functions_in(module)), label


def test_every_module_named_exists() -> None:
    for module in re.findall(r"`(tests/[\w/.]+\.(?:py|yaml))`", DOC):
        assert (PROJECT / module).is_file(), module
