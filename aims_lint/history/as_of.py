"""The commit that stood on a day: the main line as it was at the end of that day.

`aims-lint render --as-of DATE` stages the system as an auditor sampling it
that day would have found it. That is the newest commit of HEAD's first-parent
line (the main line, not a branch merged later) whose committer date, in the
committer's own offset, is on or before the day: the same day the history
shows for each commit. One `git log --first-parent` process answers it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from aims_lint.history.gitcmd import HistoryUnavailable
from aims_lint.history.gitlog import check_complete, open_repo, resolve
from aims_lint.history.pinned import Pinned


def pin_on(root: Path, day: date, rev: str = "HEAD") -> Pinned:
    """The commit of `rev`'s main line that stood at the end of `day`; HistoryUnavailable if none did."""
    repo = open_repo(root)
    check_complete(repo)  # a cut history would make an early day look empty
    head = resolve(repo, rev)
    if head is None:
        raise HistoryUnavailable("the repository has no commits yet")
    listing = repo.text("log", "--first-parent", "--no-show-signature", "--format=%H %cI", head, "--")
    for line in listing.splitlines():
        sha, _, when = line.partition(" ")
        if datetime.fromisoformat(when).date() <= day:
            return Pinned(repo, sha)
    raise HistoryUnavailable(f"no commit of {rev} is dated on or before {day.isoformat()}: "
                             "the repository did not exist yet")
