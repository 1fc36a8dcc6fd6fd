"""A crosswalk as an OSCAL 1.2 mapping collection (JSON), for GRC tools that read OSCAL.

One `mapping` from the source framework's catalog to the target's, one `map`
per crosswalk row, with OSCAL's own relationship token
(`crosswalk.OSCAL_RELATIONSHIP`), the two items' ids as their catalogs write
them (`id-ref`; the id a document cites is a property beside it) and the
rationale in the map's remarks. The provenance says how the mappings were made:
by people, comparing what the items mean (`semantic`). An advisory crosswalk
says so in the provenance's remarks, in an `advisory` property, in the title,
and with a low confidence score.

OSCAL catalogs of these frameworks do not exist (ISO's and the EU's texts are
not ours to publish), so the source and target resources point at back-matter
resources that name each framework and say the items are identified by id only.

UUIDs are name-based (version 5), as in `export/oscal.py`: a mapping and a map
keep theirs across exports, and the collection's changes when the mappings do
(OSCAL asks for a new one per revision). `last-modified` is the day given, so
the same data and day give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date
from typing import Any

from aims_lint.catalog.crosswalk import OSCAL_RELATIONSHIP, Crosswalk
from aims_lint.catalog.model import Catalog
from aims_lint.export.crosswalk_table import ADVISORY, Row
from aims_lint.export.oscal import NS

OSCAL_VERSION = "1.2.1"  # the mapping model is new in 1.2; tests hold this to compliance-trestle's
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NS)
# How the mappings were made (OSCAL's allowed values): by people, comparing the items' meanings.
METHOD, MATCHING, STATUS = "human", "semantic", "complete"


def to_oscal_mapping(walk: Crosswalk, found: tuple[Row, ...], source: Catalog, target: Catalog,
                     today: date, version: str) -> str:
    """The mapping collection as JSON. `version` is the document's (the package's, which ships the data)."""
    pair = f"{walk.source}--{walk.target}"
    references = [_reference(text) for text in walk.sources]
    collection: dict[str, Any] = {
        "uuid": _uuid("mapping-collection", pair, _digest(walk, found, version)),
        "metadata": _metadata(walk, today, version),
        "provenance": _provenance(walk, f"{source.title} ({walk.source})", f"{target.title} ({walk.target})",
                                  references),
        "mappings": [{
            "uuid": _uuid("mapping", pair),
            "source-resource": _resource_reference(walk.source),
            "target-resource": _resource_reference(walk.target),
            "maps": [_map(walk, row) for row in found],
            "props": [_prop("advisory", _flag(walk.advisory))],
        }],
        "back-matter": {"resources": [_catalog(walk.source, source), _catalog(walk.target, target),
                                      *references]},
    }
    return json.dumps({"mapping-collection": collection}, indent=2, ensure_ascii=False) + "\n"


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def _line(value: object) -> str:
    """A one-line OSCAL string: no newline, no leading or trailing space."""
    return " ".join(str(value).split()) or "-"


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _prop(name: str, value: str) -> dict[str, str]:
    return {"name": name, "ns": NS, "value": _line(value)}


def _digest(walk: Crosswalk, found: tuple[Row, ...], version: str) -> str:
    """What the collection says, hashed: its UUID changes exactly when that does."""
    content = [walk.title, walk.advisory, list(walk.sources), version,
               [[r.from_local, r.relationship, r.to_local, r.rationale, r.source] for r in found]]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()


def _metadata(walk: Crosswalk, today: date, version: str) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "title": _line(_title(walk)),
        "last-modified": f"{today.isoformat()}T00:00:00+00:00",
        "version": _line(version),
        "oscal-version": OSCAL_VERSION,
        "props": [_prop("advisory", _flag(walk.advisory))],
    }
    if walk.advisory:
        metadata["remarks"] = ADVISORY
    return metadata


def _title(walk: Crosswalk) -> str:
    """The crosswalk's title, saying "advisory" if the title does not already."""
    return walk.title if not walk.advisory or "advisory" in walk.title.lower() else f"{walk.title} (advisory)"


def _provenance(walk: Crosswalk, source: str, target: str,
                references: list[dict[str, Any]]) -> dict[str, Any]:
    description = (f"How the items of {source} relate to those of {target}, each mapping with a "
                   "rationale written by the aims-lint project. Read each map as: the source item is "
                   "equivalent to, a subset of, a superset of, or intersects with the target item.")
    provenance: dict[str, Any] = {
        "method": METHOD,
        "matching-rationale": MATCHING,
        "status": STATUS,
        # Advisory: no authoritative mapping to hold ours against, so our confidence is low.
        "confidence-score": {"category": "low" if walk.advisory else "medium"},
        "mapping-description": description,
        "props": [_prop("advisory", _flag(walk.advisory))],
    }
    if references:
        provenance["links"] = [{"href": f"#{r['uuid']}", "rel": "reference"} for r in references]
    if walk.advisory:
        provenance["remarks"] = ADVISORY
    return provenance


def _resource_reference(framework_id: str) -> dict[str, Any]:
    return {"type": "catalog", "href": f"#{_uuid('resource', 'catalog', framework_id)}",
            "props": [_prop("framework", framework_id)]}


def _catalog(framework_id: str, catalog: Catalog) -> dict[str, Any]:
    return {
        "uuid": _uuid("resource", "catalog", framework_id),
        "title": _line(catalog.title),
        "description": "The items are identified by their ids as the framework numbers them; the "
                       "framework's own text is not reproduced here.",
        "props": [_prop("framework", framework_id)],
    }


def _reference(text: str) -> dict[str, Any]:
    return {"uuid": _uuid("resource", "reference", text), "title": _line(text)}


def _map(walk: Crosswalk, row: Row) -> dict[str, Any]:
    return {
        "uuid": _uuid("map", walk.source, row.from_local, walk.target, row.to_local),
        "relationship": OSCAL_RELATIONSHIP[row.relationship],
        "sources": [_item(row.from_local, row.from_id)],
        "targets": [_item(row.to_local, row.to_id)],
        "props": [_prop("relationship", row.relationship), _prop("mapping-source", row.source)],
        "remarks": row.rationale or "-",
    }


def _item(local: str, cited: str) -> dict[str, Any]:
    return {"type": "control", "id-ref": local, "props": [_prop("cited-as", cited)]}
