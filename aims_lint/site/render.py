"""Stage the site source: every document as plain Markdown plus generated pages.

The output is ordinary Markdown that mkdocs-material (or ProperDocs) builds;
the one plugin of ours in that build (`plugin.py`) only sanitises the HTML
and adds a security policy, so no page's content depends on a plugin API.
Bodies are staged as written: Markdown decides what they mean.
The navigation is written beside the source (`<source>.nav.yml`) for
`mkdocs.yml` to inherit. Pages are written only when their content changed,
so `mkdocs serve` reloads just what moved.

Each render also says what the site is (`stamp.py`): the footer naming the
commit, its date, the build date and uncommitted changes goes into the
navigation file as MkDocs' `copyright`, and when the check found errors a
banner opens every page.

The source folder is aims-lint's own (see `aims_lint.owned_folder`): its
marker lists every page and the navigation file, and a page is deleted only
when the marker lists it. A folder that is not aims-lint's is refused before
anything is read or written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from aims_lint import progress
from aims_lint.approvals.record import prepared
from aims_lint.atomic import WriteRefused, write_atomic
from aims_lint.config import Settings
from aims_lint.engine import lint
from aims_lint.history import History
from aims_lint.owned_folder import OwnedFolder, check_foreign, claim, remove_stale
from aims_lint.results import Finding, LintResult, Severity
from aims_lint.site import guide, inventory_scan, nav, page_table, stamp, versions
from aims_lint.site.context import SiteContext, audience_view
from aims_lint.site.docpage import document_page
from aims_lint.site.page_table import Entry
from aims_lint.site.revisions import collect


@dataclass
class Rendered:
    """What a render produced: the page count, and problems for the build log."""

    pages: int
    nav_file: Path
    problems: list[str] = field(default_factory=list)
    result: LintResult | None = None
    footer: str = ""  # the HTML of every page's footer (MkDocs' `copyright`)


def render_site(
    settings: Settings,
    today: date,
    target: Path,
    result: LintResult | None = None,
    history: History | None = None,
    *,
    snapshot: stamp.Stamp | None = None,
    gate: bool = True,
) -> Rendered:
    """Lint (unless given a result), read the history once, and write the site source into `target`.

    The whole result and history stay here: the pages get the audience's view of
    them (`audience_view`), built once, and are made by the entries of `page_table`.
    `snapshot` is what the footer names (default: the work tree's HEAD and its
    uncommitted changes; `today` is the build date). With `gate` false, the
    check's errors are not among the problems, so a strict MkDocs build goes on
    (the banner on every page says they were found).
    Raises WriteRefused, before any work, when `target` is not a folder aims-lint may own.
    """
    owned = claim_source(target, settings)
    history = history or collect(settings, [])
    table = page_table.PAGES
    with progress.step("checking the documents"):
        result = result or lint(settings, today, history=history)
    # What the rules loaded (revisions, signature verdicts) is reused, never read twice.
    if result.history is not None and result.history.log is history.log:
        history = result.history
    with progress.step("reading the approved versions and their evidence"):
        history = versions.load(history, result.corpus, settings)
        history = prepared(history, result.corpus, settings.root)
    with progress.step("scanning the register's sources for AI use"):
        discovery = inventory_scan.scan(settings, today, result.corpus)
    ctx = audience_view(settings, today, result, history, page_table.reserved(table), discovery)
    wanted = with_banners(site_pages(ctx, table), shown_errors(ctx.findings), result.errors)
    navigation = nav.navigation(ctx, [(entry.tab, entry.menu(wanted)) for entry in table])
    found = problems(history, result, ctx.findings, gate=gate)
    footer = stamp.footer(snapshot or stamp.of_work_tree(settings, history, today), settings.site.repo_url)
    nav_file = nav_path(owned.path)
    check_foreign(owned, wanted)
    # Listed before written: a render stopped half-way leaves no page the marker does not know.
    owned = owned.record(owned.listed | set(wanted), {nav_file.name})
    for rel, content in progress.track(wanted.items(), "writing the site source"):
        _write_if_changed(owned.path / rel, content)
    _write_if_changed(nav_file, nav.nav_yaml(navigation, footer))
    remove_stale(owned, set(wanted))
    owned.record(wanted, {nav_file.name})
    return Rendered(len(wanted), nav_file, found, result, footer)


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
    # Before issue 13 it held `nav` alone; since, the footer (`copyright`) too.
    return isinstance(data, dict) and "nav" in data and set(data) <= {"nav", "copyright"}


def site_pages(ctx: SiteContext, table: tuple[Entry, ...]) -> dict[str, str]:
    """Every page: one per published document, then those of each table entry."""
    wanted: dict[str, str] = {}
    for source, doc in progress.track(ctx.published, "rendering document pages"):
        wanted[ctx.page_of_path[source.path]] = document_page(ctx, source, doc)
    for entry in table:
        wanted.update(entry.pages(ctx))
    return wanted


def with_banners(pages: dict[str, str], shown: int, total: int) -> dict[str, str]:
    """Every page of a site built despite `total` errors opens with the banner (`stamp.banner`)."""
    if total <= 0:
        return pages
    return {rel: stamp.with_banner(text, stamp.banner(rel, shown, total)) if rel.endswith(".md") else text
            for rel, text in pages.items()}


def shown_errors(shown: Iterable[Finding]) -> int:
    """The errors among the audience's findings: those its pages list."""
    return sum(1 for f in shown if f.counts and f.severity is Severity.ERROR)


def problems(
    history: History, result: LintResult, shown: Iterable[Finding] = (), *, gate: bool = True
) -> list[str]:
    """What makes the site incomplete: reported through MkDocs' log, so --strict fails on it.

    Every error fails a strict build, whoever the site is for, unless `gate` is false (the
    site is published with its banner); only those of published documents (`shown`, the
    audience's findings) are on its pages, so the message says so.
    """
    found = []
    if history.problem:
        found.append(f"revision history unavailable: {history.problem}")
    if result.errors and gate:
        listed = shown_errors(shown)
        where = "they are listed on the affected pages"
        if listed < result.errors:
            where = f"{listed} listed on the affected pages, the rest in documents this audience is not shown"
        found.append(f"the check found {result.errors} error(s); {where}")
    return found


def _write_if_changed(path: Path, content: str) -> None:
    """Only a changed page is written, so `mkdocs serve` reloads just what moved."""
    data = content.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != data:
        write_atomic(path, data, durable=False)
