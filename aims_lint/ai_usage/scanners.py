"""Every scanner discovery runs, in the order their uses are reported for one file."""

from __future__ import annotations

from aims_lint.ai_usage.scanner import Scanner

SCANNERS: tuple[Scanner, ...] = ()
