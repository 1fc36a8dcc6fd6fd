"""What the docs and the rules' own examples say about SoAs matches what the tool does.

- Every `same_as` pair in a YAML example of `docs/*.md`, and in the passing
  example of a rule's docstring, is one the crosswalk maps (AIMS626 would
  warn about any other), read from the entry's framework to ISO/IEC 42001.
- Every file name the docs give an SoA is the one `aims-lint init` writes for
  some certifiable framework (`skeleton_path`), and the example repository
  keeps its SoAs at those names.
"""

from __future__ import annotations

import re

import pytest

from aims_lint.catalog.crosswalk import between
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, FRAMEWORKS
from aims_lint.export.soa_skeleton import skeleton_path
from aims_lint.rules import REGISTRY
from tests.conftest import PROJECT

DOCS = sorted((PROJECT / "docs").glob("*.md"))
FENCE = re.compile(r"^```ya?ml\n(.*?)^```", re.MULTILINE | re.DOTALL)
CONTROL = re.compile(r"^\s*-?\s*control: ([A-Z0-9.:]+)")
SAME_AS = re.compile(r"^\s*same_as: ([A-Z0-9.:]+)")
EXAMPLE_FRAMEWORK = "iso27001-2022"  # the only framework besides 42001 that has an SoA


def _pairs(text: str) -> list[tuple[str, str]]:
    """(control, same_as) of each entry that has both, in the order written."""
    pairs, control = [], None
    for line in text.splitlines():
        found = CONTROL.match(line)
        if found:
            control = found.group(1)
        shared = SAME_AS.match(line)
        if shared and control is not None:
            pairs.append((control, shared.group(1)))
    return pairs


def _examples() -> list[tuple[str, str, str]]:
    found = []
    for doc in DOCS:
        for block in FENCE.findall(doc.read_text(encoding="utf-8")):
            found += [(doc.name, c, s) for c, s in _pairs(block)]
    for rule in REGISTRY:
        passing = (rule.__doc__ or "").partition("Passing::")[2].partition("Failing::")[0]
        found += [(rule.RULE.code, c, s) for c, s in _pairs(passing)]
    return found


EXAMPLES = _examples()


def _local(qualified_id: str) -> str:
    return qualified_id.rpartition(":")[2]


def test_the_docs_have_same_as_examples_to_check() -> None:
    assert {"documents.md", "AIMS620", "AIMS625", "AIMS626"} <= {where for where, _, _ in EXAMPLES}


@pytest.mark.parametrize(("where", "control", "same_as"), EXAMPLES)
def test_every_same_as_example_is_a_pair_the_crosswalk_maps(where: str, control: str, same_as: str) -> None:
    walk = between(EXAMPLE_FRAMEWORK, DEFAULT_FRAMEWORK)
    assert walk is not None
    mapped = {m.target_id for m in walk.of(_local(control))}
    assert _local(same_as) in mapped, f"{where}: {control} same_as {same_as}; the crosswalk maps {mapped}"


def test_the_soa_file_names_in_the_docs_are_the_ones_init_writes() -> None:
    written = {skeleton_path(f.id) for f in FRAMEWORKS if f.certifiable}
    named = {m for doc in DOCS for m in re.findall(r"policies/statement-of-applicability[\w-]*\.md",
                                                   doc.read_text(encoding="utf-8"))}
    assert named and named <= written, named - written
    assert len(written) == 2 and all((PROJECT / path).is_file() for path in written)
