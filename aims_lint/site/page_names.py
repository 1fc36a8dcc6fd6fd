"""The names of the site's catalog item pages: one function, `item_page`, for every framework.

ISO/IEC 42001's pages keep the names they had before other frameworks
(`controls/A.2.2.md`, `clauses/4.1.md`); every other framework's are in its
section (`frameworks/<framework id>/<kind folder>/<id>.md`, see
`framework_pages.py`). Links and pages both ask here, so they cannot drift apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

from aims_lint.catalog import Catalog, load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK

__all__ = ["clause_page", "control_page", "item_page", "kind_folder", "paged_kinds", "section_page"]

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def paged_kinds(catalog: Catalog) -> frozenset[str]:
    """The kinds whose items get a page: those documents cite, and the kinds holding them
    (27001's themes, NIST's functions, the AI Act's chapters). 42001: clauses and controls only,
    as before the sections (its objectives head the controls index instead)."""
    return _paged_kinds(catalog.framework)


@lru_cache(maxsize=16)
def _paged_kinds(framework: str) -> frozenset[str]:
    catalog = load_catalog(framework)
    cited = {k.id for k in catalog.kinds if k.cited_in is not None}
    if catalog.framework == DEFAULT_FRAMEWORK:
        return frozenset(cited)
    kinds, parents = set(cited), {i.parent for i in catalog.items if i.kind in cited and i.parent}
    while parents:
        holders = [catalog.get(p) for p in parents]
        found = {h for h in holders if h is not None and h.kind not in kinds}
        kinds |= {h.kind for h in found}
        parents = {h.parent for h in found if h.parent}
    return frozenset(kinds)


def section_page(framework: str, name: str = "index.md") -> str:
    """A page of a framework's section: `frameworks/iso27001-2022/soa.md`."""
    return f"frameworks/{framework}/{name}"


def item_page(framework: str, kind: str, item_id: str) -> str:
    """The one naming of item pages: 42001's as they always were (`controls/A.2.2.md`,
    `clauses/4.1.md`), every other framework's in its section, one folder per kind
    (`frameworks/iso27001-2022/controls/A.5.1.md`, `frameworks/nist-ai-rmf-1.0/subcategories/...`)."""
    if framework == DEFAULT_FRAMEWORK:
        return control_page(item_id) if kind == "control" else clause_page(item_id)
    safe = item_id if _SAFE_ID.match(item_id) and ".." not in item_id else re.sub(r"[^A-Za-z0-9]+", "-",
                                                                                  item_id)
    return section_page(framework, f"{kind_folder(kind)}/{safe}.md")


def kind_folder(kind: str) -> str:
    """A kind's folder: its plural (`category` -> `categories`, `annex-iii-point` -> `annex-iii-points`)."""
    return f"{kind[:-1]}ies" if kind.endswith("y") else f"{kind}s"


def control_page(control_id: str) -> str:
    return f"controls/{control_id}.md"


def clause_page(clause_id: str) -> str:
    return f"clauses/{clause_id}.md"
