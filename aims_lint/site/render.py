"""Stage the site source: every document as plain Markdown plus generated pages.

The output is ordinary Markdown that mkdocs-material (or ProperDocs) builds;
the one plugin of ours in that build (`plugin.py`) only sanitises the HTML
and adds a security policy, so no page's content depends on a plugin API.
Bodies are staged as written: Markdown decides what they mean.
The navigation is written beside the source (`<source>.nav.yml`) for
`mkdocs.yml` to inherit. Pages are written only when their content changed,
so `mkdocs serve` reloads just what moved.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from aims_lint.config import Settings
from aims_lint.engine import LintResult, lint
from aims_lint.history import History
from aims_lint.rule_docs import describe
from aims_lint.rule_docs import markdown as rules_markdown
from aims_lint.rules import REGISTRY
from aims_lint.site import dashboard, guide, inventory_page, nav, pages, readiness_page, soa_page, trace
from aims_lint.site.context import SiteContext
from aims_lint.site.docpage import document_page, front_matter
from aims_lint.site.revisions import collect

ASSETS = ("aims.css", "aims.js", "iframe-worker/shim.js", "iframe-worker/LICENSE")
TAGS_PAGE = "\n".join(
    [
        front_matter("Tags"),
        "# Tags",
        "",
        "Every clause and control, with the pages that address it.",
        "",
        "<!-- material/tags -->",
        "",
    ]
)


@dataclass
class Rendered:
    """What a render produced: the page count, and problems for the build log."""

    pages: int
    nav_file: Path
    problems: list[str] = field(default_factory=list)
    result: LintResult | None = None


def render_site(
    settings: Settings,
    today: date,
    target: Path,
    result: LintResult | None = None,
    history: History | None = None,
) -> Rendered:
    """Lint (unless given a result), read the history once, and write the site source into `target`."""
    own_history = history is None
    history = history or collect(settings, [])
    try:
        result = result or lint(settings, today, history=history)
        ctx = SiteContext(settings, today, result, history)
        wanted = site_pages(ctx)
        navigation = nav.navigation(ctx, [p for p in wanted if p.startswith("guide/")])
    finally:
        if own_history:
            history.close()
    for asset in ASSETS:
        wanted[f"assets/aims/{asset}"] = _asset(asset)
    _sync(target, wanted)
    nav_file = nav_path(target)
    _write_if_changed(nav_file, nav.nav_yaml(navigation))
    return Rendered(len(wanted), nav_file, problems(ctx), result)


def nav_path(target: Path) -> Path:
    return target.parent / f"{target.name}.nav.yml"


def site_pages(ctx: SiteContext) -> dict[str, str]:
    wanted: dict[str, str] = {}
    for source, doc in ctx.published:
        wanted[ctx.page_of_path[source.path]] = document_page(ctx, source, doc)
    wanted["index.md"] = pages.home(ctx, _site_name(ctx.settings.root))
    wanted["documents.md"] = pages.register(ctx)
    wanted["dashboard.md"] = dashboard.dashboard_page(ctx)
    wanted["soa.md"] = soa_page.soa_page(ctx)
    wanted["inventory.md"] = inventory_page.inventory_page(ctx)
    wanted["readiness.md"] = readiness_page.readiness_page(ctx)
    wanted.update(trace.control_pages(ctx))
    wanted.update(trace.clause_pages(ctx))
    wanted.update(guide.guide_pages(ctx))
    wanted["rules.md"] = rules_markdown([describe(r) for r in REGISTRY])
    wanted["tags.md"] = TAGS_PAGE
    return wanted


def problems(ctx: SiteContext) -> list[str]:
    """What makes the site incomplete: reported through MkDocs' log, so --strict fails on it."""
    found = []
    if ctx.history.problem:
        found.append(f"revision history unavailable: {ctx.history.problem}")
    if ctx.result.errors:
        found.append(f"the check found {ctx.result.errors} error(s); they are listed on the affected pages")
    return found


def _site_name(root: Path) -> str:
    """The site name from mkdocs.yml, for the home page heading (escaped where it is used)."""
    try:
        data = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "AI management system"
    name = data.get("site_name") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name.strip() else "AI management system"


def _asset(name: str) -> str:
    return resources.files("aims_lint.site").joinpath("assets", name).read_text(encoding="utf-8")


def _write_if_changed(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")


def _sync(target: Path, wanted: dict[str, str]) -> None:
    """Make `target` hold exactly `wanted`, touching only files whose text changed."""
    target.mkdir(parents=True, exist_ok=True)
    for rel, content in wanted.items():
        _write_if_changed(target / rel, content)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
