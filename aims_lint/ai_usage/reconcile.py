"""What the register says about each discovered use: the matching the reconcile rules share.

Pure functions of the corpus and the `Discovery` (whose `sources` were resolved before the
rules ran, `sources.locate`), so that AIMS1220-AIMS1224 and `discover --draft` agree on what
is unregistered. Places are absolute posix strings compared by path components, never by
reading the file system.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from aims_lint.ai_usage.evidence import Discovery, SourceLocation, Use
from aims_lint.ai_usage.findings import describe
from aims_lint.corpus import Corpus
from aims_lint.doctypes import AI_SYSTEM
from aims_lint.inventory import model_entries, model_key, records


def within(child: str, parent: str) -> bool:
    """Whether the absolute path `child` is `parent` or lies under it."""
    if not child or not parent:
        return False
    parent = parent.rstrip("/") or "/"
    return child == parent or child.startswith(parent if parent == "/" else parent + "/")


def _relative(path: str, root: str) -> str | None:
    """`path` relative to the scanned root `root` (both as given on the command line), or None."""
    path, root = posixpath.normpath(path), posixpath.normpath(root)
    if root == ".":
        return None if path == ".." or path.startswith("../") or path.startswith("/") else path
    if path == root:
        return "."
    return path[len(root) + 1 :] if path.startswith(root.rstrip("/") + "/") else None


def place(discovery: Discovery, use: Use) -> str | None:
    """The absolute place of a use: its path under the (longest) scanned root it was found in,
    joined to that root's resolved path; None when no root contains it."""
    best: tuple[int, str] | None = None
    for given, resolved in zip(discovery.roots, discovery.resolved_roots, strict=False):
        rest = _relative(use.path, given)
        if rest is not None and (best is None or len(given) > best[0]):
            best = (len(given), posixpath.normpath(posixpath.join(resolved, rest)))
    return best[1] if best else None


def sources_of(discovery: Discovery, place_: str | None) -> list[SourceLocation]:
    """The `sources` entries (of any AI system record in force) that `place_` lies under."""
    if place_ is None:
        return []
    return [s for s in discovery.sources if s.resolved and within(place_, s.resolved)]


def registered_models(corpus: Corpus) -> set[str]:
    """The `models[].id` of every AI system record in force, compared as `model_key` does."""
    return {model_key(m.id) for _, doc in records(corpus, AI_SYSTEM) for m in model_entries(doc)}


def unregistered_uses(corpus: Corpus, discovery: Discovery) -> list[Use]:
    """Uses under no AI system record's `sources` whose model (if any) no record lists (AIMS1220)."""
    models = registered_models(corpus)
    return [
        use for use in discovery.uses
        if not sources_of(discovery, place(discovery, use))
        and not (use.model and model_key(use.model) in models)
    ]


def unregistered_models(corpus: Corpus, discovery: Discovery) -> list[Use]:
    """Uses naming a model that no AI system record lists in `models[].id` (AIMS1223)."""
    models = registered_models(corpus)
    return [use for use in discovery.uses if use.model and model_key(use.model) not in models]


def scanned(discovery: Discovery, locations: Iterable[SourceLocation]) -> bool:
    """Whether every one of `locations` exists and lies inside a scanned root (AIMS1221)."""
    locations = list(locations)
    return bool(locations) and all(
        s.exists and any(within(s.resolved, root) for root in discovery.resolved_roots) for s in locations
    )


def described(use: Use) -> str:
    """A use in a few words for a message: `dependency openai 1.51.0 (openai)`."""
    return f"{use.kind.value} {describe(use)}"
