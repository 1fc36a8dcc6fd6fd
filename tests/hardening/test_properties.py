"""Property-based tests (hypothesis): no input crashes the parser or the linter, output is
deterministic, positions are exact, review edits touch only their lines.

The example counts are stated in SECURITY.md (tests/hardening/test_security_doc.py
keeps them equal). The byte-for-byte property of `aims-lint review` over
generated documents is tests/test_review.py; the one here adds hostile lines
to those documents. Round trips through the exports are test_export_properties.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aims_lint.config import load_settings
from aims_lint.editing import EditError, edit_text
from aims_lint.engine import lint
from aims_lint.frontmatter import parse
from aims_lint.positions import locate_key
from aims_lint.report import FORMATS
from aims_lint.rules import REGISTRY
from tests.conftest import PROJECT
from tests.hardening.corpus import HOSTILE, Case, build_repo, content, load_corpus
from tests.test_review import Generated, Slot, documents

TODAY = date(2026, 6, 1)
PARSE_RULES = {r.RULE.name for r in REGISTRY if r.RULE.code < "AIMS100"}
# Pieces of YAML and Markdown that reach the parser's corners when strung together.
TOKENS = [
    "---", "...", "\n", "\r\n", "\r", " ", "  ", "\t", "id: ", "POL-001", "title: ", "x", ":", ": ",
    "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!!python/object ", "!x ", "\"", "'", "\\",
    "#", "%YAML 1.2", "? ", "|", ">", "\ufeff", "\x85", "\u2028", "é", "\x00", "\x07", "2026-02-30",
    "1.10", "0x1F", ".nan", "true", "null", "~", "<script>", "\U0001F916",
    "\nlast_reviewed: ", "\nnext_review: ", "\nreview_cycle_months: ", "\nowner: ", "\nrelated: [",
    "9999-12-01", "0001-01-01", "99999999999999999999999", "-1",
]
TEMPLATE = str(load_corpus()[0].spec["template"])


def token_soup() -> st.SearchStrategy[bytes]:
    return st.lists(st.sampled_from(TOKENS), max_size=60).map(lambda parts: "".join(parts).encode())


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    """The corpus template with one slice replaced by arbitrary text."""
    start = draw(st.integers(0, len(TEMPLATE)))
    end = draw(st.integers(start, min(len(TEMPLATE), start + 40)))
    middle = draw(st.text(max_size=40) | st.lists(st.sampled_from(TOKENS), max_size=4).map("".join))
    return (TEMPLATE[:start] + middle + TEMPLATE[end:]).encode("utf-8", "surrogatepass")


VALUES_TO_TRY = [
    "9999-12-01", "0001-01-01", "2026-02-30", "99999999999999999999999", "-1", "0", "1.10", "0x1F", ".nan",
    ".inf", "true", "null", "~", "''", "[]", "{}", "[a, [b]]", "ghost-role", "POL-0\u041e1", '"\\u2028"',
    "'a: b'", "!!str 5", "&a x", "*a", "<script>x</script>", "retired", "approved", '"1.0"',
]


@st.composite
def mutated_values(draw: st.DrawFn) -> bytes:
    """The corpus template with up to three front-matter values replaced."""
    lines = TEMPLATE.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(1, 11))  # the key: value lines of the template
        key = lines[at].split(":", 1)[0]
        lines[at] = f"{key}: {draw(st.sampled_from(VALUES_TO_TRY) | st.text(max_size=12))}"
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def hostile_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=2000), token_soup(), mutated_documents(), mutated_values())


def lines_of(raw: bytes) -> int:
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + 1


@settings(max_examples=400, deadline=None)
@given(hostile_bytes())
def test_the_parser_never_raises_and_places_problems_inside_the_file(raw: bytes) -> None:
    parsed = parse(raw, max_bytes=1 << 20)
    assert parsed.data is None or isinstance(parsed.data, dict)
    for problem in parsed.problems:
        assert problem.rule in PARSE_RULES
        assert 1 <= problem.line <= lines_of(raw) and problem.column >= 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_the_parser_never_raises_on_any_text_inside_fences(text: str) -> None:
    raw = ("---\n" + text + "\n---\nbody\n").encode("utf-8", "surrogatepass")
    parsed = parse(raw, max_bytes=1 << 20)
    assert parsed.data is None or isinstance(parsed.data, dict)
    assert all(1 <= p.line <= lines_of(raw) for p in parsed.problems)


KEY = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
FILLER = st.sampled_from(["", "# a comment", "  # indented comment", "   "])


@settings(max_examples=200, deadline=None)
@given(st.lists(KEY, min_size=1, max_size=12, unique=True), st.data())
def test_every_key_is_located_at_its_exact_line_and_column(keys: list[str], data: st.DataObject) -> None:
    eol = data.draw(st.sampled_from(["\n", "\r\n"]))
    lines = ["---"]
    for key in keys:
        lines += data.draw(st.lists(FILLER, max_size=2))
        value = data.draw(st.sampled_from(["x", "'a: b'", "[1, 2]", "{a: 1}", "", "|\n  block\n  text"]))
        lines.append(f"{key}: {value}".replace("\n", eol))
    text = eol.join([*lines, "---", "body"]) + eol
    bom = data.draw(st.booleans())
    parsed = parse((b"\xef\xbb\xbf" if bom else b"") + text.encode(), max_bytes=1 << 20)
    assert parsed.problems == [] and parsed.data is not None
    file_lines = text.split(eol)
    for key in keys:
        line, column = locate_key(parsed.root, "/" + key, parsed.line_offset)
        assert file_lines[line - 1][column - 1 :].startswith(f"{key}:"), (key, line, column)


@pytest.fixture(scope="module")
def lint_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    case = Case("property", "any", {"text": ""})
    return build_repo(case, tmp_path_factory.mktemp("property") / "repo")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=hostile_bytes())
def test_the_linter_turns_any_file_into_sorted_identical_findings(lint_root: Path, raw: bytes) -> None:
    (lint_root / HOSTILE).write_bytes(raw)
    config = load_settings(lint_root)
    first, second = lint(config, TODAY), lint(config, TODAY)
    assert first.findings == second.findings
    assert first.findings == sorted(first.findings)
    assert not [f for f in first.findings if f.rule == "AIMS000"]
    assert HOSTILE in first.checked
    assert ("procedures/planted.md", 7, 8, "AIMS301") in {(f.path, f.line, f.column, f.rule)
                                                          for f in first.findings}
    for render in FORMATS.values():
        assert render(first) == render(second)
    json.loads(FORMATS["json"](first))


# Lines a person (or an attacker) may add to a front matter that still parses.
EXTRA_LINES = st.one_of(
    st.sampled_from([
        "# status: approved", "notes: 'status: draft'", "nested:\n  status: draft\n  version: 9.9",
        "k: \"quoted: value # not a comment\"", "list: [a, 'b, c']", "", "   ", "empty:",
        "folded: >\n  next_review: 2020-01-01", "key_with_unicode_é: ✓",
    ]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30).map("# {}".format),
)
VALUES = {"status": "approved", "version": "2.0", "last_reviewed": "2026-05-01", "next_review": "2027-05-01",
          "approved_on": "2026-05-01", "approver": "ciso"}


def _ends_line(piece: str | Slot, eol: str) -> bool:
    return isinstance(piece, str) and piece.endswith(eol)


def _without_keys(text: str, keys: set[str]) -> list[str]:
    """Every line except those that set one of `keys` (at any indentation)."""
    return [line for line in text.split("\n") if line.lstrip().split(":", 1)[0] not in keys]


@settings(max_examples=200, deadline=None)
@given(documents(), st.lists(EXTRA_LINES, max_size=4), st.data())
def test_review_edits_change_only_their_own_lines_around_hostile_lines(
    doc: Generated, extra: list[str], data: st.DataObject
) -> None:
    pieces = list(doc.pieces)
    for line in extra:
        # Between whole lines of the front matter: after a piece that ends a line, before the closing fence.
        starts = [i for i in range(1, len(pieces) - 1) if _ends_line(pieces[i - 1], doc.eol)]
        pieces.insert(data.draw(st.sampled_from(starts)), line.replace("\n", doc.eol) + doc.eol)
    raw = Generated(tuple(pieces), doc.values, doc.eol, False, doc.cycle).render()
    before = parse(raw, max_bytes=1 << 20)
    if before.problems or before.data is None:
        return  # `review` refuses files that do not parse; nothing to edit
    values = data.draw(st.dictionaries(st.sampled_from(sorted(VALUES)), st.just(""), min_size=1))
    values = {k: VALUES[k] for k in values}
    text = raw.decode("utf-8")
    try:
        edited = edit_text(text, values)
    except EditError:
        return  # refused as a whole: nothing written
    assert _without_keys(edited, set(values)) == _without_keys(text, set(values))
    after = parse(edited.encode(), max_bytes=1 << 20).data
    assert after is not None and {k: after[k] for k in values} == values
    assert {k: v for k, v in after.items() if k not in values} == {
        k: v for k, v in before.data.items() if k not in values
    }


def test_findings_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """The whole corpus in one repository, checked by two processes with different
    string hashing: set and dict order must never leak into the report."""
    root = build_repo(Case("all", "any", {"text": ""}), tmp_path / "repo")
    for number, case in enumerate(load_corpus()):
        if not {"symlink", "fifo", "settings", "files"} & set(case.spec):
            (root / f"policies/hostile-{number:03}.md").write_bytes(content(case.spec))
    reports = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONPATH": str(PROJECT), "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "aims_lint", "check", "--today", TODAY.isoformat(),
                               "--format", "json"], cwd=root, env=env, capture_output=True, timeout=300)
        assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr
        reports.append(done.stdout)
    assert reports[0] == reports[1]
    assert len(json.loads(reports[0])["findings"]) > 100
