"""The inventory coverage page: what discovery found in the register's sources, system by system.

An auditor asks whether the inventory is honest: whether every AI system in the code is on the
register, whether each registered system's code was looked at, and whether the models behind
it come from assessed suppliers. This page answers from one discovery run of the build
(`inventory_scan.py`): each published AI system with its sources (scanned here or not), the
evidence found under them with links to the source lines where the repository has a `url`,
its models and their suppliers' assessments; then what no record registers (AIMS1220,
AIMS1223). Every value from a source tree or a record goes through `escape`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from aims_lint import escape, inventory
from aims_lint.ai_usage.evidence import Discovery, SourceLocation, Use
from aims_lint.ai_usage.reconcile import place, sources_of, within
from aims_lint.doctypes import AI_SYSTEM
from aims_lint.model import Record
from aims_lint.results import Finding
from aims_lint.site.context import SiteContext
from aims_lint.site.docpage import front_matter
from aims_lint.site.inventory_scan import SiteDiscovery

PAGE = "inventory-coverage.md"
TITLE = "AI inventory coverage"
# Rows per table (a system's evidence, what is unregistered): a monorepo's lock files name hundreds.
MAX_ROWS = 100

_COUNTED = (
    ("AIMS1220", "Unregistered AI uses"),
    ("AIMS1223", "Models no record lists"),
    ("AIMS1222", "Models whose supplier is not currently assessed"),
    ("AIMS1221", "Registered systems whose scanned sources showed no AI use"),
    ("AIMS1224", "Sources that are missing or name no configured repository"),
)
_STANDING = {
    "assessed": "assessed",
    "stale": "assessment out of date",
    "unassessed": "no approved assessment",
    "unregistered": "not in the supplier register",
    "unnamed": "no supplier named",
}


def coverage_page(ctx: SiteContext) -> str:
    lines = [front_matter(TITLE, wide=True), f"# {TITLE}", ""]
    found = ctx.discovery
    if found is None:
        public = ctx.settings.audience == "public"
        reason = ("This edition is public: source paths and code are internal, so it shows no discovery "
                  "evidence." if public else "No AI system is recorded in this build.")
        return "\n".join([*lines, reason, ""])
    lines += _summary(ctx, found)
    places = _places(found.discovery)
    for _, doc in inventory.records(ctx.corpus, AI_SYSTEM):
        lines += _system(ctx, found, doc, places)
    lines += _unregistered(ctx, found, places)
    return "\n".join([*lines, ""])


def _summary(ctx: SiteContext, found: SiteDiscovery) -> list[str]:
    d = found.discovery
    lines = [
        "What `aims-lint discover` found in the source trees the register points at, checked against "
        f"the AI system records and the supplier register, as of {ctx.today.isoformat()}.",
        "",
    ]
    if d.roots:
        shown = ", ".join(escape.text(r) for r in d.roots)
        lines += [f"Scanned {d.files_scanned} file(s) in {len(d.roots)} path(s): {shown}.", ""]
    else:
        lines += ["No source tree was scanned in this build: no configured repository has a local "
                  "checkout here, and no AI system names sources inside this repository. "
                  "docs/inventory.md says how to check the repositories out before the build.", ""]
    counts = _counts(found.findings)
    lines += [f"- AI uses found: {len(d.uses)}"]
    lines += [f"- {label} ({rule}): {counts.get(rule, 0)}" for rule, label in _COUNTED]
    return [*lines, ""]


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        if f.counts:
            counts[f.rule] = counts.get(f.rule, 0) + 1
    return counts


def _system(ctx: SiteContext, found: SiteDiscovery, doc: Record, places: dict[str, str]) -> list[str]:
    d = found.discovery
    link = ctx.doc_link(PAGE, doc.id, with_title=True) or escape.text(doc.id)
    lines = [f"## {link}", ""]
    locations = [s for s in d.sources if s.system == doc.id]
    if locations:
        lines += ["Sources:", ""]
        lines += [f"- {_source(ctx, d, s)}" for s in locations]
        lines += [""]
    else:
        lines += ["Sources: none recorded (`sources` in the record), so no code can be checked against it.",
                  ""]
    uses = [u for u in d.uses if any(s.system == doc.id for s in sources_of(d, places.get(u.path)))]
    if uses:
        lines += [f"Evidence found under its sources: {len(uses)}", "",
                  "| Kind | What | Where | Confidence |", "|---|---|---|---|"]
        lines += [_use_row(ctx, places, u) for u in uses[:MAX_ROWS]]
        if len(uses) > MAX_ROWS:
            lines += ["", f"and {len(uses) - MAX_ROWS} more (`aims-lint discover` lists them all)."]
        lines += [""]
    elif locations:
        lines += ["Evidence found under its sources: none.", ""]
    models = inventory.model_entries(doc)
    if models:
        lines += ["| Model | Version | Supplier | Supplier assessment |", "|---|---|---|---|"]
        for model in models:
            standing = found.standings.get((doc.id, model.index))
            lines += [_model_row(ctx, model, standing)]
        lines += [""]
    else:
        lines += ["Models: none recorded (`models` in the record).", ""]
    return lines


def _source(ctx: SiteContext, d: Discovery, s: SourceLocation) -> str:
    repo = s.repo or "this repository"
    configured = ctx.settings.discover.repositories.get(s.repo) if s.repo else None
    # Escaped text, never a code span: entities are not decoded inside one (`my&#95;app`).
    target = "" if s.path.strip("/") in ("", ".") else f"/{s.path.strip('/')}"
    url = escape.href(f"{configured.url}{target}") if configured and configured.url else None
    where = f"[{escape.text(s.path)}]({url})" if url else escape.text(s.path)
    if not s.resolved:
        state = "no local checkout in this build" if configured else "repository not configured"
    elif not s.exists:
        state = "missing"
    elif any(within(s.resolved, root) for root in d.resolved_roots):
        state = "scanned"
    else:
        state = "not scanned"
    return f"{where} in {escape.text(repo)}: {state}"


def _use_row(ctx: SiteContext, places: dict[str, str], use: Use) -> str:
    return "| " + " | ".join([
        escape.text(use.kind.value), escape.text(use.name), _where(ctx, places, use.path, use.line),
        escape.text(use.confidence.value),
    ]) + " |"


def _where(ctx: SiteContext, places: dict[str, str], path: str, line: int) -> str:
    """The use's place, linked to its line in the repository's web view when one is configured."""
    shown = escape.text(f"{path}:{line}")
    here = places.get(path)
    if here is None:
        return shown
    # The innermost checkout holding it, as the drafts choose (a checkout inside another's).
    for checkout, url in _web_views(ctx):
        if within(here, checkout) and here != checkout:
            link = escape.href(f"{url}/{here[len(checkout) + 1:]}#L{line}")
            return f"[{shown}]({link})" if link else shown
    return shown


def _places(d: Discovery) -> dict[str, str]:
    """Each used path's absolute place, worked out once per page (it has a row per use)."""
    found: dict[str, str] = {}
    for use in d.uses:
        if use.path not in found:
            here = place(d, use)
            if here is not None:
                found[use.path] = here
    return found


def _web_views(ctx: SiteContext) -> list[tuple[str, str]]:
    """(resolved checkout, web address) of every repository with both, innermost first."""
    views = [
        (os.path.realpath(ctx.settings.root / repo.path), repo.url)
        for repo in ctx.settings.discover.repositories.values()
        if repo.path and repo.url
    ]
    return sorted(views, key=lambda view: (-len(view[0]), view[0]))


def _model_row(
    ctx: SiteContext, model: inventory.ModelEntry, standing: inventory.SupplierStanding | None
) -> str:
    cells = [escape.text(model.id), escape.text(model.version)]
    withheld = standing is not None and standing.state == "withheld"
    if withheld or ctx.withholds(model.supplier) or ctx.names_withheld(model.supplier):
        return "| " + " | ".join([*cells, ctx.withheld_note, ctx.withheld_note]) + " |"
    if standing is None:
        return "| " + " | ".join([*cells, escape.text(model.supplier), ""]) + " |"
    named = standing.supplier[1].id if standing.supplier else ""
    linked = ctx.doc_link(PAGE, named, with_title=True) if named else None
    judged = _STANDING[standing.state]
    if standing.assessment is not None:
        assessment = ctx.doc_link(PAGE, standing.assessment[1].id)
        if assessment:
            judged += f": {assessment} ({escape.text(standing.assessment[1].event_date)})"
    return "| " + " | ".join([*cells, linked or escape.text(model.supplier), judged]) + " |"


def _unregistered(ctx: SiteContext, found: SiteDiscovery, places: dict[str, str]) -> list[str]:
    d = found.discovery
    lines = ["## Not on the register", ""]
    wanted = [f for f in found.findings if f.rule in ("AIMS1220", "AIMS1223") and f.counts]
    if not wanted:
        clean = ("Every AI use found lies under a registered system's sources, and every model found is "
                 "listed by a record." if d.uses else "Nothing was found to register.")
        return [*lines, clean, ""]
    lines += ["| Rule | Kind | Where | What | Confidence |", "|---|---|---|---|---|"]
    lines += [
        "| " + " | ".join([f.rule, escape.text(f.kind), _where(ctx, places, f.path, f.line),
                           escape.text(f.message), escape.text(f.confidence)]) + " |"
        for f in wanted[:MAX_ROWS]
    ]
    if len(wanted) > MAX_ROWS:
        lines += ["", f"and {len(wanted) - MAX_ROWS} more (`aims-lint discover --reconcile` lists them all)."]
    return [*lines, ""]
