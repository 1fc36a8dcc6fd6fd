"""In a pull request, every changed controlled document must bump its version.

Runs with `aims-lint check --base REV` (pull-request mode). A policy,
procedure, SoA or roles registry whose content differs from the base (the
merge base of REV and HEAD) must carry a higher `version` than it had there,
so readers and auditors can tell the two texts apart. New documents and pure
renames are not changes. Versions compare numerically part by part ("1.10"
is above "1.9").

Passing::

    # at the base: version "1.2"; in the pull request: body edited and
    version: "1.3"

Failing::

    # at the base: version "1.2"; in the pull request: body edited and
    version: "1.2"
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS902", "version-not-bumped", Severity.ERROR,
    "Changed controlled documents must bump their version (--base).", needs_history=True,
)
_NUMERIC = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def check(ctx: Context) -> Iterator[Finding]:
    base = ctx.history.base if ctx.history is not None else None
    if base is None:
        return
    for source, doc, before in base.edited(ctx.corpus.typed):
        if not source.controlled:
            continue
        old = before.data.get("version")
        if old is None or doc.version is None or is_higher(doc.version, str(old)):
            continue
        where = "" if before.path == source.path else f" (then {before.path})"
        yield RULE.at(source, "/version", f"content changed since {base.rev}{where} but version "
                      f"{doc.version} is not above {old}; bump the version")


def is_higher(new: str, old: str) -> bool:
    if _NUMERIC.fullmatch(new) and _NUMERIC.fullmatch(old):
        return _parts(new) > _parts(old)
    return new != old  # a scheme we cannot order: any change of version counts


def _parts(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))
