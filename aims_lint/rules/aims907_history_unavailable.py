"""Git history must be readable when history-aware rules run.

Rules AIMS865, AIMS901-AIMS906 and AIMS910-AIMS914 read the git history. When it cannot be
read (git is not installed, the folder is not a git repository, the clone is
shallow, as `actions/checkout` makes by default, or the base revision is
unknown) they are skipped, and this rule says so once, with the reason and
the fix. A warning on an ordinary check; an error with `--base`, where the pull-request
checks cannot run at all, and when an approved document's `approval_evidence` is above
"claim", whose evidence is the history (AIMS910-AIMS914 would otherwise pass unseen).
The finding's path is the repository root, ".".

Passing::

    git clone https://example.org/aims.git      # full history
    aims-lint check

Failing::

    git clone --depth 1 https://example.org/aims.git
    aims-lint check --base origin/main
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.approvals.recording import approved, git_backed
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS907", "history-unavailable", Severity.WARNING,
    "Git history must be readable for the history rules.",
)


def check(ctx: Context) -> Iterator[Finding]:
    history = ctx.history
    if history is None or history.problem is None:
        return
    if history.required:
        finding = RULE.finding(".", 1, 1, f"git history is unavailable: {history.problem}; "
                               "the pull-request checks (--base) cannot run without it")
        yield finding.with_severity(Severity.ERROR)
    elif any(approved(ctx, git_backed)):
        levels = sorted({level for _, level in approved(ctx, git_backed)})
        finding = RULE.finding(".", 1, 1, f"git history is unavailable: {history.problem}; the "
                               f"approvals' evidence (approval_evidence {', '.join(levels)}) cannot be "
                               "checked without it")
        yield finding.with_severity(Severity.ERROR)
    else:
        yield RULE.finding(".", 1, 1, f"git history is unavailable: {history.problem}; "
                           "history checks (AIMS865, AIMS901-AIMS906) were skipped")
