"""Read the history once: open the repository, refuse what is incomplete, parse, follow renames."""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection

from aims_lint import progress
from aims_lint.config import Settings
from aims_lint.discover import document_folders, is_candidate
from aims_lint.history.base import compare
from aims_lint.history.follow import build_log
from aims_lint.history.gitcmd import Git, HistoryUnavailable
from aims_lint.history.gitlog import check_complete, open_repo, resolve, stream_log
from aims_lint.history.history import History
from aims_lint.history.model import Log
from aims_lint.history.parse import parse_tokens, split_tokens


def load_history(settings: Settings, *, rev: str = "HEAD", base: str | None = None,
                 documents: Collection[str] = (), folders: tuple[str, ...] | None = None) -> History:
    """The history of the repository holding `settings.root`, as of `rev`.

    With `base`, also what changed since then (pull-request mode); history is
    then required, and its absence is an error rather than a warning.
    `documents` are the current document paths (to spot new, untracked ones);
    `folders` are the document folders (discover.document_folders), if the
    caller has them.
    """
    required = base is not None
    folders = document_folders(settings) if folders is None else folders
    try:
        repo = open_repo(settings.root)
        check_complete(repo)
        log = read_history(repo, rev)
        is_document = _document_filter(settings, documents, folders)
        changes = compare(repo, base, folders, is_document, settings.max_file_bytes) if base else None
    except HistoryUnavailable as exc:
        return History(problem=str(exc), required=required)
    except Exception as exc:  # any other failure reading git must be a finding, not a traceback
        return History(problem=f"cannot read git history: {type(exc).__name__}: {exc}", required=required)
    return History(log, required=required, base=changes, source=repo, max_bytes=settings.max_file_bytes)


def history_at(repo: Git, commit: str, max_bytes: int) -> History:
    """The history up to `commit` (the evidence bundle's); raises HistoryUnavailable."""
    return History(read_history(repo, commit), source=repo, max_bytes=max_bytes)


def read_history(repo: Git, rev: str = "HEAD") -> Log:
    """One log pass from `rev`; a repository without commits has an empty log."""
    head = resolve(repo, rev)
    if head is None:
        return Log()
    # Parsing makes tens of thousands of objects that all stay alive; the cyclic
    # collector would rescan them again and again (about 20% of the parse time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        commits = parse_tokens(split_tokens(stream_log(repo, head)), repo.prefix)
        return build_log(progress.track(commits, "reading git history (commits)"), head)
    finally:
        if enabled:
            gc.enable()


def _document_filter(
    settings: Settings, documents: Collection[str], folders: tuple[str, ...]
) -> Callable[[str], bool]:
    """Whether a path is (or was) a document: what discovery would pick up."""
    known = set(documents)

    def is_document(path: str) -> bool:
        return path in known or is_candidate(path, folders, settings.exclude)

    return is_document
