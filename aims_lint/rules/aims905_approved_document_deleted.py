"""In a pull request, an approved document must be retired, not deleted.

Runs with `aims-lint check --base REV`. Deleting an approved document removes
the record of what was in force; set `status: retired` instead, so the site
and the evidence bundle keep showing it as no longer in force. The finding
sits on the deleted path, line 1. A document that moved should be moved
with `git mv` (it then keeps its lineage and is not deleted).

Passing::

    # policies/old-vendor.md at the base: status approved; in the pull request:
    status: retired

Failing::

    # policies/old-vendor.md at the base: status approved; in the pull request:
    # the file is deleted
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS905", "approved-document-deleted", Severity.ERROR,
    "Approved documents must be retired, not deleted (--base).", needs_history=True,
)


def check(ctx: Context) -> Iterator[Finding]:
    base = ctx.history.base if ctx.history is not None else None
    if base is None:
        return
    for doc in base.deleted:
        if doc.data.get("status") != "approved":
            continue
        name = f"approved document {doc.data.get('id') or ''}".rstrip()
        yield RULE.finding(doc.path, 1, 1, f"{name} was deleted since {base.rev}; "
                           "set status: retired instead of deleting it")
