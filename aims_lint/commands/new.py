"""`aims-lint new TYPE "Title"`: scaffold a document of any type from its schema.

Templates live in the repository under `templates/` (`policy.md`,
`procedure.md`, `record.md`, and `record-KIND.md` for a record kind with its
own fields), so an organisation changes them like any other document. A type
without a template there falls back to the packaged default, and a type with
neither (a `standard` added as a schema only) gets a front matter made from
its schema (aims_lint/scaffold.py). In a template, `{{ name }}` stands for a
value; in the front matter it stands for a whole YAML value and is written
quoted where YAML needs it.

The run holds the repository lock from reading the ids in use to creating the
file, so two `new` runs never take the same next free id, and the file is
created only if its name is free. A folder that is a link leading out of the
repository is refused (exit 2): the document would be written elsewhere.
"""

from __future__ import annotations

import sys
from datetime import date

from aims_lint.atomic import write_atomic
from aims_lint.config import Settings
from aims_lint.engine import build_context, lint
from aims_lint.repo_lock import repository_lock
from aims_lint.report import text as text_report
from aims_lint.scaffold import NewRequest, scaffold


def run_new(settings: Settings, today: date, request: NewRequest) -> int:
    with repository_lock(settings.root):
        created = _create(settings, today, request)
    if created is None:
        return 1
    sys.stdout.write(f"{created}\n")
    # The findings say what to fill in next; the document exists either way, so exit 0.
    result = lint(settings, today, [created])
    if result.findings:
        sys.stderr.write(text_report.render(result))
    return 0


def _create(settings: Settings, today: date, request: NewRequest) -> str | None:
    """Create the document; its repository-relative path, or None when the name is taken."""
    ctx = build_context(settings, today)
    made = scaffold(settings, ctx.schemas, ctx.corpus, today, request)
    made.target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(made.target, made.content.encode("utf-8"), exclusive=True)
    except FileExistsError:
        sys.stderr.write(f"aims-lint: {made.rel} already exists; not overwriting it\n")
        return None
    return made.rel
