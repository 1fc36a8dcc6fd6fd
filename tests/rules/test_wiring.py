"""How rules are wired: one Problem type, typed stage keys, a registry checked at import.

The parse and validate stages key each problem with a `RuleKey`; the
registry refuses to import unless every key has exactly one rule, every
stage rule has its key, and every module has a docstring, a `RULE` and a
`check`; the meta-tests compare each `check` with `Rule.check`.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from aims_lint.config import load_settings
from aims_lint.engine import build_context
from aims_lint.problem import Problem, RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo, StageRuleInfo, signature_errors, wiring_errors
from aims_lint.rules import REGISTRY, RULE_MODULES, load_registry
from tests.conftest import TODAY, new_repo


def check(ctx: Context) -> Iterator[Finding]:
    """A `check` of the right shape for the fake modules below."""
    return iter(())


def _module(name: str, rule: object, doc: str | None = "Fake.", checker: object = check) -> types.ModuleType:
    module = types.ModuleType(f"aims_lint.rules.{name}", doc)
    module.RULE = rule  # type: ignore[attr-defined]
    module.check = checker  # type: ignore[attr-defined]
    return module


def _registered() -> list[types.ModuleType]:
    return list(REGISTRY)  # type: ignore[arg-type]  # the registry holds modules


def _stage_rule(code: str, name: str, key: RuleKey) -> types.ModuleType:
    return _module(f"fake_{code}", StageRuleInfo(code, name, Severity.ERROR, "fake", key=key))


def test_a_problem_refuses_a_free_string_as_its_rule() -> None:
    with pytest.raises(TypeError, match="RuleKey"):
        Problem("no-front-matter", "file does not start with a fence")  # type: ignore[arg-type]


def test_parse_and_validate_problems_are_one_type_passed_on_as_they_are(tmp_path: Path) -> None:
    files = {"policies/tab.md": "---\nid: POL-001\n\tx: 1\n---\n", "policies/bare.md": "---\nid: P\n---\n"}
    ctx = build_context(load_settings(new_repo(tmp_path, files, base=False)), TODAY)
    tab, bare = (next(s for s in ctx.corpus.sources if s.path == p) for p in files)
    assert [p.rule for p in tab.parsed.problems] == [RuleKey.TAB_INDENTATION]
    # The parse stage's problems are the document's, the same objects, not copied field by field.
    assert len(tab.problems) == 1 and tab.problems[0] is tab.parsed.problems[0]
    assert RuleKey.MISSING_REQUIRED_FIELD in {p.rule for p in bare.problems}
    assert {type(p) for p in [*tab.problems, *bare.problems]} == {Problem}


def test_recorded_matches_the_key_not_the_name(tmp_path: Path) -> None:
    root = new_repo(tmp_path, {"policies/x.md": "# no front matter\n"}, base=False)
    ctx = build_context(load_settings(root), TODAY)
    right = StageRuleInfo("AIMS001", "anything", Severity.ERROR, "s", key=RuleKey.NO_FRONT_MATTER)
    named_alike = StageRuleInfo("AIMS001", "no-front-matter", Severity.ERROR, "s", key=RuleKey.EMPTY_FILE)
    assert [(f.path, f.name) for f in right.recorded(ctx)] == [("policies/x.md", "anything")]
    assert list(named_alike.recorded(ctx)) == []


def test_every_stage_key_has_exactly_one_registered_rule() -> None:
    keyed = {r.RULE.key: r.RULE.code for r in REGISTRY if isinstance(r.RULE, StageRuleInfo)}
    assert set(keyed) == set(RuleKey)
    # 29: the parse and validate stages' rules, AIMS614 (old schemas rejecting qualified ids) among them
    assert len(keyed) == sum(isinstance(r.RULE, StageRuleInfo) for r in REGISTRY) == 29
    assert wiring_errors(_registered()) == []


def test_a_key_without_a_rule_is_named() -> None:
    modules = [m for m in _registered() if m.RULE.code != "AIMS017"]
    assert wiring_errors(modules) == ["no rule has the stage key RuleKey.MERGE_KEY"]


def test_a_key_claimed_twice_is_named() -> None:
    twice = _stage_rule("AIMS999", "merge-key", RuleKey.MERGE_KEY)
    assert wiring_errors([*_registered(), twice]) == ["several rules have the stage key RuleKey.MERGE_KEY"]


def test_a_rule_keyed_under_another_name_is_named() -> None:
    modules = [m for m in _registered() if m.RULE.code != "AIMS017"]
    wrong = _stage_rule("AIMS017", "merge-keys", RuleKey.MERGE_KEY)
    assert wiring_errors([*modules, wrong]) == [
        "AIMS017 is named 'merge-keys' but keyed RuleKey.MERGE_KEY ('merge-key')"
    ]


def test_a_stage_rule_without_its_key_is_named() -> None:
    modules = [m for m in _registered() if m.RULE.code != "AIMS017"]
    plain = _module("aims017_merge_key", RuleInfo("AIMS017", "merge-key", Severity.ERROR, "s"))
    assert wiring_errors([*modules, plain]) == [
        "no rule has the stage key RuleKey.MERGE_KEY",
        "AIMS017 merge-key is a stage rule without its key: make RULE a "
        "StageRuleInfo(..., key=RuleKey.MERGE_KEY)",
    ]


def _bad_check(context: Context) -> list[Finding]:
    return []


def _untyped_check(ctx):  # type: ignore[no-untyped-def]
    return iter(())


_INFO = RuleInfo("AIMS998", "x", Severity.ERROR, "s")


@pytest.mark.parametrize(
    ("module", "error"),
    [
        (_module("x", "AIMS001"), "aims_lint.rules.x.RULE is not a RuleInfo"),
        (_module("x", _INFO, doc=None), "aims_lint.rules.x has no docstring"),
        (_module("x", _INFO, checker=None), "aims_lint.rules.x.check is not a function"),
    ],
    ids=["RULE", "docstring", "check"],
)
def test_a_module_not_shaped_as_a_rule_is_named(module: types.ModuleType, error: str) -> None:
    assert wiring_errors([*_registered(), module]) == [error]


@pytest.mark.parametrize(
    "checker", [_bad_check, _untyped_check, None, check], ids=["types", "untyped", "missing", "right"]
)
def test_a_check_unlike_the_protocol_is_named(checker: object) -> None:
    errors = signature_errors(_module("x", _INFO, checker=checker))
    expected = "aims_lint.rules.x.check is not `def check(ctx: Context) -> Iterator[Finding]`"
    assert errors == ([] if checker is check else [expected])


def test_a_miswired_registry_refuses_to_import() -> None:
    without = tuple(name for name in RULE_MODULES if name != "aims017_merge_key")
    with pytest.raises(ImportError, match=r"miswired:\n  no rule has the stage key RuleKey.MERGE_KEY"):
        load_registry(without)
    assert load_registry(RULE_MODULES) == REGISTRY
