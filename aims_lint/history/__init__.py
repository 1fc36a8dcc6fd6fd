"""Git history as evidence: one pass over the log, per-document lineages, pull-request changes.

Everything outside this package gets git facts from here, as plain frozen
values; only `gitcmd.py` starts git. `load_history()` is the entry point; it
never raises. When history cannot be read (no git, no repository, a shallow
clone, an unknown revision) the result says why in `History.problem`, and
rule AIMS907 reports it once. `pin()` gives one commit's files and history
(the evidence bundle), `locate()` one commit to check a bundle against;
both raise `HistoryUnavailable` instead.
"""

from aims_lint.history.gitcmd import HistoryUnavailable
from aims_lint.history.history import History, RevisionNotLoaded
from aims_lint.history.load import load_history
from aims_lint.history.model import (
    Change,
    Commit,
    FileChange,
    FileHistory,
    Key,
    Log,
    Person,
    Read,
    Revision,
    Signature,
)
from aims_lint.history.pinned import Pinned, TreeFile, locate, pin

__all__ = [
    "Change", "Commit", "FileChange", "FileHistory", "History", "HistoryUnavailable", "Key", "Log",
    "Person", "Pinned", "Read", "Revision", "RevisionNotLoaded", "Signature", "TreeFile", "load_history",
    "locate", "pin",
]
