"""The whole pipeline on arbitrary front matter: no traceback, every other file still checked.

Hypothesis writes front matter with keys and values of every scalar type
(text of any script, empty text, numbers, floats including .nan, booleans,
null), nested lists and mappings, and raw YAML only a person would type
(lists and mappings as keys, `<<` merge keys, bidi controls). Each example
goes into one document of a small repository and through `check`, `render`,
`readiness`, `new` and `review`, in this process. The findings of every
other file must stay what they are without it, and the output must not
change from one run to the next. MkDocs runs once per test run, on the
first example (a site build takes seconds; the rest of the pipeline does
not).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aims_lint.cli import main
from tests.conftest import PROJECT
from tests.hardening.corpus import HOSTILE, PLANTED, PLANTED_FINDING, Case, build_repo, load_corpus

TODAY = date(2026, 6, 1)
TEMPLATE = str(load_corpus()[0].spec["template"])
ANCHOR = 'clauses: ["5.2"]\n'
Capture = pytest.CaptureFixture[str]

SCALARS = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
# Keys of every scalar type; text keys that could be a real field name (plain lower-case
# words) are left out, so a generated key never changes what another document is told.
KEYS = SCALARS.filter(lambda key: not (isinstance(key, str) and re.fullmatch(r"[a-z_]+", key)))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=8,
)
RAW_LINES = st.sampled_from([
    '"": an empty key',
    "? [a, b]\n: a list as a key",
    "{a: 1}: a mapping as a key",
    "<<: {owner: ghost-role}",
    "!!merge <<: {a: b}",
    "Note: \"left \u202eright\"",
    "Escaped: \"\\u2066isolate\\u2069\"",
    "# a comment with \u202e in it",
    "Nested:\n  - {\"\": x, 1: y, null: z}\n  - ? [c]\n    : d",
])


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """The corpus template with generated fields and raw lines added to its header."""
    extra = draw(st.dictionaries(KEYS, VALUES, max_size=5))
    text = yaml.safe_dump(extra, allow_unicode=True, sort_keys=False, width=1000) if extra else ""
    raw = draw(st.lists(RAW_LINES, max_size=3))
    return TEMPLATE.replace(ANCHOR, ANCHOR + text + "".join(line + "\n" for line in raw), 1)


def run(capsys: Capture, *args: str) -> tuple[int, str]:
    """One command in this process; an exception would fail the test with its traceback."""
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, err
    return code, out


def check_json(root: Path, capsys: Capture) -> tuple[int, dict[str, Any]]:
    code, out = run(capsys, "check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json")
    return code, json.loads(out)


def others(report: dict[str, Any]) -> list[tuple[str, int, int, str]]:
    return [(f["path"], f["line"], f["column"], f["rule"]) for f in report["findings"]
            if f["path"] != HOSTILE]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = build_repo(Case("pipeline", "any", {"text": TEMPLATE}), tmp_path_factory.mktemp("pipe") / "repo")
    (repo / "mkdocs.yml").write_bytes((PROJECT / "mkdocs.yml").read_bytes())
    return repo


@pytest.fixture(scope="module")
def baseline(root: Path) -> dict[str, Any]:
    """The check of the repository with the plain template: what every other file gets."""
    (root / HOSTILE).write_text(TEMPLATE, encoding="utf-8")
    code = main(["check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json", "-o",
                 str(root.parent / "baseline.json")])
    assert code == 1  # the planted finding
    report: dict[str, Any] = json.loads((root.parent / "baseline.json").read_text(encoding="utf-8"))
    return report


BUILT: list[int] = []  # MkDocs exit codes; one build per test run


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=front_matter())
def test_the_whole_pipeline_survives_any_front_matter(
    root: Path, baseline: dict[str, Any], capsys: Capture, text: str
) -> None:
    capsys.readouterr()
    (root / HOSTILE).write_text(text, encoding="utf-8")
    code, first = check_json(root, capsys)
    again, second = check_json(root, capsys)
    assert (code, first) == (again, second), "check is not deterministic"
    assert code == 1 and "AIMS000" not in {f["rule"] for f in first["findings"]}
    assert first["summary"]["documents"] == baseline["summary"]["documents"]
    assert others(first) == others(baseline), "another file's findings changed"
    assert (PLANTED, *PLANTED_FINDING[1:], PLANTED_FINDING[0]) in others(first)

    day = TODAY.isoformat()
    assert run(capsys, "render", "--root", str(root), "--today", day)[0] in (0, 1)
    code, out = run(capsys, "readiness", "--root", str(root), "--today", day, "--format", "json")
    assert code in (0, 1) and json.loads(out)
    code, out = run(capsys, "new", "policy", "Generated policy", "--root", str(root), "--today", day)
    assert code == 0, out
    (root / out.strip().splitlines()[-1]).unlink()
    code, _ = run(capsys, "review", HOSTILE, "--by", "top-management", "--date", "2026-05-20",
                  "--root", str(root), "--today", day)
    assert code in (0, 1)  # 1: review refuses a header with parse findings, and says which
    if not BUILT:
        BUILT.append(run(capsys, "build", "--root", str(root), "--today", day)[0])
        assert BUILT[0] == 1  # the lint errors fail the strict build, with findings, not a crash


def test_an_empty_key_is_a_finding_with_its_line_and_changes_no_other_file(
    root: Path, baseline: dict[str, Any], capsys: Capture
) -> None:
    capsys.readouterr()
    (root / HOSTILE).write_text(TEMPLATE.replace(ANCHOR, ANCHOR + '"": x\n'), encoding="utf-8")
    code, report = check_json(root, capsys)
    assert code == 1
    mine = [(f["rule"], f["line"], f["column"]) for f in report["findings"] if f["path"] == HOSTILE]
    assert ("AIMS016", 13, 1) in mine  # the line after clauses (line 12)
    assert others(report) == others(baseline)
    day = TODAY.isoformat()
    assert run(capsys, "render", "--root", str(root), "--today", day)[0] == 0
    code, out = run(capsys, "new", "policy", "After an empty key", "--root", str(root), "--today", day)
    assert code == 0
    (root / out.strip().splitlines()[-1]).unlink()

