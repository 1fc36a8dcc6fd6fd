"""Benchmark the approved-version pages (issue 13): what they add to a render, and to a build.

Generates `bench_history.py`'s repository (by default 1,000 documents and
5,000 commits, most edits re-approved one minor version up), then times in
one process, medians of `--rounds`:

- the history pass (`load_history`), for scale;
- loading every revision of every document in one `git cat-file --batch` (`versions.load`);
- finding every approved version (`versions.for_audience`, i.e. `approval_events` per document);
- writing the version and changes pages (`version_pages.version_pages`);
- the whole `render_site`, with the version pages and without them (the folder taken out of the table).

With `--build`, it also builds both staged sources with MkDocs once (strict, the project's theme), which
is where most of the cost of thousands of extra pages goes.

    python benchmarks/bench_versions.py --rounds 3
    python benchmarks/bench_versions.py --docs 200 --commits 1000 --rounds 3 --build
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))

from bench_history import generate  # noqa: E402

from aims_lint.audience import Gate  # noqa: E402
from aims_lint.config import load_settings  # noqa: E402
from aims_lint.engine import lint  # noqa: E402
from aims_lint.history import load_history  # noqa: E402
from aims_lint.site import page_table, version_pages, versions  # noqa: E402
from aims_lint.site.context import audience_view  # noqa: E402
from aims_lint.site.render import render_site  # noqa: E402

TODAY = date(2026, 12, 2)
T = TypeVar("T")


def median(action: Callable[[], T], rounds: int) -> tuple[float, T]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        value = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def run(root: Path, rounds: int, build: bool) -> None:
    (root / "mkdocs.yml").write_text((PROJECT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "site_name: Fennwick Labs AI management system", "site_name: Benchmark"), encoding="utf-8")
    settings = load_settings(root)
    t_log, history = median(lambda: load_history(settings), rounds)
    result = lint(settings, TODAY, history=history)
    t_load, loaded = median(lambda: versions.load(history, result.corpus, settings), rounds)
    reads = versions.version_reads(history, [s.path for s in result.corpus.sources])
    blobs = len({oid for _, oid in reads if oid})
    gate = Gate.of(result.corpus, settings.audience)
    t_events, found = median(lambda: versions.for_audience(gate, loaded), rounds)
    ctx = audience_view(settings, TODAY, result, loaded, page_table.RESERVED)
    t_pages, pages = median(lambda: version_pages.version_pages(ctx), rounds)
    with_out = root.parent / "with"
    without_out = root.parent / "without"
    t_with, _ = median(lambda: render_site(settings, TODAY, with_out, result, history), rounds)
    table = page_table.PAGES
    page_table.PAGES = tuple(e for e in table if e.slug != version_pages.FOLDER)
    try:
        t_without, _ = median(lambda: render_site(settings, TODAY, without_out, result, history), rounds)
    finally:
        page_table.PAGES = table
    shown = sum(len(v) for v in found.values())
    print(f"documents {len(result.corpus.sources)}, commits {len(history.log.commits)}")
    print(f"| history pass (`load_history`) | {t_log:.3f} s | |")
    print(f"| every revision of every document, one `cat-file --batch` (`versions.load`) | {t_load:.3f} s "
          f"| {len(reads):,} revisions, {blobs:,} distinct blobs |")
    print(f"| approved versions of every document (`versions.for_audience`) | {t_events:.3f} s "
          f"| {shown:,} versions of {len(found):,} documents |")
    print(f"| version and changes pages (`version_pages`) | {t_pages:.3f} s | {len(pages):,} pages |")
    print(f"| `render_site` with version pages | {t_with:.3f} s | |")
    print(f"| `render_site` without them | {t_without:.3f} s | |")
    if build:
        for name, out in (("with", with_out), ("without", without_out)):
            print(f"| MkDocs build {name} version pages | {_build(root, out):.1f} s | |")


def _build(root: Path, source: Path) -> float:
    config = root / "mkdocs.yml"
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("INHERIT: build/site-src.nav.yml", f"INHERIT: {source}.nav.yml")
    text = text.replace("docs_dir: build/site-src", f"docs_dir: {source}")
    text = text.replace("site_dir: site", f"site_dir: {source}-site")
    config.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--build", action="store_true", help="also build both sources with MkDocs once")
    args = parser.parse_args()
    print(f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.1f}")
    folder = Path(tempfile.mkdtemp(prefix="aims-bench-versions-"))
    try:
        generate(folder / "repo", args.docs, args.commits)
        run(folder / "repo", args.rounds, args.build)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
