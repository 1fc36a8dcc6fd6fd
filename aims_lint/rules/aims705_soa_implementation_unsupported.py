"""A control marked implemented or partial must name approved documents that implement it.

A mapped control is not an implemented one. When an SoA entry says
`implementation: implemented` (or `partial`), `implemented_by` must list the
policies, procedures or records that carry it out, and each must exist, be in
force (not retired or superseded) and be approved. A draft procedure
implements nothing yet. Every SoA is checked, whatever its framework. An
entry of another framework's SoA that shares its implementation with a 42001
control (`same_as`, resolved to the 42001 SoA's entry) is not checked here:
its implementation is the 42001 entry's, which this rule checks there.

Passing::

    - control: A.6.2.4
      implementation: implemented
      implemented_by: [PRO-006]     # PRO-006 is approved

Failing::

    - control: A.6.2.4
      implementation: implemented
      implemented_by: []
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.positions import join_pointer
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import IMPLEMENTED, Entry, Soa, control_name, implementer_problem, statements

RULE = RuleInfo(
    "AIMS705", "soa-implementation-unsupported", Severity.ERROR,
    "Implemented controls must name approved implementing documents.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for soa in statements(ctx.corpus, None):
        for entry in soa.entries:
            if entry.shared is None and entry.implementation in IMPLEMENTED:
                yield from _entry(ctx, soa, entry)


def _entry(ctx: Context, soa: Soa, entry: Entry) -> Iterator[Finding]:
    if not entry.implemented_by:
        key = "implemented_by" if "implemented_by" in entry.has else "implementation"
        yield RULE.at(
            soa.source, entry.pointer(key),
            f"{_name(soa, entry)} is marked {entry.implementation} but implemented_by names no document",
        )
        return
    raw = soa.source.data["entries"][entry.index].get("implemented_by")
    for index, doc_id in enumerate(raw):
        problem = _problem(ctx, doc_id) if isinstance(doc_id, str) else None
        if problem:
            yield RULE.at(
                soa.source, join_pointer("entries", entry.index, "implemented_by", index),
                f"{_name(soa, entry)} is marked {entry.implementation}, but {doc_id} {problem}",
            )


def _name(soa: Soa, entry: Entry) -> str:
    return control_name(soa.framework, entry.control or f"entry {entry.index + 1}")


def _problem(ctx: Context, doc_id: str) -> str | None:
    # the same test readiness applies to implementing documents (aims_lint/soa.py)
    return implementer_problem(ctx.corpus, doc_id)
