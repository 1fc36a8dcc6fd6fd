"""Stage the site source: every document as plain Markdown plus generated pages.

The output is ordinary Markdown that mkdocs-material (or ProperDocs) builds
with no plugin of ours, so nothing an auditor needs depends on a plugin API.
Pages are written only when their content changed, so `mkdocs serve` reloads
just what moved.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from aims_lint.config import Settings
from aims_lint.document import SourceFile
from aims_lint.engine import LintResult, lint
from aims_lint.model import Document
from aims_lint.rule_docs import describe
from aims_lint.rule_docs import markdown as rules_markdown
from aims_lint.rules import REGISTRY
from aims_lint.site import escape, pages

_FIRST_H1 = re.compile(r"\A\s*# [^\n]*\n?")


def render_site(
    settings: Settings, today: date, target: Path, result: LintResult | None = None
) -> int:
    """Write the site source into `target`; return the number of pages written."""
    result = result or lint(settings, today)
    wanted: dict[str, str] = {}
    published = [(s, d) for s, d in result.corpus.typed if _published(d, settings)]
    for source, doc in published:
        wanted[source.path] = document_page(source, doc, today)
    wanted["index.md"] = pages.home(published, today)
    wanted["rules.md"] = rules_markdown([describe(r) for r in REGISTRY])
    _sync(target, wanted)
    return len(wanted)


def _published(doc: Document, settings: Settings) -> bool:
    return not (settings.site.exclude_confidential and doc.classification == "confidential")


def document_page(source: SourceFile, doc: Document, today: date) -> str:
    body = _FIRST_H1.sub("", source.parsed.body, count=1)
    return "\n".join(
        [
            f"# {escape.text(doc.title)}",
            "",
            pages.metadata_table(doc, today),
            "",
            escape.body(body).strip("\n"),
            "",
        ]
    )


def _sync(target: Path, wanted: dict[str, str]) -> None:
    """Make `target` hold exactly `wanted`, touching only files whose text changed."""
    target.mkdir(parents=True, exist_ok=True)
    for rel, content in wanted.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
