"""Risk criteria: the risk levels in order, and which role may accept a risk of each level.

ISO/IEC 42001 6.1.2 asks for criteria that say when an AI risk is acceptable
and who decides. The criteria are data in two places: the roles registry's
`risk_acceptance` mapping (level to role id, approved with the registry) and
the configuration's `risk_acceptance` (aims_lint/config.py). Where both name a
level, the configuration wins, so a repository can tighten the rule in CI
without a registry edit. The risk rules (AIMS860-AIMS864) ask here and nowhere
else, so a framework with other levels changes one module.
"""

from __future__ import annotations

from aims_lint.config import Settings
from aims_lint.corpus import Corpus

# In increasing order: a role that may accept a level may accept every level below it.
LEVELS: tuple[str, ...] = ("low", "medium", "high", "unacceptable")
# Levels that must be treated, or accepted by the role the criteria name for them (AIMS862).
HIGH_LEVELS: frozenset[str] = frozenset({"high", "unacceptable"})
TREATMENTS: tuple[str, ...] = ("treat", "accept", "avoid", "transfer")
# Life-cycle stages in which a system's risks reach people: an unacceptable risk may not be
# accepted there, only treated, avoided or transferred.
IN_OPERATION: frozenset[str] = frozenset({"deployment", "operation"})


def rank(level: object) -> int | None:
    """The level's place in LEVELS; None for anything else (the schema reports it)."""
    return LEVELS.index(level) if isinstance(level, str) and level in LEVELS else None


def acceptance_roles(corpus: Corpus, settings: Settings) -> dict[str, str]:
    """Level to the role id named to accept it: the registries' mapping, then the configuration's."""
    found: dict[str, str] = {}
    for _, registry in corpus.registries:
        mapping = (registry.model_extra or {}).get("risk_acceptance")
        if isinstance(mapping, dict):  # anything else is the schema's finding
            for level, role in mapping.items():
                if level in LEVELS and isinstance(role, str):
                    found.setdefault(level, role)  # the first registry wins, as for roles
    found.update({level: role for level, role in settings.risk_acceptance.items() if level in LEVELS})
    return found


def may_accept(level: str, criteria: dict[str, str]) -> tuple[str, ...]:
    """The roles that may accept a risk of `level`: the one named for it or for any higher level.

    Top management, named for high risks, may accept a medium one too; a role named
    only for lower levels may not accept this one. Empty when no role is named.
    """
    start = rank(level)
    if start is None:
        return ()
    return tuple(dict.fromkeys(criteria[name] for name in LEVELS[start:] if name in criteria))
