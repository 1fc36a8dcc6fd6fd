"""Moved to aims_lint/results.py; this name lasts until the imports are rewritten (next commit)."""

from aims_lint.results import CAP, Finding, Severity

__all__ = ["CAP", "Finding", "Severity"]
