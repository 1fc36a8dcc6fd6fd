"""Git history for the site: read once per render, shared with the lint run.

`aims_lint.history.load_history` reads the whole log in one pass and never
raises; when there is no history to show (no git, a shallow clone) it says
why in `History.problem`, which every page shows and the build logs.
"""

from __future__ import annotations

from aims_lint.config import Settings
from aims_lint.escape import href
from aims_lint.history import History, load_history


def collect(settings: Settings, documents: list[str]) -> History:
    return load_history(settings, documents=documents)


def commit_url(repo_url: str | None, sha: str) -> str | None:
    """The web page of a commit when the repository's address is configured."""
    return href(f"{repo_url.rstrip('/')}/commit/{sha}") if repo_url else None


def pull_url(repo_url: str | None, number: int) -> str | None:
    return href(f"{repo_url.rstrip('/')}/pull/{number}") if repo_url else None
