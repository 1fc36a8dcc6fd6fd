"""Which documents count as an EU AI Act artefact, and for which AI systems.

A document counts as an artefact when it is

1. in force: `status: approved` and not superseded;
2. not itself an AI system's inventory record (the subject is no evidence of itself);
3. of a form the artefact accepts: the document types and record kinds of the
   `eu-ai-act` catalog's documented_information (or expected_evidence)
   entries the artefact names (`Artefact.information`; `forms`), so the
   catalog alone says what provides an article; any document when it names
   none;
4. citing one of the artefact's articles in `controls` (or `clauses`), as
   `EU-AI-ACT:Art-11`;

and, for an artefact kept per system (`Artefact.per_system`), it names the
system: its `assesses` or `related` lists the system's id, or the system's
`related` lists the document's id. An organisation-wide artefact (the
quality management system, AI literacy, serious incident reporting) names
no system: one document serves them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from aims_lint.ai_act.obligations import Artefact
from aims_lint.catalog import CatalogError, DocumentedInformation, load_catalog
from aims_lint.catalog.frameworks import local_ids, qualified
from aims_lint.corpus import Corpus
from aims_lint.doctypes import AI_SYSTEM
from aims_lint.model import Document, Record

FRAMEWORK = "eu-ai-act"


@dataclass(frozen=True)
class Candidate:
    """A document in force that cites the Act, with what it cites and which documents it names."""

    id: str
    type: str
    record_kind: str | None
    articles: frozenset[str]  # local ids: "Art-11"
    names: frozenset[str]  # ids in its `assesses` and `related`


def _ids(value: Any) -> frozenset[str]:
    return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else frozenset()


def cited(doc: Document) -> frozenset[str]:
    return frozenset(local_ids([*doc.controls, *doc.clauses], FRAMEWORK))


@cache
def forms(artefact: Artefact) -> tuple[DocumentedInformation, ...]:
    """The catalog entries `artefact.information` names, under its accepted articles; () with no catalog.
    tests/test_ai_act.py checks that every name is an entry there."""
    try:
        acts = load_catalog(FRAMEWORK)
    except CatalogError:
        return ()
    entries = [d for a in artefact.accepts if (item := acts.get(a)) is not None
               for d in (*item.documented_information, *item.expected_evidence)]
    return tuple(d for d in entries if d.id in artefact.information)


def of_form(candidate: Candidate, entry: DocumentedInformation) -> bool:
    """The document is of the entry's types and, for a record, of its record kinds when it names any."""
    kinds = entry.expected_record_kinds
    if candidate.type not in entry.expected_types:
        return False
    return candidate.record_kind is None or not kinds or candidate.record_kind in kinds


def candidates(corpus: Corpus, drafts: bool = False) -> tuple[Candidate, ...]:
    """Every approved document in force, other than an inventory record, that cites an EU AI Act item;
    with `drafts`, those not approved yet instead (the readiness report names them as work in progress)."""
    found = []
    for source, doc in corpus.typed:
        if (doc.status == "approved") == drafts or not doc.active or source.behaviour == AI_SYSTEM:
            continue
        articles = cited(doc)
        if articles:
            names = _ids((doc.model_extra or {}).get("assesses")) | frozenset(doc.related)
            kind = doc.record_kind if isinstance(doc, Record) else None
            found.append(Candidate(doc.id, doc.type, kind, articles, names))
    return tuple(found)


def meeting(artefact: Artefact, system: Document, pool: tuple[Candidate, ...]) -> tuple[str, ...]:
    """Ids of the documents that count as `artefact` for `system`, sorted."""
    linked = frozenset(system.related)
    entries = forms(artefact)
    return tuple(sorted(
        c.id for c in pool
        if c.articles & set(artefact.accepts)
        and (not entries or any(of_form(c, e) for e in entries))
        and (not artefact.per_system or system.id in c.names or c.id in linked)
    ))


def form_names(artefact: Artefact) -> str:
    """The forms that count, as messages say them: `policy or procedure`, `record of kind monitoring`."""
    names: list[str] = []
    for entry in forms(artefact):
        for kind in entry.expected_types:
            kinds = entry.expected_record_kinds if kind == "record" else ()
            names.append(f"record of kind {_either(kinds)}" if kinds else kind)
    return _either(tuple(dict.fromkeys(names))) or "document"


def _either(names: tuple[str, ...]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else "".join(names)


def wanted(artefact: Artefact, system_id: str) -> str:
    """What is missing when nothing meets `artefact` for a system, as the rules and readiness say it."""
    cites = " or ".join(qualified(FRAMEWORK, a) for a in artefact.accepts)
    where = f" and names {system_id} (assesses or related)" if artefact.per_system else ""
    return f"no approved {form_names(artefact)} in force cites {cites}{where}"
