"""MkDocs' `site_dir`, which it empties before every build: only a folder aims-lint built.

MkDocs deletes everything in `site_dir` (but hidden files) before it writes
the site, so `site_dir: .` or `site_dir: policies` in mkdocs.yml would wipe
the repository. Before each build the folder is claimed like the site source
(see `aims_lint.owned_folder`): new, empty, marked by an earlier build, or
holding nothing but an earlier build of an aims-lint site (adopted once).
In a marked folder, a file the last build did not write is refused too, since
MkDocs would delete it. After the build the marker lists what it wrote.
"""

from __future__ import annotations

from pathlib import Path

from aims_lint.atomic import WriteRefused
from aims_lint.config import Settings
from aims_lint.owned_folder import OwnedFolder, claim

# What every build of an aims-lint site holds (MkDocs writes no Markdown into site_dir).
_BUILT = ("index.html", "assets/aims/aims.css")


def claim_site_dir(site_dir: Path, settings: Settings) -> OwnedFolder:
    owned = claim(site_dir, settings, purpose="build the site into", earlier_output=earlier_build)
    # MkDocs leaves hidden files alone, so only the others are at risk.
    unknown = sorted(f for f in owned.present - owned.listed if not _hidden(f))
    if unknown:
        raise WriteRefused(
            f"refusing to build the site into {owned.shown}: {owned.shown}/{unknown[0]} was not written by "
            f"an aims-lint build ({len(unknown)} such file(s)) and MkDocs would delete it; move it away"
        )
    return owned


def record_build(owned: OwnedFolder) -> None:
    """After the build: the marker lists every file now in the folder (all MkDocs wrote)."""
    files = [p.relative_to(owned.path).as_posix() for p in owned.path.rglob("*") if p.is_file()]
    owned.record(f for f in files if not _hidden(f))


def earlier_build(folder: Path, files: frozenset[str]) -> bool:
    """An unmarked folder holding an earlier build of an aims-lint site, and nothing else."""
    return all(f in files for f in _BUILT) and not any(f.endswith(".md") for f in files)


def _hidden(rel: str) -> bool:
    return rel.startswith(".")
