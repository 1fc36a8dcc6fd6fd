"""An entry with `same_as` must not state a different implementation of its own.

With `same_as`, an entry's `implementation` and `implemented_by` are the
ISO/IEC 42001 SoA's entry's for that control; that is the point of sharing
(a shared control is implemented and evidenced once). If the entry states
its own values as well and they differ, readers of the two SoAs see two
answers and only one counts. Values equal to the 42001 entry's are allowed
(an exported SoA reads the same either way); `implemented_by` is compared as
a set. The finding points at the local field.

Passing::

    # 42001 SoA: - control: A.7.2, implementation: implemented, implemented_by: [PRO-004]
    # 27001 SoA:
    - control: A.5.34
      same_as: A.7.2

Failing::

    # 42001 SoA: - control: A.7.2, implementation: implemented, implemented_by: [PRO-004]
    # 27001 SoA:
    - control: A.5.34
      same_as: A.7.2
      implementation: partial
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import Entry, Soa, control_name, statements

RULE = RuleInfo(
    "AIMS623", "soa-same-as-conflict", Severity.ERROR,
    "An entry with same_as must not state a different implementation of its own.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for soa in statements(ctx.corpus, None):
        for entry in soa.entries:
            if entry.shared is not None:
                yield from _conflicts(soa, entry, entry.shared)


def _conflicts(soa: Soa, entry: Entry, shared: Entry) -> Iterator[Finding]:
    name = control_name(soa.framework, entry.control or f"entry {entry.index + 1}")
    fix = f"remove it here (same_as {entry.same_as} supplies it) or remove same_as"
    if "implementation" in entry.has and entry.implementation != shared.implementation:
        yield RULE.at(
            soa.source, entry.pointer("implementation"),
            f"{name} says implementation {entry.implementation or '(none)'}, but the ISO/IEC 42001 entry it "
            f"shares (same_as {entry.same_as}) says {shared.implementation or '(none)'}; {fix}",
        )
    if "implemented_by" in entry.has and set(entry.implemented_by) != set(shared.implemented_by):
        yield RULE.at(
            soa.source, entry.pointer("implemented_by"),
            f"{name} names implemented_by {_ids(entry.implemented_by)}, but the ISO/IEC 42001 entry it "
            f"shares (same_as {entry.same_as}) names {_ids(shared.implemented_by)}; {fix}",
        )


def _ids(values: tuple[str, ...]) -> str:
    return f"[{', '.join(values)}]"
