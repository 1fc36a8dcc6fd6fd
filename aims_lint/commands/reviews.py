"""`aims-lint reviews`: which reviews are overdue or due soon, and whose they are.

Always exits 0 when it could judge the documents (2 on a configuration error):
it reports, the check gates. The scheduled workflow reads `pending` from the
JSON and posts the `issue` rendering.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from aims_lint import own_output
from aims_lint.atomic import check_output, write_output
from aims_lint.config import Settings
from aims_lint.engine import lint
from aims_lint.report import reviews


def run_reviews(
    settings: Settings, today: date, fmt: str, output: Path | None, link_base: str | None, force: bool = False
) -> int:
    if output is not None:
        check_output(output, ours=own_output.REVIEWS[fmt], force=force, option="--output")
    due = reviews.collect(lint(settings, today), settings.due_soon_days)
    if fmt == "json":
        report = reviews.render_json(due)
    elif fmt == "issue":
        report = reviews.render_issue(due, link_base)
    else:
        report = reviews.render_text(due)
    if output is None:
        sys.stdout.write(report)
    else:
        write_output(output, report.encode("utf-8"), ours=own_output.REVIEWS[fmt], force=force,
                     option="--output")
    return 0
