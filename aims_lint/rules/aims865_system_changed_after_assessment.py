"""An AI system that changed after its latest impact or risk assessment must be reassessed.

A new model version, new training data or a new intended use changes what an
impact or risk assessment judged (ISO/IEC 42001 6.1.2, 6.1.4, 8.2, 8.4: the
assessments are repeated when significant changes occur). Git shows when
that happened. For every in-scope AI system in force, the latest approved
`impact-assessment` and the latest approved `risk-assessment` listing it in
`assesses` (by `event_date`) are compared with the system:

- the system's side is the newest commit that changed the *content* of its
  record, or of the document its `release` field names (the release record
  or model card of the version in use);
- the assessment's side is the newest commit that changed its content or
  recorded its approval: re-approving an assessment is how its owner says it
  still holds for the system as it now is.

Content is what change control counts (`BaseChanges.edited`, AIMS901),
less the approval: a commit that moves only `last_reviewed` and
`next_review` (a periodic review) or only `version`, `approved_on`,
`approver`, `effective_on` or `status` (an approval) changes no content.
"After" is the order of the history (`git log --date-order`, newest first),
so a change and its reassessment in the same commit are in order, and a
change merged from a branch the assessment never saw is after it. Only
committed history counts. Without history (a shallow clone, not a
repository) the rule is quiet and AIMS907 says why.

Passing::

    # commit 1: records/ai-system-chat.md (REC-010), records/risk-chat.md assesses [REC-010]
    # commit 2: the system record's body names the new model version, and
    #           records/risk-chat.md gets version "1.1", approved_on: 2026-03-02

Failing::

    # commit 1: records/ai-system-chat.md (REC-010), records/risk-chat.md assesses [REC-010]
    # commit 2 "Model 2.0": only the system record's body changes
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.doctypes import AI_SYSTEM, IMPACT_ASSESSMENT, RISK_ASSESSMENT
from aims_lint.document import SourceFile
from aims_lint.history import FileChange, Read
from aims_lint.history.content import last_content_change, last_edit_or_approval, reads
from aims_lint.inventory import Evidence, approved, by_subject, extra, latest, records
from aims_lint.model import Record
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS865", "system-changed-after-assessment", Severity.ERROR,
    "An AI system changed after its latest impact or risk assessment must be reassessed.",
    needs_history=True,
)
KINDS = (IMPACT_ASSESSMENT, RISK_ASSESSMENT)

# (the assessment's kind, the assessment, the system, and the system's sides: what and where)
Pair = tuple[str, Evidence, Record, list[tuple[str, str]]]


def check(ctx: Context) -> Iterator[Finding]:
    history = ctx.history
    if history is None or not history.available:
        return
    order = {sha: rank for rank, sha in enumerate(history.log.commits)}  # 0 = newest
    for kind, (source, assessment), system, sides in _pairs(ctx):
        assessed = last_edit_or_approval(history, source.path)
        if assessed is None or assessed.commit.sha not in order:
            continue  # never committed: being written now
        for label, path in sides:
            changed = last_content_change(history, path)
            if changed is not None and order[changed.commit.sha] < order[assessed.commit.sha]:
                yield _finding(kind, source, assessment, system, label, changed, assessed)


def revisions(ctx: Context) -> Iterator[Read]:
    """The revisions the walks in `check` compare, for every pair it looks at."""
    history = ctx.history
    if history is None:
        return
    for _, (source, _), _, sides in _pairs(ctx):
        yield from reads(history, source.path)
        for _, path in sides:
            yield from reads(history, path)


def _pairs(ctx: Context) -> Iterator[Pair]:
    """Each in-scope system's latest approved assessment of each kind, with the system's sides."""
    evidence = {kind: by_subject(approved(ctx.corpus, kind)) for kind in KINDS}
    for system_source, system in records(ctx.corpus, AI_SYSTEM):
        if extra(system, "in_scope") is not True:
            continue
        sides = [("its record", system_source.path), *_release(ctx, system)]
        for kind in KINDS:
            found = latest(evidence[kind].get(system.id, ()))
            if found is not None:
                yield kind, found, system, sides


def _release(ctx: Context, system: Record) -> list[tuple[str, str]]:
    """The document the system's `release` names, if it is one (AIMS866 reports one that is not)."""
    release = extra(system, "release")
    matches = ctx.corpus.by_id.get(release, []) if isinstance(release, str) else []
    return [(f"its release {release}", matches[0][0].path)] if len(matches) == 1 else []


def _finding(kind: str, source: SourceFile, assessment: Record, system: Record, label: str,
             changed: FileChange, assessed: FileChange) -> Finding:
    pointer = "/event_date" if "event_date" in source.data else "/id"
    return RULE.at(
        source, pointer,
        f"{kind} {assessment.id} is older than the last change to AI system {system.id}: {label} "
        f"changed in {_commit(changed)}, after this assessment was last changed or approved in "
        f"{_commit(assessed)}; reassess the system as it now is and record it here (new content, or "
        "a new version approved to say it still holds) or in a new assessment",
    )


def _commit(entry: FileChange) -> str:
    commit = entry.commit
    return f"{commit.short_sha} ({commit.day}, {commit.subject!r})"
