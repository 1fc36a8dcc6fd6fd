"""YAML 1.2 special floats load as floats instead of crashing the run."""

from __future__ import annotations

import math

import pytest

from aims_lint.yaml12 import compose_and_load


@pytest.mark.parametrize("text", [".nan", ".NaN", ".NAN"])
def test_not_a_number(text: str) -> None:
    data = compose_and_load(f"value: {text}\n").data
    assert math.isnan(data["value"])


@pytest.mark.parametrize(
    ("text", "expected"), [(".inf", math.inf), ("-.Inf", -math.inf), ("+.INF", math.inf)]
)
def test_infinities(text: str, expected: float) -> None:
    data = compose_and_load(f"value: {text}\n").data
    assert data["value"] == expected
