"""A file discovery meant to read and could not.

Discovery reads the files its scanners recognise by name: manifests, lock files, code,
model files, SBOMs. One it could not read or make sense of (a lock file that is not valid
TOML or JSON, an SBOM that fails its schema, a model file whose header is cut short, a file
larger than `discover.max_file_bytes`, a file without read permission) may hide AI use, so an
inventory built without it is not complete: each is a warning at the place the problem was
found. The run goes on with the other files.

Passing::

    # package-lock.json: valid JSON

Failing::

    # package-lock.json: {"name": "app", "packages": {   (cut off: not valid JSON)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.ai_usage.findings import discovered
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1209", "unreadable-discovery-input", Severity.WARNING,
    "A file discovery meant to read and could not.",
    discovery=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    for unreadable in discovered(ctx).unreadable:
        yield RULE.finding(unreadable.path, unreadable.line, 1, unreadable.message)
