"""Where the AI system records' `sources` point on this machine, for the reconcile rules.

A `sources` entry names a path inside a repository: `repo` is a name under
`[tool.aims_lint.discover.repositories]`, whose `path` is the local checkout (relative to the
aims repository's root), and an entry without `repo` lies in the aims repository itself. The
rules (AIMS1220-AIMS1224) read no file, so this is resolved once, before they run, into
`SourceLocation`s on the `Discovery`; `resolved` is compared with the scanned roots and with
each use's place, both resolved the same way.
"""

from __future__ import annotations

from pathlib import Path

from aims_lint.ai_usage.evidence import SourceLocation
from aims_lint.config import CONFIG_FILE, Settings
from aims_lint.corpus import Corpus
from aims_lint.doctypes import AI_SYSTEM
from aims_lint.inventory import records, source_entries


def repositories(settings: Settings) -> dict[str, Path]:
    """Each configured repository's name to its local checkout, absolute (not resolved); a
    repository configured with a `url` alone has no checkout here."""
    return {
        name: settings.root / repository.path
        for name, repository in settings.discover.repositories.items()
        if repository.path
    }


def repository_table(settings: Settings, name: str) -> str:
    """Where to configure repository `name`, in the file the settings are read from: a message
    telling someone to edit `[tool.aims_lint...]` of pyproject.toml is wrong when aims-lint.toml
    (where the table is `[discover...]`) is what `init` wrote."""
    if (settings.root / CONFIG_FILE).is_file():
        return f"[discover.repositories.{name}] of {CONFIG_FILE}"
    return f"[tool.aims_lint.discover.repositories.{name}] of pyproject.toml"


def base_of(settings: Settings, repo: str) -> Path | None:
    """The folder a source's `path` is relative to: the named repository's checkout, the aims
    repository's root for "" (or "."), None when no repository has that name."""
    if repo in ("", "."):
        return settings.root
    return repositories(settings).get(repo)


def locate(settings: Settings, corpus: Corpus) -> tuple[SourceLocation, ...]:
    """Every `sources` entry of every AI system record in force, resolved, in record order."""
    found = []
    for source, system in records(corpus, AI_SYSTEM):
        for entry in source_entries(system):
            base = base_of(settings, entry.repo)
            if base is None:
                found.append(
                    SourceLocation(source.path, system.id, entry.index, entry.repo, entry.path, "", False)
                )
                continue
            try:
                target = (base / entry.path).resolve()
                exists = target.exists()
            except (OSError, RuntimeError):  # a link loop, a name the system refuses
                target, exists = base / entry.path, False
            found.append(SourceLocation(
                source.path, system.id, entry.index, entry.repo, entry.path, target.as_posix(), exists
            ))
    return tuple(found)
