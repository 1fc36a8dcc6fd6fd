"""Progress for long steps, on a terminal only.

Rendering 10,000 documents, building the site or reading a long history takes
minutes; a silent terminal looks hung. So those steps report progress on
stderr, through rich, but only when stderr is a terminal and `aims-lint
--quiet` was not given: CI logs, pipes and files get no progress at all, and
stdout is never touched. The display is transient (gone when the step ends),
so what remains on the terminal is the command's own output.

Callers wrap an iterable (`track`) or a step without a count (`step`). Steps
nest: one display is shared, each step a line in it, because rich allows one
live display at a time.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sized
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

T = TypeVar("T")

_state: dict[str, bool] = {"quiet": False}
_active: list[Progress] = []  # the shared display while one is live


def configure(*, quiet: bool) -> None:
    """Set once per command run by the command line (`aims-lint --quiet CMD`)."""
    _state["quiet"] = quiet


def enabled() -> bool:
    return not _state["quiet"] and sys.stderr.isatty()


def track(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Yield `items`, advancing a bar (or a counter, when the total is unknown)."""
    if not enabled():
        yield from items
        return
    if total is None and isinstance(items, Sized):
        total = len(items)
    with _display() as progress:
        task = progress.add_task(description, total=total)
        try:
            for item in items:
                yield item
                progress.advance(task)
        finally:
            progress.remove_task(task)


@contextmanager
def step(description: str) -> Iterator[None]:
    """A spinner while a step without a count runs (a git call, the MkDocs build)."""
    if not enabled():
        yield
        return
    with _display() as progress:
        task = progress.add_task(description, total=None)
        try:
            yield
        finally:
            progress.remove_task(task)


class _Count(ProgressColumn):
    """`done/total`, or just `done` when the total is unknown; nothing before the first item."""

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text(str(task.completed) if task.completed else "")
        return Text(f"{task.completed:g}/{task.total:g}")


@contextmanager
def _display() -> Iterator[Progress]:
    if _active:
        yield _active[-1]
        return
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        _Count(),
        TimeElapsedColumn(),
        console=Console(file=sys.stderr),
        transient=True,
        # Log lines written to stderr meanwhile (MkDocs') print above the display;
        # stdout is the command's output and is left alone.
        redirect_stdout=False,
    )
    _active.append(progress)
    try:
        with progress:
            yield progress
    finally:
        _active.pop()
