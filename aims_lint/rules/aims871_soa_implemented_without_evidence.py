"""A control marked implemented needs an approved record that shows it operating.

AIMS705 asks that an implemented control names the documents that carry it
out; a policy or procedure shows how the control is meant to work, not that it
does. An auditor follows each implemented control to a record of it running:
an audit report that sampled it, a monitoring report, training records, an
assessment, an incident file. A record shows a control operating when it is
approved, in force, and lists the control in its `controls`
(`aims_lint.soa.operating_records`, the same test the readiness report uses to
count the control as implemented).

Without such a record the control can be at most `partial`. The rule warns on
the entry's `implementation` line and names the records that list the control
but do not count yet (drafts, retired ones). Controls marked `partial` or
`planned` are not checked.

Every SoA is checked against records citing its own framework's ids: an
implemented ISO/IEC 27001:2022 control needs a record listing
`ISO27001:A.5.1`. An entry that shares its implementation with a 42001
control (`same_as`) is evidenced once, on the 42001 SoA's entry: its
implementation is read from there, and a record listing either id counts
(`aims_lint.soa.evidence`).

Passing::

    # SoA
    - control: A.4.6
      implementation: implemented
      implemented_by: [POL-003]
    # records/training-2026.md: status approved
    controls: [A.4.6]

Failing::

    # SoA; no approved record lists A.4.6 in controls
    - control: A.4.6
      implementation: implemented
      implemented_by: [POL-003]
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.frameworks import qualified
from aims_lint.model import Record
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import Soa, evidence, statements

RULE = RuleInfo(
    "AIMS871", "soa-implemented-without-evidence", Severity.WARNING,
    "Implemented controls need an approved record showing them operating.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for soa in statements(ctx.corpus, None):
        for entry in soa.entries:
            control = entry.control
            if entry.shared is not None or entry.implementation != "implemented" or control is None:
                continue  # a shared entry is evidenced on the 42001 entry it shares
            if evidence(ctx.corpus, soa, entry):
                continue
            cited = qualified(soa.framework, control)
            yield RULE.at(
                soa.source, entry.pointer("implementation"),
                f"no approved record lists {cited} in controls{_not_counted(ctx, soa, control)}; add the "
                "record that shows it operating, or mark it partial",
            )


def _not_counted(ctx: Context, soa: Soa, control: str) -> str:
    """Records that list the control but are not approved records in force, so the author sees why."""
    waiting = sorted(
        f"{doc.id} ({doc.status})" for _, doc in ctx.corpus.typed
        if isinstance(doc, Record) and control in doc.control_ids(soa.framework)
    )
    if not waiting:
        return ""
    verbs = "lists it but does" if len(waiting) == 1 else "list it but do"
    return f" ({', '.join(waiting)} {verbs} not count)"
