"""A required section holds more than its heading or placeholder text.

A heading with nothing under it, or only the scaffold's "*Fill this in*",
says the content was never written. The section counts as empty when it has
fewer words than its `min_words` in the schema (default 1). Words are counted
in the section and its subsections, in text, lists, tables and code;
headings and placeholder blocks (a paragraph or item that starts with "Fill
this in", "TBD" or "TODO", or holds nothing else) are not. A sentence said
again counts once (case and spacing aside), so filler repeated to reach the
length counts as what it says once. The finding is on the section's heading.

The body rules (AIMS1001-AIMS1005) judge approved documents of types whose
schema declares `x-aims.body`; drafts are work in progress.

Passing::

    ## Decisions
    Top management approved the 2027 objectives and the new audit programme.

Failing::

    ## Decisions
    TBD
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.body_templates import judged
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1002",
    "body-section-empty",
    Severity.ERROR,
    "Required sections of approved documents are not empty.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source in ctx.corpus.sources:
        if not judged(source) or source.schema is None or source.schema.body is None:
            continue
        body = ctx.corpus.body(source)
        for section in source.schema.body.sections:
            found = body.find(section.names)
            if found is None or found.words >= section.min_words:
                continue
            if found.words == 0 and found.placeholders:
                what = "holds only placeholder text"
            elif found.words == 0:
                what = "is empty"
            else:
                what = f"has {found.words} word(s); the schema asks for at least {section.min_words}"
            yield RULE.finding(source.path, found.line, 1, f"section '{found.heading}' {what}")
