"""Stage the site source: every document as plain Markdown plus generated pages.

The output is ordinary Markdown that mkdocs-material (or ProperDocs) builds;
the one plugin of ours in that build (`plugin.py`) only sanitises the HTML
and adds a security policy, so no page's content depends on a plugin API.
Bodies are staged as written: Markdown decides what they mean.
The navigation is written beside the source (`<source>.nav.yml`) for
`mkdocs.yml` to inherit. Pages are written only when their content changed,
so `mkdocs serve` reloads just what moved.

The source folder is aims-lint's own (see `aims_lint.owned_folder`): its
marker lists every page and the navigation file, and a page is deleted only
when the marker lists it. A folder that is not aims-lint's is refused before
anything is read or written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from aims_lint import progress
from aims_lint.atomic import WriteRefused, write_atomic
from aims_lint.config import Settings
from aims_lint.engine import lint
from aims_lint.history import History
from aims_lint.owned_folder import OwnedFolder, check_foreign, claim, remove_stale
from aims_lint.results import LintResult
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
    """Lint (unless given a result), read the history once, and write the site source into `target`.

    Raises WriteRefused, before any work, when `target` is not a folder aims-lint may own.
    """
    owned = claim_source(target, settings)
    history = history or collect(settings, [])
    with progress.step("checking the documents"):
        result = result or lint(settings, today, history=history)
    ctx = SiteContext(settings, today, result, history)
    wanted = site_pages(ctx)
    navigation = nav.navigation(ctx, [p for p in wanted if p.startswith("guide/")])
    for asset in ASSETS:
        wanted[f"assets/aims/{asset}"] = _asset(asset)
    nav_file = nav_path(owned.path)
    check_foreign(owned, wanted)
    # Listed before written: a render stopped half-way leaves no page the marker does not know.
    owned = owned.record(owned.listed | set(wanted), {nav_file.name})
    for rel, content in progress.track(wanted.items(), "writing the site source"):
        _write_if_changed(owned.path / rel, content)
    _write_if_changed(nav_file, nav.nav_yaml(navigation))
    remove_stale(owned, set(wanted))
    owned.record(wanted, {nav_file.name})
    return Rendered(len(wanted), nav_file, problems(ctx), result)


def nav_path(target: Path) -> Path:
    return target.parent / f"{target.name}.nav.yml"


def claim_source(target: Path, settings: Settings) -> OwnedFolder:
    """The site source folder, if aims-lint may write it (and the navigation file beside it)."""
    guides = settings.root / guide.FOLDER
    owned = claim(target, settings, purpose="render into",
                  earlier_output=lambda folder, names: earlier_render(folder, names, guides))
    nav_file = nav_path(owned.path)
    there = nav_file.exists() or nav_file.is_symlink()
    if there and nav_file.name not in owned.beside and not _earlier_nav(nav_file):
        raise WriteRefused(
                f"refusing to render into {owned.shown}: the navigation file beside it, {nav_file.name}, "
                "was not written by aims-lint; move it away"
            )
    return owned


# Every generated page starts with its front matter (see docpage.front_matter), but the rules.
_PAGE_START = b"---\ntitle: "
_RULES_START = b"# Rule reference\n"


def earlier_render(folder: Path, files: frozenset[str], guides: Path) -> bool:
    """Whether an unmarked folder holds nothing but what an earlier `render` wrote there.

    Earlier versions wrote no marker. Their output has a home page and the
    site's assets; every other file is a generated page (starting as a render
    starts one) or a copy of a guide the repository has in `docs/`. A
    hand-written page, or any other file, rules the folder out.
    """
    if "index.md" not in files or "assets/aims/aims.css" not in files:
        return False
    for rel in files:
        if rel.startswith("assets/aims/"):
            continue
        name = rel.removeprefix("guide/")
        if name != rel and "/" not in name and (guides / name).is_file():
            continue
        if not rel.endswith(".md"):
            return False
        start = _RULES_START if rel == "rules.md" else _PAGE_START
        with (folder / rel).open("rb") as page:
            if page.read(len(start)) != start:
                return False
    return True


def _earlier_nav(path: Path) -> bool:
    """A navigation file as `render` writes it: YAML holding `nav` and nothing else."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and list(data) == ["nav"]


def site_pages(ctx: SiteContext) -> dict[str, str]:
    wanted: dict[str, str] = {}
    for source, doc in progress.track(ctx.published, "rendering document pages"):
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
    """Only a changed page is written, so `mkdocs serve` reloads just what moved."""
    data = content.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != data:
        write_atomic(path, data, durable=False)
