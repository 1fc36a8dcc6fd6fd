"""Every generated page of the site, in one table: its name, its title, its builder.

A contributor adds a page with one entry here and one builder module. Each
entry owns a name at the top of the site: a page (`dashboard.md`) or a
folder of pages (`controls`). `render` builds the entries in this order,
the menu follows it (entries with the same `tab` share a tab, in the order
of their first entry), and `RESERVED`, the names a document's own page may
not take, is made from it, so a new page can never be overwritten by a
document that happens to share its name.

A builder takes the `SiteContext` (the audience's view: see `context.py`)
and nothing else, so it cannot show what the audience may not read. A page
builder returns the page's Markdown; a folder builder returns every page of
its folder by site path, each inside the folder (`render` checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from aims_lint.site import (
    dashboard,
    framework_pages,
    guide,
    inventory_coverage,
    inventory_page,
    pages,
    readiness_page,
    reference,
    soa_page,
    theme_assets,
    trace,
    version_pages,
)
from aims_lint.site.context import SiteContext
from aims_lint.site.nav import DOCUMENTS, NavItem, section_title

EVERY = "*"  # a folder whose every page is listed in the menu


@dataclass(frozen=True)
class Page:
    """One generated page, at `slug` (a file name at the top of the site)."""

    slug: str
    title: str  # as the page's front matter (or first heading) says it; a test compares them
    build: Callable[[SiteContext], str]
    tab: str | None = None  # the menu tab it sits in; None: a menu entry of its own
    listed: bool = True  # False: built, but not in the menu

    def pages(self, ctx: SiteContext) -> dict[str, str]:
        return {self.slug: self.build(ctx)}

    def menu(self, built: Mapping[str, str]) -> list[NavItem]:
        return [self.slug] if self.listed else []


@dataclass(frozen=True)
class Folder:
    """A folder of generated pages (`slug/...`), reached from the menu through `menu`."""

    slug: str
    title: str  # the title of its `menu` page, or of its tab
    build: Callable[[SiteContext], dict[str, str]]
    tab: str | None = None
    menu_page: str | None = "index.md"  # inside the folder; EVERY: all of them; None: none

    def pages(self, ctx: SiteContext) -> dict[str, str]:
        built = self.build(ctx)
        outside = sorted(p for p in built if not p.startswith(f"{self.slug}/"))
        if outside:  # a builder's mistake, not the repository's: say which one
            raise ValueError(f"page table entry {self.slug!r} built pages outside its folder: {outside}")
        return built

    def menu(self, built: Mapping[str, str]) -> list[NavItem]:
        if self.menu_page is None:
            return []
        if self.menu_page == EVERY:
            return [p for p in built if p.startswith(f"{self.slug}/")]
        return [f"{self.slug}/{self.menu_page}"]


@dataclass(frozen=True)
class Sections(Folder):
    """The framework sections (`frameworks/<framework id>/`): one menu group per framework built,
    titled by the framework, listing its index, SoA and readiness pages; item pages are reached
    from the index, as 42001's clause and control pages are."""

    menu_page: str | None = None

    def menu(self, built: Mapping[str, str]) -> list[NavItem]:
        groups: dict[str, list[NavItem]] = {}
        for rel in built:
            parts = rel.split("/")
            if len(parts) == 3 and parts[0] == self.slug and parts[2] in SECTION_MENU:
                groups.setdefault(parts[1], []).append(rel)
        order = {name: n for n, name in enumerate(SECTION_MENU)}
        return [{section_title(fw): sorted(pages, key=lambda p: order[str(p).rsplit("/", 1)[1]])}
                for fw, pages in groups.items()]


SECTION_MENU = ("index.md", "soa.md", "readiness.md")  # the pages of a section the menu lists, in order
Entry = Page | Folder

PAGES: tuple[Entry, ...] = (
    Page("index.md", "Home", pages.home_page),
    Page("dashboard.md", "Dashboard", dashboard.dashboard_page),
    Page("documents.md", "Document register", pages.register, tab=DOCUMENTS),
    Page("soa.md", "Statement of Applicability", soa_page.soa_page, tab="Applicability"),
    Folder("controls", "Annex A controls", trace.control_pages, tab="Applicability"),
    Folder("clauses", "Clauses 4 to 10", trace.clause_pages, tab="Clauses"),
    Page("inventory.md", "AI system inventory", inventory_page.inventory_page),
    Page(inventory_coverage.PAGE, inventory_coverage.TITLE, inventory_coverage.coverage_page),
    Page("readiness.md", "Certification readiness", readiness_page.readiness_page),
    # One section per configured framework beside 42001; empty (and out of the menu) with 42001 alone.
    Sections(framework_pages.FOLDER, framework_pages.TITLE, framework_pages.section_pages,
             tab=framework_pages.TITLE),
    Folder("guide", "Guide", guide.guide_pages, tab="Guide", menu_page=EVERY),
    Page("rules.md", "Rule reference", reference.rules_page, tab="Reference"),
    Page("tags.md", "Tags", reference.tags_page, tab="Reference"),
    Folder("assets", "Site assets", theme_assets.asset_files, menu_page=None),
    # Reached from each document's page (its "Approved versions"), never from the menu.
    Folder(version_pages.FOLDER, "Approved versions", version_pages.version_pages, menu_page=None),
)


def reserved(table: Sequence[Entry]) -> frozenset[str]:
    """The names the table's entries own: no document's page may take one."""
    return frozenset(entry.slug for entry in table)


RESERVED = reserved(PAGES)
