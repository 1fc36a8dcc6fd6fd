"""An AI system's place under the EU AI Act, as its inventory record declares it.

The fields are declared by the `ai-system` record schema, so they arrive as
extra fields of the record; a value the schema rejected (a role outside the
list, a basis that does not fit the pattern) reads here as absent, because
the schema rules (AIMS103, AIMS104) already report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aims_lint.inventory import extra
from aims_lint.model import Record

ROLES = (
    "provider", "deployer", "importer", "distributor", "authorised-representative", "product-manufacturer",
)
CLASSES = ("prohibited", "high-risk", "limited-risk", "minimal")
DEPLOYER_CATEGORIES = ("public-body", "public-service-provider", "other")
# Lifecycle stages in which the system is placed on the market, put into service or used: the Act's
# duties attach to those, not to an idea on a whiteboard. An unknown stage counts as in use.
NOT_YET_IN_USE = ("concept", "design", "development", "verification")
RETIRED = "retired"
# The schema's pattern for ai_act_basis, one group per annex.
_BASIS = re.compile(r"annex-i:([a-z0-9][a-z0-9-]*)|annex-iii:([1-8](?:\([a-z]\))?)")


@dataclass(frozen=True)
class Basis:
    """Why a system is high-risk: a product under Annex I legislation, or an Annex III point."""

    text: str  # as written: "annex-iii:5(b)"
    annex: str  # "I" or "III"
    point: str  # "medical-devices", "5(b)", "2"

    @property
    def item_id(self) -> str:
        """The catalog item the basis names: `Annex-III-5(b)`, `Annex-I-medical-devices`."""
        return f"Annex-{self.annex}-{self.point}"

    @property
    def annex_iii_point(self) -> str | None:
        """The Annex III area number ("5" for 5(b)), None for an Annex I basis."""
        return self.point.partition("(")[0] if self.annex == "III" else None


@dataclass(frozen=True)
class Classification:
    roles: tuple[str, ...]
    cls: str | None  # ai_act_class
    basis: Basis | None
    deployer_category: str | None
    lifecycle_stage: str | None

    @property
    def declared(self) -> bool:
        """The record says anything about the Act."""
        return bool(self.roles) or self.cls is not None or self.basis is not None

    @property
    def in_use(self) -> bool:
        """Placed on the market, put into service or used (see NOT_YET_IN_USE)."""
        return self.lifecycle_stage not in (*NOT_YET_IN_USE, RETIRED)

    def has(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)


def parse_basis(value: object) -> Basis | None:
    if not isinstance(value, str) or (match := _BASIS.fullmatch(value)) is None:
        return None
    legislation, point = match.groups()
    return Basis(value, "I", legislation) if legislation else Basis(value, "III", point)


def classify(record: Record) -> Classification:
    roles = extra(record, "ai_act_roles")
    listed = tuple(dict.fromkeys(r for r in roles if r in ROLES)) if isinstance(roles, list) else ()
    cls = extra(record, "ai_act_class")
    category = extra(record, "ai_act_deployer_category")
    stage = extra(record, "lifecycle_stage")
    return Classification(
        roles=listed,
        cls=cls if cls in CLASSES else None,
        basis=parse_basis(extra(record, "ai_act_basis")),
        deployer_category=category if category in DEPLOYER_CATEGORIES else None,
        lifecycle_stage=stage if isinstance(stage, str) else None,
    )
