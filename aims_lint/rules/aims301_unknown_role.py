"""Owner and approver must name roles defined in the roles registry.

ISO/IEC 42001 5.3 asks for roles and responsibilities to be assigned. Owners
and approvers are therefore role ids (`aims-manager`), not people, and each
must be defined in a roles registry document (`type: roles`). That way a
change of person is one edit in the registry, not a hunt through every
document. Also checks the other roles a record names: the owners of a
nonconformity's actions (`actions`, and the 0.1 `corrective_actions`), who checked
their effectiveness (`effectiveness.by`), and the owners of management review
decisions.

Passing::

    owner: aims-manager      # listed in policies/roles.md

Failing::

    owner: jane.doe          # a person, not a role id
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from aims_lint.results import Finding, Severity
from aims_lint.roles import role_references
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS301", "unknown-role", Severity.ERROR, "Owners and approvers must be roles in the registry."
)


def check(ctx: Context) -> Iterator[Finding]:
    known = ctx.corpus.roles
    for source, doc in ctx.corpus.typed:
        for pointer, role_id in role_references(doc):
            if role_id in known:
                continue
            if not ctx.corpus.registries:
                yield RULE.at(
                    source,
                    pointer,
                    f"role '{role_id}' cannot be checked: no roles registry (type: roles) found",
                )
                continue
            close = difflib.get_close_matches(role_id, list(known), n=1)
            hint = _non_ascii(role_id) + (f"; did you mean '{close[0]}'?" if close else "")
            yield RULE.at(
                source, pointer, f"role '{role_id}' is not defined in the roles registry{hint}"
            )


def _non_ascii(role_id: str) -> str:
    """Name the characters that only look like ASCII, or 'did you mean' would read as a riddle."""
    odd = sorted({c for c in role_id if not c.isascii()})
    return f" (it contains non-ASCII {', '.join(f'U+{ord(c):04X}' for c in odd)})" if odd else ""
