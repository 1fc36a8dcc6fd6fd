"""The home page and the document register (the master list of controlled documents)."""

from __future__ import annotations

from pathlib import Path

import yaml

from aims_lint import escape
from aims_lint.model import Record
from aims_lint.site.context import SiteContext
from aims_lint.site.docpage import front_matter
from aims_lint.site.panel import BADGES

GROUPS = {
    "policy": "Policies",
    "soa": "Statement of Applicability",
    "roles": "Roles",
    "procedure": "Procedures",
    "record": "Records",
}
_START = (
    ("dashboard.md", "Dashboard", "overdue reviews, open nonconformities, recent changes"),
    (
        "soa.md",
        "Statement of Applicability",
        "every Annex A control, its decision and implementing documents",
    ),
    ("controls/index.md", "Annex A controls", "each control traced to documents and records"),
    ("clauses/index.md", "Clauses 4 to 10", "each requirement traced to documents and records"),
    ("documents.md", "Document register", "every controlled document and record with its status"),
    ("inventory.md", "AI system inventory", "the AI systems in scope and their assessments"),
    ("readiness.md", "Readiness", "gap assessment and certification readiness"),
)


def home_page(ctx: SiteContext) -> str:
    return home(ctx, _site_name(ctx.settings.root))


def _site_name(root: Path) -> str:
    """The site name from mkdocs.yml, for the home page heading (escaped where it is used)."""
    try:
        data = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "AI management system"
    name = data.get("site_name") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name.strip() else "AI management system"


def home(ctx: SiteContext, site_name: str = "AI management system") -> str:
    docs = [d for _, d in ctx.published]
    records = sum(1 for d in docs if isinstance(d, Record))
    lines = [
        front_matter("Home"),
        f"# {escape.text(site_name)}",
        "",
        f"{len(docs) - records} controlled documents and {records} records, as of {ctx.today.isoformat()}. "
        "Every document page shows its control data (owner, approver, version, status, review dates) "
        "and its revision history from git.",
        "",
        "## Start here",
        "",
    ]
    lines += [f"- [{title}]({page}): {what}" for page, title, what in _START]
    scope = _scope(ctx)
    if scope:
        lines += [f"- {scope}: what the management system covers"]
    return "\n".join([*lines, ""])


def _scope(ctx: SiteContext) -> str | None:
    for source, doc in ctx.published:
        if "4.3" in doc.clauses and not isinstance(doc, Record):
            return ctx.page_link("index.md", source, doc)
    return None


def register(ctx: SiteContext) -> str:
    page = "documents.md"
    lines = [
        front_matter("Document register", wide=True),
        "# Document register",
        "",
        '<div class="aims-filter" data-columns="Status"></div>',
        "",
    ]
    for doc_type, heading in GROUPS.items():
        group = [(s, d) for s, d in ctx.published if d.type == doc_type]
        if not group:
            continue
        lines += [
            f"## {heading}",
            "",
            "| Id | Title | Status | Version | Owner | Next review |",
            "|---|---|---|---|---|---|",
        ]
        for source, doc in group:
            state = ctx.review_state(doc)
            badge = f" {BADGES[state]}" if state else ""
            lines.append(
                f"| {escape.text(doc.id)} | {ctx.page_link(page, source, doc)} | {escape.text(doc.status)} "
                f"| {escape.text(doc.version)} | {escape.text(doc.owner)} "
                f"| {escape.text(doc.next_review or '')}{badge} |"
            )
        lines.append("")
    return "\n".join(lines)
