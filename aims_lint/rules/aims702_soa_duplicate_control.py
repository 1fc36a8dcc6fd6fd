"""Each Annex A control must appear in the Statement of Applicability only once.

Two entries for the same control can say different things (one includes it,
one excludes it), and a reader cannot tell which decision stands. The
finding points at the repeated entry and names the line of the first one.
Every SoA is checked, whatever its framework; `ISO27001:A.5.1` and `A.5.1`
in a 27001 SoA are the same control.

Passing::

    entries:
      - control: A.5.2
      - control: A.5.3

Failing::

    entries:
      - control: A.5.2
      - control: A.5.2       # listed twice
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import Entry, control_name, statements

RULE = RuleInfo(
    "AIMS702", "soa-duplicate-control", Severity.ERROR, "The SoA must list each control once."
)


def check(ctx: Context) -> Iterator[Finding]:
    for soa in statements(ctx.corpus, None):
        first: dict[str, Entry] = {}
        for entry in soa.entries:
            if entry.control is None:
                continue
            if entry.control not in first:
                first[entry.control] = entry
                continue
            line, _ = soa.source.locate(first[entry.control].pointer("control"))
            yield RULE.at(
                soa.source, entry.pointer("control"),
                f"{control_name(soa.framework, entry.control)} is listed twice (first on line {line}); "
                "keep one entry",
            )
