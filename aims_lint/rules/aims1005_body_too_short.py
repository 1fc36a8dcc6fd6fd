"""An approved document's body is at least as long as its schema asks.

A schema's `x-aims.body.min_words` is the least an auditor could read as
content for a document of that type: a policy of three lines commits to
nothing. Words are counted in the whole body, in text, lists, tables and
code; headings and placeholder blocks (a paragraph or item that starts with
"Fill this in", "TBD" or "TODO", or holds nothing else) are not. A sentence said
again counts once (case and spacing aside), so filler repeated to reach a
length counts as what it says once. The finding
is on the body's first line.

The body rules (AIMS1001-AIMS1005) judge approved documents of types whose
schema declares `x-aims.body`; drafts are work in progress.

Passing::

    x-aims: {body: {min_words: 5}}
    ---
    status: approved
    ---
    Every AI system in scope is assessed before release.

Failing::

    ---
    status: approved
    ---
    TBD.
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.body_templates import judged
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1005",
    "body-too-short",
    Severity.ERROR,
    "Approved documents' bodies are at least as long as their schema asks.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source in ctx.corpus.sources:
        if not judged(source) or source.schema is None or source.schema.body is None:
            continue
        wanted = source.schema.body.min_words
        body = ctx.corpus.body(source)
        if body.words < wanted:
            yield RULE.finding(
                source.path,
                body.first_line,
                1,
                f"the body has {body.words} word(s); "
                f"the {source.schema.path} schema asks for at least {wanted}",
            )
