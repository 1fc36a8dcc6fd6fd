"""An approved document has every section its schema requires.

A schema's `x-aims.body.sections` names the headings an auditor looks for in
a document of that type: a procedure's steps, a management review's inputs
and decisions, an impact assessment's affected parties. Without the heading
the content is either missing or somewhere nobody will find it. A heading
matches at level `##` or deeper, case aside, by its name or one of its
aliases; a leading number ("2.") and a trailing parenthesis ("(A.5.4)") do
not count. The finding stands where the section belongs: on the heading of
the required section before it, or on the body's first line.

The body rules (AIMS1001-AIMS1005) judge approved documents of types whose
schema declares `x-aims.body`; drafts are work in progress.

Passing::

    x-aims: {body: {sections: [{heading: Steps}]}}
    ---
    status: approved
    ---
    ## Steps
    1. The AIMS manager lists the AI systems in scope.

Failing::

    ---
    status: approved
    ---
    ## Purpose
    Why the procedure exists, and no steps at all.
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.body_templates import judged
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1001",
    "body-section-missing",
    Severity.ERROR,
    "Approved documents have every section their schema requires.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source in ctx.corpus.sources:
        if not judged(source) or source.schema is None or source.schema.body is None:
            continue
        body = ctx.corpus.body(source)
        where = body.first_line
        for section in source.schema.body.sections:
            found = body.find(section.names)
            if found is not None:
                where = found.line
                continue
            also = f" (or {', '.join(repr(a) for a in section.aliases)})" if section.aliases else ""
            yield RULE.finding(
                source.path,
                where,
                1,
                f"required section '{section.heading}'{also} is missing; "
                f"the {source.schema.path} schema asks for it",
            )
