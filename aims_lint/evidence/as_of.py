"""The system as it stood on a day, staged as a site: `aims-lint render --as-of DATE`.

"What did the auditor sample last year?" The answer is the main line as it
was at the end of that day (`history.as_of.pin_on`), rendered as its own
site would have been: the commit's files exported from git objects into a
scratch folder, as for an evidence bundle, linted with that commit's
configuration and schemas, with the history up to it, judged as of the day.
The site shows the versions in force then, and the approved versions known
then. The target folder is claimed against the live repository first (it
must be aims-lint's own), and the audience is the stricter of the one
configured now and the one the commit configured, as for a bundle.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from aims_lint import progress
from aims_lint.audience import stricter
from aims_lint.config import Settings, load_settings
from aims_lint.engine import lint
from aims_lint.evidence.bundle import EvidenceError
from aims_lint.evidence.tree import export_tree
from aims_lint.history import HistoryUnavailable
from aims_lint.history.as_of import pin_on
from aims_lint.site.render import Rendered, claim_source, render_site


@dataclass(frozen=True)
class StagedAsOf:
    commit: str  # the commit that stood at the end of the day
    committed: datetime
    rendered: Rendered


def render_as_of(settings: Settings, day: date, target: Path, today: date | None = None) -> StagedAsOf:
    """Stage into `target` the site of the commit that stood on `day`, judged as of `today` (default:
    `day`). EvidenceError when no commit stood then; WriteRefused when `target` is not ours."""
    claim_source(target, settings)  # the live repository's folders are the ones to protect
    try:
        pinned = pin_on(settings.root, day)
        with tempfile.TemporaryDirectory(prefix="aims-as-of-") as folder:
            with progress.step("exporting the commit's files"):
                export_tree(pinned.files(), Path(folder))
            at = load_settings(Path(folder))
            at = at.model_copy(update={"audience": stricter(settings.audience, at.audience)})
            history = pinned.history(at.max_file_bytes)
            with progress.step("checking the documents"):
                result = lint(at, today or day, history=history)
            rendered = render_site(at, today or day, target, result, history)
    except HistoryUnavailable as exc:
        raise EvidenceError(str(exc)) from None
    committed = history.log.commits[pinned.commit].committer.when
    return StagedAsOf(pinned.commit, committed, rendered)
