"""An AI system's `release` must name a document in the repository, other than its own record.

`release` points from an AI system's inventory record to the document that
describes the version in use (a release record, a model card). AIMS865 asks
whether that document changed after the system's latest assessments; a
release id that names no document, or the record itself, would let a new
release go unseen, so it is an error where the id is written.

Passing::

    # records/ai-system-chat.md (REC-010):
    release: REC-015     # records/release-chat-2-0.md has id REC-015

Failing::

    release: REC-099     # no document has this id
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import AI_SYSTEM
from aims_lint.inventory import extra, records
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS866", "unknown-release", Severity.ERROR,
    "An AI system's release must name another document in the repository.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source, system in records(ctx.corpus, AI_SYSTEM):
        release = extra(system, "release")
        if not isinstance(release, str):
            continue  # absent, or not a string (the schema rules report that)
        if release == system.id:
            yield RULE.at(source, "/release", f"AI system {system.id} names its own record as its "
                          "release; name the release record or model card of the version in use")
        elif release not in ctx.corpus.by_id:
            yield RULE.at(source, "/release", f"release {release} of AI system {system.id} is no "
                          "document in the repository; name the release record or model card of the "
                          "version in use, or remove the field")
