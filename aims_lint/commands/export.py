"""`aims-lint soa export`: the Statement of Applicability as CSV, XLSX or OSCAL.

Exports read the documents as they are; they do not gate on the check (an
auditor may well want the spreadsheet of a system that still has findings).
The SoA itself must parse, or there is nothing to export. `--framework` picks
the SoA of one certifiable framework (ISO/IEC 42001's by default).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from aims_lint import own_output
from aims_lint.atomic import check_output, write_output
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK
from aims_lint.catalog.frameworks import framework as framework_row
from aims_lint.config import Settings
from aims_lint.engine import build_context
from aims_lint.export import spreadsheet
from aims_lint.export.oscal import Plan, to_oscal
from aims_lint.export.soa_rows import soa_rows
from aims_lint.soa import current


def run_soa_export(
    settings: Settings, today: date, fmt: str, out: Path | None, system_name: str, force: bool = False,
    framework: str = DEFAULT_FRAMEWORK,
) -> int:
    ours = own_output.SOA[fmt]
    if out is not None:
        check_output(out, ours=ours, force=force)
    corpus = build_context(settings, today).corpus
    soa = current(corpus, framework)
    if soa is None:
        sys.stderr.write(f"aims-lint: no Statement of Applicability {_which(framework)}to export\n")
        return 1
    if soa.source.model is None:
        sys.stderr.write(
            f"aims-lint: {soa.source.path} has errors that keep it from being read; "
            "run `aims-lint check` and fix them first\n"
        )
        return 1
    rows = soa_rows(soa)
    if fmt == "xlsx":
        return _write_bytes(spreadsheet.to_xlsx(rows), out, ours, force, binary=True)
    if fmt == "csv":
        text = spreadsheet.to_csv(rows)
    else:
        text = to_oscal(Plan(soa.source, rows, corpus, settings.root, today, system_name, soa.framework))
    return _write_bytes(text.encode("utf-8"), out, ours, force)


def _which(framework_id: str) -> str:
    """The SoA the command looked for, as the error names it."""
    if framework_id == DEFAULT_FRAMEWORK:
        return "(a document of type soa) "
    row = framework_row(framework_id)
    title = row.title if row is not None else framework_id
    return f"for {title} (a document of type soa with framework: {framework_id}) "


def _write_bytes(
    data: bytes, out: Path | None, ours: own_output.Signature, force: bool, *, binary: bool = False
) -> int:
    if out is not None:
        write_output(out, data, ours=ours, force=force)
        return 0
    if binary and sys.stdout.isatty():
        raise click.UsageError("XLSX is binary; give --out FILE.xlsx or redirect standard output")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0
