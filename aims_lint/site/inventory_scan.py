"""The discovery run behind the site's inventory coverage page (`inventory_coverage.py`).

The render step calls `scan` once, with the whole corpus, before the audience's view is made:
a page builder reads no file, and what the register says about a model's supplier must be
judged against every record, not only the published ones (a withheld assessment still counts).

What is scanned is what the register points at: the local checkout of every configured
repository (`[tool.aims_lint.discover.repositories]`, docs/inventory.md), and each AI system's
`sources` inside the aims repository itself. Never the whole aims repository: its own
documents and tooling are not the organisation's AI. A public edition scans nothing, since
source paths and code excerpts are internal (`Audience`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date

from aims_lint.ai_usage.evidence import Discovery
from aims_lint.ai_usage.reconcile import within
from aims_lint.ai_usage.run import discover
from aims_lint.ai_usage.sources import locate, repositories
from aims_lint.config import Settings
from aims_lint.corpus import Corpus
from aims_lint.doctypes import AI_SYSTEM
from aims_lint.inventory import SupplierStanding, model_entries, records, supplier_standing
from aims_lint.results import Finding


@dataclass(frozen=True)
class SiteDiscovery:
    """What one build found: the run, its reconcile findings, and each model's supplier standing
    by (system id, index in `models`)."""

    discovery: Discovery
    findings: tuple[Finding, ...] = ()
    standings: dict[tuple[str, int], SupplierStanding] = field(default_factory=dict)


def scan(settings: Settings, today: date, corpus: Corpus) -> SiteDiscovery | None:
    """The build's discovery, or None for a public edition or a register with no AI system."""
    systems = records(corpus, AI_SYSTEM)
    if settings.audience == "public" or not systems:
        return None
    discovery, findings = discover(settings, roots(settings, corpus), today, reconcile=True,
                                   cwd=settings.root)
    months = settings.assessment_max_age_months
    standings = {
        (doc.id, model.index): supplier_standing(corpus, model.supplier, months, today)
        for _, doc in systems
        for model in model_entries(doc)
    }
    return SiteDiscovery(discovery, tuple(findings), standings)


def roots(settings: Settings, corpus: Corpus) -> list[str]:
    """The paths to scan, relative to the root as configured or written, outermost only, sorted."""
    root = os.path.realpath(settings.root)
    found: dict[str, str] = {}  # resolved -> as given
    for name, checkout in sorted(repositories(settings).items()):
        if checkout.is_dir():
            found[os.path.realpath(checkout)] = settings.discover.repositories[name].path or "."
    for location in locate(settings, corpus):
        if not location.repo and location.exists and within(location.resolved, root):
            found.setdefault(location.resolved, os.path.relpath(location.resolved, root))
    outermost = [
        resolved for resolved in found
        if not any(other != resolved and within(resolved, other) for other in found)
    ]
    return sorted(found[resolved] for resolved in outermost)


def discovery_for_audience(found: SiteDiscovery | None, published: frozenset[str], documents: frozenset[str]
                 ) -> SiteDiscovery | None:
    """What the audience's view may hold of the run: `published` are the paths of the documents it
    may read, `documents` those of every document. A withheld AI system's sources, the findings on
    a withheld record and a withheld supplier or assessment are left out; a model whose supplier is
    withheld keeps no standing either, since "assessed" would speak of the withheld record."""
    if found is None:
        return None
    d = found.discovery
    sources = tuple(s for s in d.sources if s.record in published)
    shown = {s.system for s in sources} | {
        key[0] for key in found.standings  # systems with models but no sources
    }
    findings = tuple(f for f in found.findings if f.path in published or f.path not in documents)
    standings: dict[tuple[str, int], SupplierStanding] = {}
    for key, standing in found.standings.items():
        if key[0] not in shown:
            continue
        if standing.supplier is not None and standing.supplier[0].path not in published:
            standings[key] = SupplierStanding("withheld")
        elif standing.assessment is not None and standing.assessment[0].path not in published:
            standings[key] = replace(standing, assessment=None)
        else:
            standings[key] = standing
    return SiteDiscovery(replace(d, sources=sources), findings, standings)
