"""An applicable control must be addressed by at least one document.

A control the SoA includes should be traceable to something that carries it
out: a document in force that lists it in `controls`, or an existing document
named in the entry's `implemented_by`. An applicable control nothing
addresses is an error, or a warning while its implementation is `planned`.

Passing::

    # SoA: A.7.4 applicable: true, implementation: implemented
    # procedures/data-management.md: controls: [A.7.4]

Failing::

    # SoA: A.7.4 applicable: true, implementation: partial
    # no document lists A.7.4 and implemented_by is empty
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.references import in_force, string_items
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import Soa, current

RULE = RuleInfo(
    "AIMS707", "soa-control-unaddressed", Severity.ERROR,
    "Applicable controls must be addressed by a document.",
)


def check(ctx: Context) -> Iterator[Finding]:
    soa = current(ctx.corpus)
    if soa is None:
        return
    claimed = _claimed(ctx, soa)
    for entry in soa.entries:
        if entry.applicable is not True or entry.control is None or entry.control in claimed:
            continue
        if any(_active_document(ctx, doc_id) for doc_id in entry.implemented_by):
            continue
        finding = RULE.at(
            soa.source, entry.pointer("control"),
            f"applicable control {entry.control} is addressed by no document; list it in the "
            "controls of the documents that implement it",
        )
        yield finding.with_severity(Severity.WARNING) if entry.implementation == "planned" else finding


def _claimed(ctx: Context, soa: Soa) -> set[str]:
    """Controls listed in `controls` by documents in force, the SoA itself excepted."""
    return {
        control
        for source in ctx.corpus.sources
        if source is not soa.source and in_force(source)
        for _, control in string_items(source.data, "controls")
    }


def _active_document(ctx: Context, doc_id: str) -> bool:
    doc = ctx.corpus.get(doc_id)
    return doc is not None and doc.active
