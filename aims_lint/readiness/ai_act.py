"""The EU AI Act's readiness: coverage of the duties that apply to the organisation's AI systems.

Counting every article the catalog models would tell an auditor that a
company that imports nothing is missing its importer's checks. So the
items are the duties the obligations model (`aims_lint.ai_act`) finds for
the inventory, the same ones the rules AIMS1104-AIMS1114 check:

- one item per AI system in use and duty in force on the report's day
  (id `Art-50/REC-022`), or one per duty the organisation keeps once for
  every system (AI literacy, the quality management system, serious
  incident reporting; id `Art-4`), with the systems it serves;
- covered when a document that meets the duty (`systems.duties`) is
  approved, in force and free of error findings; otherwise the reason says
  what is missing, as the rules do, or names the drafts and the documents
  with errors;
- duties of systems in use that apply only from a later day are listed in
  `upcoming` with that day, not counted;
- duties the rules only recommend evidence for (AI literacy, Art. 4: AIMS1113
  is a warning) are listed among the items with `recommended` set, not
  counted, so they never block coverage a clean lint run would not block;
- articles documents cite that bring no duty counted or upcoming are listed
  in `cited`, not counted;
- the count means nothing when no AI system says its role and class, so the
  entry is then not ready, and `note` says why (docs/readiness.md).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from aims_lint.ai_act.artefacts import Candidate, candidates, cited, meeting, wanted
from aims_lint.ai_act.checking import article_name, named
from aims_lint.ai_act.classification import RETIRED
from aims_lint.ai_act.obligations import section_b
from aims_lint.ai_act.systems import Standing, System, duties, systems
from aims_lint.catalog import Catalog
from aims_lint.corpus import Corpus
from aims_lint.model import Document
from aims_lint.readiness.coverage import catalog_item
from aims_lint.readiness.evidence import standing, why
from aims_lint.readiness.report import FrameworkItem, FrameworkReadiness
from aims_lint.readiness.summary import percent

KIND = "obligation"


def ai_act_entry(
    catalog: Catalog, corpus: Corpus, docs: list[Document], errors: dict[str, list[str]], today: date
) -> FrameworkReadiness:
    known = duties(corpus)
    exempt = _section_b(catalog, corpus)
    groups: dict[tuple[str, str], list[Standing]] = {}
    for s in known:
        artefact = s.due.obligation.artefact
        groups.setdefault((artefact.article, s.system.record.id if artefact.per_system else ""), []).append(s)
    order = {item.id: n for n, item in enumerate(catalog.items)}
    by_id = {d.id: d for d in docs}
    drafts = candidates(corpus, drafts=True)
    items: list[FrameworkItem] = []
    upcoming: list[FrameworkItem] = []
    for key in sorted(groups, key=lambda k: (order.get(k[0], len(order)), k)):
        now = [s for s in groups[key] if s.due.in_force(today)]
        item = _duty(now or groups[key], bool(now), by_id, drafts, errors)
        (items if now else upcoming).append(item)
    owned = {a for s in known for a in s.due.obligation.artefact.accepts}
    citing = {local for d in docs for local in cited(d)}
    shown = [replace(catalog_item(catalog, i, docs, errors, today, dated=False), counted=False)
             for i in catalog.items if i.id in citing and i.id not in owned]
    inventory = [s for s in systems(corpus) if s.classification.lifecycle_stage != RETIRED]
    classified = [s for s in inventory if _classified(s)]
    counted = [i for i in items if i.counted]
    covered = sum(1 for i in counted if i.covered)
    return FrameworkReadiness(
        standard=catalog.standard,
        certifiable=False,
        ready=bool(classified) and len(classified) == len(inventory) and covered == len(counted),
        soa=None,
        summary={
            "items": {"total": len(counted), "covered": covered, "percent": percent(covered, len(counted)),
                      "not_yet_applicable": len(upcoming), "recommended": len(items) - len(counted)},
            "systems": {"inventory": len(inventory), "classified": len(classified),
                        "in_use": sum(1 for s in classified if s.classification.in_use)},
        },
        items=tuple(items),
        blockers=(),
        upcoming=tuple(upcoming),
        cited=tuple(shown),
        note=_note(inventory, classified, exempt),
    )


def _duty(
    group: list[Standing], in_force: bool, by_id: dict[str, Document],
    drafts: tuple[Candidate, ...], errors: dict[str, list[str]],
) -> FrameworkItem:
    """One duty: of one system, or of the organisation for every system in `group` (same documents)."""
    first = group[0]
    artefact = first.due.obligation.artefact
    record = first.system.record
    unapproved = meeting(artefact, record, drafts)
    good, errored, pending = standing(
        [by_id[i] for i in (*first.documents, *unapproved) if i in by_id], errors)
    reason = "" if good else why(errored, pending, wanted(artefact, record.id))
    days = [s.due.applies_from for s in group if s.due.applies_from is not None]
    applies = min(days) if days else None
    if not in_force:
        reason = f"applies from {applies}, not counted before" + (f"; {reason}" if reason else "")
    # a duty the rule only recommends evidence for (a warning) is shown but never counted
    recommended = in_force and first.due.obligation.recommended
    head = f"{article_name(artefact.article)} {artefact.name}"
    served = tuple(sorted({s.system.record.id for s in group}))
    if artefact.per_system:
        item_id = f"{artefact.article}/{record.id}"
        title = f"{head}: {named(first.system)} {first.due.reason}"
    else:
        item_id, title = artefact.article, f"{head}: the organisation, kept once for {', '.join(served)}"
    return FrameworkItem(
        item_id, title, bool(good), reason, first.documents, KIND, drafts=pending, errored=errored,
        applies_from=applies.isoformat() if applies else None, counted=in_force and not recommended,
        article=artefact.article, systems=served, recommended=recommended,
    )


def _classified(s: System) -> bool:
    """The system says its role and class (AIMS1102 warns when it does not)."""
    return bool(s.classification.roles) and s.classification.cls is not None


def _section_b(catalog: Catalog, corpus: Corpus) -> list[str]:
    """What readers are told of each system in use under an Annex I Section B act: why it owes nothing."""
    found = []
    for s in systems(corpus):
        act = section_b(catalog, s.classification) if s.classification.in_use else None
        if act is not None:
            found.append(f"{named(s)} is high-risk under an Annex I Section B act ({act.title}): under "
                         "Art. 2(2) only Art. 6(1), 102-109 and 112 apply to it (Art. 57 as far as that act "
                         "takes it up), so none of the Act's provider or deployer duties is counted; they "
                         "reach it through that act's own requirements")
    return found


def _note(inventory: list[System], classified: list[System], exempt: list[str]) -> str:
    found = _inventory_note(inventory, classified)
    return "; ".join([found, *exempt] if found else exempt)


def _inventory_note(inventory: list[System], classified: list[System]) -> str:
    if not inventory:
        return ("the inventory lists no AI system that is not retired: no duty of the Act is known, "
                "so nothing is counted")
    if not classified:
        return ("no AI system declares its ai_act_roles and ai_act_class (AIMS1102): which duties apply "
                "is unknown, so nothing is counted")
    parts = []
    unknown = sorted(s.record.id for s in inventory if not _classified(s))
    if unknown:
        parts.append(f"{', '.join(unknown)} declare(s) no ai_act_roles and ai_act_class (AIMS1102): "
                     "their duties are unknown and not counted")
    idle = sorted(s.record.id for s in classified if not s.classification.in_use)
    if idle:
        parts.append(f"{', '.join(idle)} not in use yet (lifecycle_stage before deployment): "
                     "no duty until placed on the market, put into service or used")
    return "; ".join(parts)
