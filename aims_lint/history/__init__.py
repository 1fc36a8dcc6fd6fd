"""Git history as evidence: one pass over the log, per-document lineages, pull-request changes.

`load_history()` is the entry point; it never raises. When history cannot be
read (no git, no repository, a shallow clone, an unknown revision) the result
says why in `History.problem`, and rule AIMS907 reports it once.
"""

from aims_lint.history.history import History
from aims_lint.history.load import load_history
from aims_lint.history.model import Change, Commit, FileChange, FileHistory, Log, Person, Signature

__all__ = [
    "Change", "Commit", "FileChange", "FileHistory", "History", "Log", "Person", "Signature",
    "load_history",
]
