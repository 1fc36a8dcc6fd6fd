"""An applicable control must be addressed by at least one document.

A control the SoA includes should be traceable to something that carries it
out: a document in force that lists it in `controls`, or an existing document
named in the entry's `implemented_by`. An applicable control nothing
addresses is an error, or a warning while its implementation is `planned`.
Each framework's current SoA is checked against the ids of its own framework
(`ISO27001:A.5.1` in `controls` addresses the 27001 SoA's A.5.1). An entry
that shares its implementation with a 42001 control (`same_as`) is also
addressed by the documents that address that 42001 control.

Passing::

    # SoA: A.7.4 applicable: true, implementation: implemented
    # procedures/data-management.md: controls: [A.7.4]

Failing::

    # SoA: A.7.4 applicable: true, implementation: partial
    # no document lists A.7.4 and implemented_by is empty
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, parse
from aims_lint.catalog.references import in_force, string_items
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import Entry, Soa, control_name, current, statements

RULE = RuleInfo(
    "AIMS707", "soa-control-unaddressed", Severity.ERROR,
    "Applicable controls must be addressed by a document.",
)


def check(ctx: Context) -> Iterator[Finding]:
    found = statements(ctx.corpus, None)
    soas = {s.source.path for s in found}
    for framework in sorted({s.framework for s in found}):
        soa = current(ctx.corpus, framework)
        if soa is not None:
            yield from _unaddressed(ctx, soa, _claimed(ctx, soas))


def _unaddressed(ctx: Context, soa: Soa, claimed: set[tuple[str | None, str]]) -> Iterator[Finding]:
    for entry in soa.entries:
        if entry.applicable is not True or entry.control is None or _addressed(ctx, soa, entry, claimed):
            continue
        finding = RULE.at(
            soa.source, entry.pointer("control"),
            f"applicable {control_name(soa.framework, entry.control)} is addressed by no document; list it "
            "in the controls of the documents that implement it",
        )
        planned = entry.effective_implementation == "planned"
        yield finding.with_severity(Severity.WARNING) if planned else finding


def _addressed(ctx: Context, soa: Soa, entry: Entry, claimed: set[tuple[str | None, str]]) -> bool:
    if (soa.framework, entry.control) in claimed:
        return True
    if entry.shared is not None and (DEFAULT_FRAMEWORK, entry.same_as) in claimed:
        return True
    return any(_active_document(ctx, doc_id) for doc_id in entry.effective_implemented_by)


def _claimed(ctx: Context, soas: set[str]) -> set[tuple[str | None, str]]:
    """(framework, control) listed in `controls` by documents in force, the SoAs themselves excepted."""
    return {
        (cited.framework, cited.local)
        for source in ctx.corpus.sources
        if source.path not in soas and in_force(source)
        for cited in (parse(value) for _, value in string_items(source.data, "controls"))
    }


def _active_document(ctx: Context, doc_id: str) -> bool:
    doc = ctx.corpus.get(doc_id)
    return doc is not None and doc.active
