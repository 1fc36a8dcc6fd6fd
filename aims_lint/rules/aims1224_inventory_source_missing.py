"""Every `sources` entry of an AI system points at something discovery can scan.

An entry's `repo` must be a repository configured under `[tool.aims_lint.discover.
repositories]` (left out, the aims repository itself), and its `path` must exist in that
repository's local checkout. Otherwise reconciling cannot tell whether the system's code shows
AI use: a mistyped name or a moved folder hides it, and so does a checkout the CI job did not
make. A warning on the entry. Runs only with `--reconcile`.

Passing::

    # pyproject.toml: [tool.aims_lint.discover.repositories.triageflow] path = "../triageflow"
    sources: [{repo: triageflow, path: src}]   # ../triageflow/src exists

Failing::

    sources: [{repo: triagefolw, path: src}]   # no repository of that name is configured
    sources: [{repo: remote, path: src}]       # `remote` has a `url` and no local `path`
    sources: [{repo: triageflow, path: scr}]   # ../triageflow/scr does not exist
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_usage.sources import repository_table
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1224", "inventory-source-missing", Severity.WARNING,
    "An AI system's sources entry names an unknown repository or a missing path.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    if ctx.discovered is None:
        return
    by_path = {s.path: s for s in ctx.corpus.sources}
    for location in ctx.discovered.sources:
        source = by_path.get(location.record)
        if source is None:
            continue
        system = f"AI system {location.system}"
        table = repository_table(ctx.settings, location.repo)
        if not location.resolved and location.repo in ctx.settings.discover.repositories:
            yield RULE.at(
                source, f"/sources/{location.index}/repo",
                f"{system} names repository {location.repo!r}, which is configured without a local "
                f"`path`, so this run cannot look at it; give it `path` in {table} (its checkout, "
                "relative to this repository), and check it out there where discovery runs",
            )
        elif not location.resolved:
            yield RULE.at(
                source, f"/sources/{location.index}/repo",
                f"{system} names repository {location.repo!r}, which is not configured; add "
                f"{table} with its local `path`",
            )
        elif not location.exists:
            where = f"repository {location.repo!r}" if location.repo else "this repository"
            yield RULE.at(
                source, f"/sources/{location.index}/path",
                f"{system} names {location.path!r} in {where}, which does not exist in its local "
                "checkout; correct the path, or check the repository out where it is configured",
            )
