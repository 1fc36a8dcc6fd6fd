"""An approved scope document has the sections a scope needs, each with content.

A scope document (`aims_lint/scope.py`: in force, citing clause 4.3 and
naming `systems_in_scope`) is a policy by type, so its type's `x-aims.body`
asks only for what every policy has. What makes it a scope is written in
`scope.SCOPE_BODY`: the issues the AIMS must address (4.1), its interested
parties and their requirements (4.2) and the scope itself (4.3), each a
heading (or one of its aliases, matched as every body section is: "## Scope
(4.3)" is "Scope") with at least that many words under it, a repeated
sentence counted once. A scope of one sentence said twelve times, or one
whose boundary is a heading and "TBD", names systems in its front matter but
draws no boundary an auditor can read. The finding is on the missing
section's place (the heading of the section before it, or the body's first
line) or on the empty section's heading.

Passing::

    ---
    clauses: ["4.3"]
    systems_in_scope: [REC-020]
    status: approved
    ---
    ## Issues that affect the AIMS (4.1)
    ... thirty words or more ...
    ## Interested parties and their requirements (4.2)
    ... thirty words or more ...
    ## Scope (4.3)
    ... sixty words or more: systems, activities, sites, exclusions ...

Failing::

    ---
    clauses: ["4.3"]
    systems_in_scope: [REC-020]
    status: approved
    ---
    The AIMS covers everything we do.
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.scope import SCOPE_BODY, scope_documents

RULE = RuleInfo(
    "AIMS1006",
    "scope-body-section",
    Severity.ERROR,
    "Approved scope documents have issues, interested parties and scope sections with content.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, doc in scope_documents(ctx.corpus):
        if source.data.get("status") != "approved":
            continue  # a draft scope is work in progress, as for the other body rules
        body = ctx.corpus.body(source)
        where = body.first_line
        for section in SCOPE_BODY.sections:
            found = body.find(section.names)
            if found is None:
                also = ", ".join(repr(a) for a in section.aliases)
                yield RULE.finding(
                    source.path,
                    where,
                    1,
                    f"the scope document {doc.id} has no section '{section.heading}' (or {also})",
                )
                continue
            where = found.line
            if found.words < section.min_words:
                yield RULE.finding(
                    source.path,
                    found.line,
                    1,
                    f"section '{found.heading}' of the scope document {doc.id} has {found.words} word(s); "
                    f"a scope needs at least {section.min_words} there",
                )
