"""An approved document's body holds no placeholder text.

The scaffold writes "*Fill this in: ...*" under each heading, and people
write "TBD" or "TODO" where they mean to come back. In an approved document
each is a gap that was signed off. Matched, in the body's text, in any case
and as words of their own: "Fill this in"; "TBD", "TBC", "TBA" and "XXX";
"TODO", but not "todo list"/"todo items" (nor "to-do"), which is prose;
"to be defined", "determined", "decided", "confirmed", "agreed", "added",
"written" or "completed" where the phrase ends the clause ("Owner: to be
determined.", "to be written up later"), not where it goes on ("to be
completed within five days", "to be determined by the AIMS manager"); and a
template value `{{ ... }}` never filled in (the list is
`placeholders.BODY_PLACEHOLDER`). Inline code, code blocks and HTML
comments are not text, so a "TODO" shown there as an example is not a
placeholder. Headings are searched too. Each finding is on the placeholder's own line and column.
(AIMS108 checks the front matter's `TODO:` values.)

The body rules (AIMS1001-AIMS1005) judge approved documents of types whose
schema declares `x-aims.body`; drafts are work in progress.

Passing::

    ## Steps
    1. Run `grep TODO` over the release notes before sign-off.

Failing::

    ## Steps
    1. TBD
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.body_templates import judged
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1003",
    "body-placeholder-text",
    Severity.ERROR,
    "Approved documents hold no placeholder text such as 'Fill this in', TBD, XXX or TODO.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source in ctx.corpus.sources:
        if not judged(source):
            continue
        for found in ctx.corpus.body(source).placeholders:
            yield RULE.finding(
                source.path,
                found.line,
                found.column,
                f"placeholder text '{found.text}' in an approved document; write what belongs here",
            )
