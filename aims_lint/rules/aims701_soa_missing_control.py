"""The Statement of Applicability must list every Annex A control of its framework.

ISO/IEC 42001 6.1.3 asks for a decision on each of the 38 Annex A controls,
whether the control applies or not; ISO/IEC 27001:2022 6.1.3 does the same for
its 93. A control left out of the SoA is a decision nobody made, which
auditors treat as a gap. Each SoA is held to its own framework's catalog
(`framework:`, ISO/IEC 42001 when absent). The finding is raised on the SoA's
`entries` list, once per missing control.

Passing::

    entries:
      - control: A.2.2
        applicable: true
        ...                  # and one entry for each of the other 37

Failing::

    entries:
      - control: A.2.2       # A.2.3 ... A.10.4 missing
        applicable: true
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import CatalogError, Item, load_catalog
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import control_name, statements

RULE = RuleInfo(
    "AIMS701", "soa-missing-control", Severity.ERROR, "The SoA must list every Annex A control."
)


def check(ctx: Context) -> Iterator[Finding]:
    for soa in statements(ctx.corpus, None):
        listed = {e.control for e in soa.entries}
        for control in _controls(soa.framework):
            if control.id not in listed:
                yield RULE.at(
                    soa.source, "/entries",
                    f"{control_name(soa.framework, control.id)} ({control.title}) is missing; "
                    "add an entry deciding whether it applies",
                    key=True,
                )


def _controls(framework: str) -> tuple[Item, ...]:
    """The controls an SoA of `framework` decides on; none for a framework this package has no
    catalog for (a `framework:` value the schema rejects, which it reports)."""
    try:
        return load_catalog(framework).controls
    except CatalogError:
        return ()
