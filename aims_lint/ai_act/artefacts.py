"""Which documents count as an EU AI Act artefact, and for which AI systems.

A document counts as an artefact when it is

1. in force: `status: approved` and not superseded;
2. not itself an AI system's inventory record (the subject is no evidence of itself);
3. of a form the artefact accepts (`Artefact.forms`: behaviours such as
   `controlled-document` for policies and procedures, `impact-assessment`; any
   document when the artefact names none);
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
from typing import Any

from aims_lint.ai_act.obligations import CONTROLLED, IMPACT_ASSESSMENT, Artefact
from aims_lint.catalog.frameworks import local_ids, qualified
from aims_lint.corpus import Corpus
from aims_lint.doctypes import AI_SYSTEM
from aims_lint.model import Document

FRAMEWORK = "eu-ai-act"
# How messages name the forms an artefact accepts (aims_lint/ai_act/obligations.py).
FORMS = {CONTROLLED: "policy or procedure", IMPACT_ASSESSMENT: "impact-assessment record"}


@dataclass(frozen=True)
class Candidate:
    """A document in force that cites the Act, with what it cites and which documents it names."""

    id: str
    behaviour: str | None
    articles: frozenset[str]  # local ids: "Art-11"
    names: frozenset[str]  # ids in its `assesses` and `related`


def _ids(value: Any) -> frozenset[str]:
    return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else frozenset()


def cited(doc: Document) -> frozenset[str]:
    return frozenset(local_ids([*doc.controls, *doc.clauses], FRAMEWORK))


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
            found.append(Candidate(doc.id, source.behaviour, articles, names))
    return tuple(found)


def meeting(artefact: Artefact, system: Document, pool: tuple[Candidate, ...]) -> tuple[str, ...]:
    """Ids of the documents that count as `artefact` for `system`, sorted."""
    linked = frozenset(system.related)
    return tuple(sorted(
        c.id for c in pool
        if c.articles & set(artefact.accepts)
        and (not artefact.forms or c.behaviour in artefact.forms)
        and (not artefact.per_system or system.id in c.names or c.id in linked)
    ))


def wanted(artefact: Artefact, system_id: str) -> str:
    """What is missing when nothing meets `artefact` for a system, as the rules and readiness say it."""
    cites = " or ".join(qualified(FRAMEWORK, a) for a in artefact.accepts)
    where = f" and names {system_id} (assesses or related)" if artefact.per_system else ""
    form = " or ".join(FORMS.get(f, f) for f in artefact.forms) or "document"
    return f"no approved {form} in force cites {cites}{where}"
