"""What counts as evidence: approved documents in force without error findings, and why others do not."""

from __future__ import annotations

from typing import Any

from aims_lint.corpus import Corpus
from aims_lint.document import SourceFile
from aims_lint.model import Document
from aims_lint.readiness.report import Errored
from aims_lint.results import LintResult, Severity


def active_source(corpus: Corpus, doc_id: str) -> SourceFile | None:
    matches = corpus.by_id.get(doc_id, [])
    return next((s for s, d in matches if d.active), None)


def errors_by_id(result: LintResult) -> dict[str, list[str]]:
    """Rule codes of the counted error findings on each document in force, by its id."""
    by_path: dict[str, list[str]] = {}
    for f in result.findings:
        if f.counts and f.severity is Severity.ERROR:
            by_path.setdefault(f.path, []).append(f.rule)
    found: dict[str, list[str]] = {}
    for source, doc in result.corpus.typed:
        if doc.active and source.path in by_path:
            found.setdefault(doc.id, []).extend(by_path[source.path])
    return found


def standing(
    docs: list[Document], errors: dict[str, list[str]]
) -> tuple[tuple[str, ...], tuple[Errored, ...], tuple[str, ...]]:
    """Of the documents addressing something: approved without errors, approved with errors, drafts."""
    good = ids(d for d in docs if is_approved(d) and d.id not in errors)
    errored = tuple(
        Errored(i, len(errors[i]), tuple(sorted(set(errors[i]))))
        for i in ids(d for d in docs if is_approved(d) and d.id in errors)
    )
    drafts = ids(d for d in docs if not is_approved(d))
    return good, errored, drafts


def why(errored: tuple[Errored, ...], drafts: tuple[str, ...], nothing: str,
         hidden_errored: int = 0, hidden_drafts: int = 0) -> str:
    """Why something is not covered, from what addresses it; `hidden_*` count documents not named."""
    parts = [f"{e.id} has {e.errors} error{'' if e.errors == 1 else 's'} ({', '.join(e.codes)})"
             for e in errored]
    if hidden_errored:
        parts.append(f"{hidden_errored} document(s) not published for this audience have errors")
    names = [*drafts, *([f"{hidden_drafts} not published for this audience"] if hidden_drafts else [])]
    if names:
        parts.append(f"{'drafts' if parts else 'only drafts'}: {', '.join(names)}")
    return "; ".join(parts) or nothing



def is_approved(doc: Document) -> bool:
    return doc.status == "approved"



def ids(docs: Any) -> tuple[str, ...]:
    return tuple(sorted({d.id for d in docs}))

