"""Recurring evidence that only time can bring: the first management review, the first audit cycle.

A management system that started operating last week cannot have held its
management review (9.3) or audited clauses 4 to 10 (9.2) yet, and no edit can
change that. Until `operating_since` plus the interval has passed, AIMS803 and
AIMS804 are therefore warnings that say when the evidence falls due; after it,
errors as before. Without `operating_since` there is no grace.

Either way the finding must point at a document a person can act on (the
draft record, the procedure or programme that plans it, the scope, the SoA),
not at a schema, which nobody needs to change.
"""

from __future__ import annotations

from datetime import date

from aims_lint.catalog import covers
from aims_lint.config import Settings
from aims_lint.corpus import Corpus
from aims_lint.dates import add_months
from aims_lint.document import SourceFile
from aims_lint.inventory import records
from aims_lint.model import RolesRegistry, StatementOfApplicability

SCOPE_CLAUSE = "4.3"  # determining the scope: the document that says what the AIMS covers


def first_due(settings: Settings, months: int) -> date | None:
    """When the first piece of evidence falls due: `operating_since` plus the interval."""
    since = settings.operating_since
    return add_months(since, months) if since is not None else None


def not_yet_due(settings: Settings, months: int, today: date) -> bool:
    """True while the system has operated for less than one interval (on the due day, too)."""
    due = first_due(settings, months)
    return due is not None and today <= due


def anchor(corpus: Corpus, kind: str, clause: str) -> tuple[SourceFile, str] | None:
    """The document (and field) to report missing evidence of record `kind` on.

    In order: a record of that kind still awaiting approval; a document citing
    `clause` (the procedure or programme that plans it); the scope; the
    Statement of Applicability; the roles registry. Path order within each.
    Documents the parse or schema stage found nothing wrong with come first:
    a malformed file is a poor place to send someone, and one bad file must
    not move findings that are not about it.
    """
    waiting = [(s, "/status") for s, d in records(corpus, kind) if d.status != "approved"]
    typed = [(s, d) for s, d in corpus.typed if d.active]
    planning = [(s, "/clauses") for s, d in typed if any(covers(c, clause) for c in d.clause_ids())]
    scope = [(s, "/clauses") for s, d in typed if any(covers(c, SCOPE_CLAUSE) for c in d.clause_ids())]
    soa = [(s, "/id") for s, d in typed if isinstance(d, StatementOfApplicability)]
    roles = [(s, "/id") for s, d in typed if isinstance(d, RolesRegistry)]
    groups = (waiting, planning, scope, soa, roles)
    clean = [place for group in groups for place in group if not place[0].problems]
    every = [place for group in groups for place in group]
    return clean[0] if clean else every[0] if every else None
