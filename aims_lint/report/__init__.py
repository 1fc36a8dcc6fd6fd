"""Reporters: pure `render(result) -> str`, one module per format."""

from __future__ import annotations

from collections.abc import Callable

from aims_lint.report import github, json_format, markdown, sarif, text
from aims_lint.results import LintResult

FORMATS: dict[str, Callable[[LintResult], str]] = {
    "text": text.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
    "markdown": markdown.render,
}
