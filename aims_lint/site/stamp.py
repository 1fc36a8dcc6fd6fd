"""What the site says about itself: the snapshot it shows, when it was built, and whether it failed the check.

Every page's footer names the commit the site was built from, that commit's
date and the build date, and says so when the work tree had uncommitted
changes. The footer is MkDocs' `copyright` setting, written into the
navigation file that `mkdocs.yml` inherits, so the theme puts it on every
page (the 404 page too) whichever builder reads the staged source: no plugin
is involved. The build date is the day the site was judged as of (`--today`,
or the day of `SOURCE_DATE_EPOCH`): never the clock, so an evidence bundle's
site stays byte-identical when it is built again.

A site built although the check found errors (`aims-lint build --no-gate`,
or `render` followed by a plain MkDocs build) carries a banner at the top of
every page, pointing at the dashboard, which lists the findings.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from aims_lint.config import Settings
from aims_lint.discover import document_folders
from aims_lint.history import History
from aims_lint.history.model import SHORT_SHA
from aims_lint.history.worktree import uncommitted
from aims_lint.site import dashboard_findings, guide, sanitise
from aims_lint.site.html import admonition, page_url
from aims_lint.site.revisions import commit_url

DASHBOARD = "dashboard.md"
# What the site is made of besides the documents: an untracked file there is published too.
_SOURCES = ("templates", "pyproject.toml", "aims-lint.toml", "mkdocs.yml")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FIRST_H1 = re.compile(r"\s*# [^\n]*\n")  # used with match(text, pos): anchored there


class BadSourceDate(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds."""


@dataclass(frozen=True)
class Stamp:
    """The snapshot a site shows. `changes` lists what differs from the commit; None: unknown."""

    built: date
    commit: str | None = None
    committed: datetime | None = None
    changes: tuple[str, ...] | None = ()


def source_date(environ: dict[str, str] | None = None) -> date | None:
    """The day (UTC) of SOURCE_DATE_EPOCH, the reproducible-builds convention; None when unset."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise BadSourceDate(f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds")
    try:
        return datetime.fromtimestamp(int(value), UTC).date()
    except (OverflowError, ValueError, OSError):
        raise BadSourceDate(f"SOURCE_DATE_EPOCH={value!r} is out of range") from None


def of_work_tree(settings: Settings, history: History, built: date) -> Stamp:
    """The stamp of a build from the work tree at `settings.root`: HEAD, and what differs from it."""
    stamp = of_commit(history, built)
    if stamp.commit is None or history.source is None:
        return Stamp(built, changes=None)
    sources = (*document_folders(settings), settings.schemas, guide.FOLDER, *_SOURCES)
    changed = uncommitted(history.source, sources)
    return Stamp(built, stamp.commit, stamp.committed, None if changed is None else tuple(changed))


def of_commit(history: History, built: date) -> Stamp:
    """The stamp of a build from the files of the history's head commit, exported as committed."""
    head = history.log.head if history.available else None
    commit = history.log.commits.get(head) if head else None
    if commit is None:
        return Stamp(built, changes=None)
    return Stamp(built, commit.sha, commit.committer.when)


def footer(stamp: Stamp, repo_url: str | None = None) -> str:
    """The footer's HTML (MkDocs' `copyright`, printed as is): only ids, dates and our words."""
    built = f"Site built {stamp.built.isoformat()}"
    if stamp.commit is None or stamp.committed is None:
        # No git, or history that cannot be read (a shallow clone): nothing names the commit.
        return _wrap(f"{built}; no commit named: the revision history could not be read", clean=False)
    sha = html.escape(stamp.commit, quote=True)
    code = f'<code class="aims-stamp__commit" title="{sha}">{sha[:SHORT_SHA]}</code>'
    url = commit_url(repo_url, stamp.commit)
    shown = f'<a href="{html.escape(url, quote=True)}">{code}</a>' if url else code
    text = f"{built} from commit {shown} of {stamp.committed.date().isoformat()}"
    if stamp.changes is None:
        return _wrap(f"{text}; whether the work tree had uncommitted changes is unknown", clean=False)
    if stamp.changes:
        count = len(stamp.changes)
        dirty = f"with uncommitted changes ({count} file{'s' if count != 1 else ''})"
        return _wrap(f'{text}, <strong class="aims-stamp__dirty">{dirty}</strong>', clean=False)
    return _wrap(text, clean=True)


def _wrap(inner: str, *, clean: bool) -> str:
    state = "clean" if clean else "marked"
    return f'<span class="aims-stamp aims-stamp--{state}">{inner}</span>'


def banner(page: str, shown: int, total: int) -> str:
    """The notice at the top of `page` of a site built with `total` errors, `shown` of them
    on its pages; "" when the check found none. Only counts: no text from a document."""
    if total <= 0:
        return ""
    found = html.escape(f"The check found {_errors(total)} when this site was built")
    # The section's heading id, as the toc extension makes it and the sanitiser prefixes it.
    anchor = sanitise.PREFIX + dashboard_findings.HEADING.lower().replace(" ", "-")
    link = f'<a href="{page_url(page, DASHBOARD)}#{anchor}">dashboard</a>'
    if shown <= 0:
        text = f"{found}, all in documents this site does not publish."
    elif shown < total:
        text = f"{found}: the {link} lists the {shown} on its pages; the other {total - shown} are in " \
               "documents this site does not publish."
    else:
        text = f"{found}: the {link} lists {'it' if total == 1 else 'them'}."
    return admonition("failure", "Published with errors", f"<p>{text}</p>", "aims-banner")


def with_banner(markdown: str, notice: str) -> str:
    """The page with `notice` after its front matter and first heading (MkDocs takes a page's
    title from its first element when the front matter has none)."""
    if not notice:
        return markdown
    front = _FRONT_MATTER.match(markdown)
    head_end = front.end() if front else 0
    heading = _FIRST_H1.match(markdown, head_end)
    at = heading.end() if heading else head_end
    return f"{markdown[:at]}\n{notice}\n\n{markdown[at:].lstrip(chr(10))}"


def keep_footer(config: Any, footer: str) -> None:
    """The render's footer on every page of a build we run (`aims-lint build`, the bundle), also
    when mkdocs.yml sets a `copyright` of its own, which overrides the inherited one: both show."""
    own = config.copyright or ""
    if footer and footer not in own:
        config.copyright = f"{own}<br>{footer}" if own else footer


def _errors(count: int) -> str:
    return f"{count} error{'s' if count != 1 else ''}"
