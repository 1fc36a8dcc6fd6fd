"""A document that cites a framework should have that framework configured.

Which frameworks the management system answers to is configured
(`frameworks` in `[tool.aims_lint]` or `aims-lint.toml`, docs/frameworks.md; the finding
names the one the settings were read from). Readiness, the SoA
rules and the site cover the configured ones only, so a document citing
`ISO27001:A.5.1` in a repository configured for ISO/IEC 42001 alone makes a
claim no report will ever count. Either the framework belongs in the
configuration, or the citation is a leftover. The id itself is still
checked against its catalog (AIMS612, AIMS613). One warning per cited id;
an SoA of a framework that is not configured is one AIMS624 warning
instead, for its entries and its own framework's ids alike.

Passing::

    # frameworks = ["iso42001", "iso27001-2022"]
    controls: ["ISO27001:A.5.1"]

Failing::

    # frameworks = ["iso42001"]
    controls: ["ISO27001:A.5.1"]   # add "iso27001-2022" to frameworks
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.frameworks import framework
from aims_lint.catalog.references import soa_framework
from aims_lint.config import settings_source
from aims_lint.doctypes import SOA
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS611", "framework-not-configured", Severity.WARNING,
    "A document should cite only the frameworks the configuration lists.",
)


def check(ctx: Context) -> Iterator[Finding]:
    configured = set(ctx.settings.frameworks)
    # The file the settings were read from: `aims-lint.toml` wins over pyproject.toml (config.py).
    where = settings_source(ctx.settings.root)
    for source, cited_ids in ctx.corpus.cited:
        # An SoA of a framework that is not configured is one AIMS624 warning, not one per id in it.
        own = soa_framework(source.data) if source.behaviour == SOA else None
        for citation in cited_ids:
            row = framework(citation.cited.framework) if citation.cited.framework else None
            if row is None or row.id in configured or row.id == own:
                continue
            listed = ", ".join(f'"{f}"' for f in ctx.settings.frameworks)
            yield RULE.at(source, citation.pointer, (
                f"'{citation.cited.text}' cites {row.title}, which is not a configured framework; "
                f'add "{row.id}" to `frameworks` in {where} (now [{listed}])'
            ))
