"""A role id may be defined only once in the roles registry.

If two registry entries share an id, which holder owns the documents is a
matter of chance. Each repeat is reported at its entry.

Passing::

    roles:
      - id: aims-manager
      - id: ciso

Failing::

    roles:
      - id: aims-manager
      - id: aims-manager
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.positions import join_pointer
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS305", "duplicate-role", Severity.ERROR, "Role ids must be unique in the registry."
)


def check(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for source, registry in ctx.corpus.registries:
        for index, role in enumerate(registry.roles):
            if role.id in seen:
                yield RULE.at(
                    source,
                    join_pointer("roles", index, "id"),
                    f"role '{role.id}' is already defined in {seen[role.id]}",
                )
            else:
                seen[role.id] = source.path
