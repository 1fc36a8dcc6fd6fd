"""`editing.edit_text` with the values `discover --draft` writes: booleans and lists of mappings.

Like every edit, each leaves the other bytes alone and is read back before it is accepted.
"""

from __future__ import annotations

import pytest

from aims_lint.editing import EditError, edit_text, flow
from aims_lint.yaml12 import compose_and_load

HEADER = (
    "---\n"
    "id: REC-001   # the id\n"
    "in_scope: true\n"
    "sources: []   # where it lives\n"
    "models:   # the models\n"
    "  - {id: \"Fill this in\", version: \"Fill this in\"}\n"
    "clauses: [\"4.3\"]\n"
    "---\n\n# Body\n"
)


def data(text: str) -> dict[str, object]:
    loaded = compose_and_load(text.split("---\n")[1]).data
    assert isinstance(loaded, dict)
    return loaded


def test_a_boolean_and_lists_replace_the_values_and_keep_comments_and_other_lines() -> None:
    sources = [{"repo": "triageflow", "path": "."}]
    models = [{"id": "acme/summariser", "version": "1.10", "supplier": "Acme, Inc."}]
    out = edit_text(HEADER, {"in_scope": False, "sources": sources, "models": models})
    assert data(out) == {**data(HEADER), "in_scope": False, "sources": sources, "models": models}
    lines = out.splitlines()
    assert lines[1] == "id: REC-001   # the id"
    assert lines[2] == "in_scope: false"
    assert lines[3] == "sources: [{repo: triageflow, path: .}]   # where it lives"
    # The template's block list becomes one flow line under its key; "1.10" and a comma stay strings.
    assert lines[4:6] == ["models:   # the models",
                          '  [{id: acme/summariser, version: "1.10", supplier: "Acme, Inc."}]']
    assert out.endswith('clauses: ["4.3"]\n---\n\n# Body\n')


def test_a_missing_list_is_added_as_a_line() -> None:
    out = edit_text("---\nid: REC-001\n---\n", {"sources": [{"path": "app"}]})
    assert out == "---\nid: REC-001\nsources: [{path: app}]\n---\n"


def test_a_list_over_a_mapping_or_a_value_is_refused() -> None:
    with pytest.raises(EditError, match="'sources' is not a list"):
        edit_text("---\nsources: app\n---\n", {"sources": [{"path": "app"}]})
    with pytest.raises(EditError, match="'sources' is not a list"):
        edit_text("---\nsources:\n  path: app\n---\n", {"sources": [{"path": "app"}]})


@pytest.mark.parametrize("value", ["a: b", "x # y", "[list]", "{map}", "yes", "1.10", "'quoted'", 'say "hi"'])
def test_flow_values_read_back_as_the_strings_they_are(value: str) -> None:
    """Read as the linter reads front matter: YAML 1.2 (aims_lint/yaml12.py)."""
    assert compose_and_load(f"k: {flow([{'v': value}])}").data == {"k": [{"v": value}]}
