"""An SoA must decide on a framework the repository is configured to run.

An SoA with `framework: iso27001-2022` in a repository whose `frameworks`
setting does not name `iso27001-2022` is either left over or the setting is
incomplete: the readiness report and the other per-framework checks leave that
framework out, so the SoA is checked (every SoA rule still runs on it) but
counts for nothing. Reported once per SoA, on its `framework` field, as a
warning: the SoA itself may be fine. This rule, not a finding per entry, is
how an SoA of an unconfigured framework is reported.

Passing::

    # aims-lint.toml: frameworks = ["iso42001", "iso27001-2022"]
    framework: iso27001-2022

Failing::

    # aims-lint.toml: frameworks = ["iso42001"]
    framework: iso27001-2022
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.frameworks import framework
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import statements

RULE = RuleInfo(
    "AIMS624", "soa-framework-not-configured", Severity.WARNING,
    "An SoA must decide on a framework the repository is configured to run.",
)


def check(ctx: Context) -> Iterator[Finding]:
    configured = set(ctx.settings.frameworks)
    for soa in statements(ctx.corpus, None):
        if soa.framework in configured:
            continue
        row = framework(soa.framework)
        title = row.title if row is not None else soa.framework
        listed = ", ".join(f'"{fw}"' for fw in (*ctx.settings.frameworks, soa.framework))
        yield RULE.at(
            soa.source, "/framework",
            f"this SoA decides on {title}, which is not a configured framework; add it to the "
            f"frameworks setting (frameworks = [{listed}]) or retire the SoA",
        )
