"""One field order: the header order `adopt` writes and `review` keeps is declared once, in doctypes."""

from __future__ import annotations

from aims_lint import adopting, doctypes, editing
from aims_lint.doctypes import BASE_FIELDS, BEHAVIOURS, FIELD_ORDER


def test_the_editor_and_adopt_read_the_one_field_order() -> None:
    assert editing.FIELD_ORDER is doctypes.FIELD_ORDER
    assert adopting.FIELD_ORDER is doctypes.FIELD_ORDER


def test_the_order_starts_with_the_base_fields_and_keeps_every_behaviour_s_order() -> None:
    assert FIELD_ORDER[: len(BASE_FIELDS)] == BASE_FIELDS
    assert len(set(FIELD_ORDER)) == len(FIELD_ORDER)
    controlled = BEHAVIOURS["controlled-document"].fields
    assert set(controlled) <= set(FIELD_ORDER)  # every field a controlled document must have
    for behaviour in BEHAVIOURS.values():
        core = [name for name in behaviour.fields if name in FIELD_ORDER]
        assert core == sorted(core, key=FIELD_ORDER.index), behaviour.name
