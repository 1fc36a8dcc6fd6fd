"""A control id of another framework must exist in that framework's catalog.

`controls` (and `scope_controls`, and the entries of another framework's
SoA) may cite other frameworks' items with their prefix: ISO/IEC 27001:2022
Annex A controls (`ISO27001:A.5.1`), NIST AI RMF subcategories
(`NIST-AI-RMF:GOVERN-1.1`), EU AI Act articles (`EU-AI-ACT:Art-27`).
ISO/IEC 42001's own controls are AIMS602's. Each is checked against the
packaged catalog of its framework, and the finding explains the mistake in
that framework's numbering: 27001's organisational controls stop at A.5.37,
GOVERN has six categories, the AI Act has 113 articles. The suggestion
carries the prefix. An item of a kind documents do not cite in `controls`
(a NIST function) is named, with what to cite instead. It runs whether the
framework is configured or not (AIMS611 warns about that).

Passing::

    controls: ["ISO27001:A.5.37", "NIST-AI-RMF:GOVERN-1.1", "EU-AI-ACT:Art-27"]

Failing::

    controls: ["ISO27001:A.5.38"]    # 27001's organisational controls stop at A.5.37
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog.unknown_ids import unknown_ids
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS613", "unknown-framework-control", Severity.ERROR,
    "Control ids of other frameworks must exist in that framework's catalog.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, pointer, message in unknown_ids(ctx.corpus, "controls"):
        yield RULE.at(source, pointer, message)
