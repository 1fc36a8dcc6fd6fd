"""Crosswalks as data: how the items of one framework relate to those of another.

Each `aims_lint/catalog/crosswalks/<from>--<to>.yaml` maps items of two
catalogs (format: docs/catalogs.md, "Crosswalks"). Every mapping has a
relationship, a rationale in our own words and a source. A crosswalk is
read in either direction: read backwards, `subset` becomes `superset` (and
`superset` `subset`), the other relationships stay what they are, and the
title is the file's `reverse_title` (or, without one, "<target> to
<source>" from the framework table), since the stored `title` names the
forward direction. An advisory crosswalk (one with
no authoritative mapping behind it, such as 42001 to the EU AI Act) says so
in every place that shows it.

Loaded on first use, once per process, like the catalogs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from aims_lint.catalog.frameworks import framework
from aims_lint.catalog.loader import CatalogError

RELATIONSHIPS = ("equivalent", "subset", "superset", "related")
_REVERSED = {"subset": "superset", "superset": "subset"}
# OSCAL 1.2's relationship tokens for the mapping model (`aims-lint crosswalk --format oscal`). Our
# mappings compare meanings (matching-rationale `semantic`), so `equivalent` is `equivalent-to`: the
# same effective meaning in other words. OSCAL's `equal-to` means the same requirement text, which
# two different standards never have.
OSCAL_RELATIONSHIP = {
    "equivalent": "equivalent-to", "subset": "subset-of", "superset": "superset-of",
    "related": "intersects-with",
}
SUFFIX = ".yaml"
JOIN = "--"


@dataclass(frozen=True)
class Mapping:
    source_id: str  # an item of the crosswalk's `source` framework (local id, no prefix)
    target_id: str  # an item of its `target` framework
    relationship: str  # one of RELATIONSHIPS: how the source item relates to the target item
    rationale: str  # why, in our own words
    source: str  # where the mapping comes from (a published crosswalk, or "our analysis")


@dataclass(frozen=True)
class Crosswalk:
    source: str  # framework id: "iso42001"
    target: str  # framework id: "iso27001-2022"
    title: str
    advisory: bool  # no authoritative mapping exists; treat as guidance only
    sources: tuple[str, ...]  # the references the file's header names
    mappings: tuple[Mapping, ...]
    # The title read from `target` to `source` (the file's `reverse_title`); "" derives one.
    reverse_title: str = ""

    def reversed(self) -> Crosswalk:
        """The same crosswalk read from `target` to `source`; reversing it again gives this one."""
        back = self.reverse_title or f"{_name(self.target)} to {_name(self.source)}"
        return replace(self, source=self.target, target=self.source, title=back, reverse_title=self.title,
                       mappings=tuple(
            Mapping(m.target_id, m.source_id, _REVERSED.get(m.relationship, m.relationship), m.rationale,
                    m.source)
            for m in self.mappings
        ))

    def of(self, item_id: str) -> tuple[Mapping, ...]:
        """The mappings whose source item is `item_id`, in file order."""
        return tuple(m for m in self.mappings if m.source_id == item_id)


def _name(framework_id: str) -> str:
    found = framework(framework_id)
    return found.title if found is not None else framework_id


def available() -> tuple[tuple[str, str], ...]:
    """(source, target) of every packaged crosswalk file, sorted."""
    folder = resources.files("aims_lint.catalog").joinpath("crosswalks")
    if not folder.is_dir():
        return ()
    stems = (f.name.removesuffix(SUFFIX) for f in folder.iterdir() if f.name.endswith(SUFFIX))
    pairs = [tuple(stem.split(JOIN, 1)) for stem in stems if JOIN in stem]
    return tuple(sorted((a, b) for a, b in pairs))


def between(source: str, target: str) -> Crosswalk | None:
    """The crosswalk from `source` to `target` (a stored one, or a stored reverse read backwards)."""
    if (source, target) in available():
        return parsed(source, target)
    if (target, source) in available():
        return parsed(target, source).reversed()
    return None


def neighbours(framework_id: str, item_id: str) -> tuple[tuple[Crosswalk, Mapping], ...]:
    """Every mapping from one item to items of other frameworks, by framework then file order."""
    found: list[tuple[Crosswalk, Mapping]] = []
    others = sorted({b for a, b in available() if a == framework_id} | {a for a, b in available()
                                                                         if b == framework_id})
    for other in others:
        walk = between(framework_id, other)
        if walk is not None:
            found.extend((walk, m) for m in walk.of(item_id))
    return tuple(found)


@cache
def parsed(source: str, target: str) -> Crosswalk:
    import yaml  # deferred, as for catalogs

    from aims_lint.yaml12 import CoreLoader

    name = f"{source}{JOIN}{target}{SUFFIX}"
    text = resources.files("aims_lint.catalog").joinpath("crosswalks", name).read_text(encoding="utf-8")
    walk = build(yaml.load(text, Loader=CoreLoader))  # CoreLoader is a safe loader
    if (walk.source, walk.target) != (source, target):
        raise CatalogError(f"{name}: source and target must match the file name")
    return walk


def build(raw: Any) -> Crosswalk:
    if not isinstance(raw, dict):
        raise CatalogError("a crosswalk is a mapping")
    default_source = str(raw.get("source_reference", ""))
    mappings = tuple(_mapping(m, default_source) for m in raw.get("mappings") or ())
    return Crosswalk(
        source=str(raw["source"]), target=str(raw["target"]), title=str(raw["title"]),
        advisory=bool(raw.get("advisory", False)),
        sources=tuple(str(s) for s in raw.get("sources") or ()), mappings=mappings,
        reverse_title=str(raw.get("reverse_title") or ""),
    )


def _mapping(raw: dict[str, Any], default_source: str) -> Mapping:
    relationship = str(raw["relationship"])
    if relationship not in RELATIONSHIPS:
        raise CatalogError(f"mapping {raw.get('from')} -> {raw.get('to')}: relationship must be one of "
                           f"{', '.join(RELATIONSHIPS)}")
    source = str(raw.get("source", default_source))
    if not source:
        raise CatalogError(f"mapping {raw.get('from')} -> {raw.get('to')}: no source")
    return Mapping(str(raw["from"]), str(raw["to"]), relationship, str(raw["rationale"]), source)
