"""A path given to `check` must be a document: a file in a folder a schema claims.

`aims-lint check suppliers/acme.md`, where no schema lists `suppliers/` in
`x-aims.folders`, would otherwise read nothing, print "0 documents checked"
and pass: a misspelt folder, or a new type whose schema was forgotten, would
look checked in CI. A file is claimed when discovery reads it: a `*.md` file
below a document folder, outside hidden folders, not excluded. A folder given
stands for the documents below it, and is reported only when it holds no
document folder and lies in none (`check docs/`). The pre-commit hook runs
`check --skip-unclaimed`: it passes every staged Markdown file, and a README
beside the documents is not one (docs/ci-gates.md).

Passing::

    aims-lint check policies/ai-policy.md
    # policy.schema.yaml: x-aims: {type: policy, folders: [policies]}

Failing::

    aims-lint check suppliers/acme.md
    # no schema lists suppliers/ in x-aims.folders
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS020",
    "unclaimed-path",
    Severity.ERROR,
    "A path given to check must be a document in a folder a schema claims.",
)


def check(ctx: Context) -> Iterator[Finding]:
    folders = ctx.schemas.document_folders(ctx.settings.paths)
    for path in ctx.unclaimed:
        yield RULE.finding(path, 1, 1, _why(path, ctx, folders))


def _why(path: str, ctx: Context, folders: tuple[str, ...]) -> str:
    inside = any(path == folder or path.startswith(f"{folder}/") for folder in folders)
    glob = next((g for g in ctx.settings.exclude if fnmatch.fnmatch(path, g)), None)
    if not inside:
        return f"not a document: no schema claims it; {_where(ctx, folders)}"
    if not path.endswith(".md"):
        return "not a document: only Markdown (.md) files are checked"
    if glob is not None:
        return f"not checked: the configuration excludes it (exclude: '{glob}')"
    return "not checked: it lies in a hidden folder (or behind a folder link), which check never reads"


def _where(ctx: Context, folders: tuple[str, ...]) -> str:
    listed = ", ".join(f"{f}/" for f in folders) or "none"
    if ctx.settings.paths is not None:
        return f"it lies outside the folders the paths setting lists ({listed})"
    return (
        f"it lies outside every folder the schemas list in x-aims.folders ({listed}); "
        "add its folder to a schema, or a schema for it"
    )
