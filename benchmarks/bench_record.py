"""Benchmark the history as document control (issue 13): what the records of every document cost.

Generates the repository of `bench_history.py` (1,000 documents, 5,000 commits by default), lints it
once, then times, in each round:

- prepared: `approvals.record.prepared()`: every revision the records compare (one `git cat-file
  --batch`, each distinct blob parsed once), the signature verdicts and the forge notes;
- records: the audience gate's `history()`, which builds each document's record (versions, kinds of
  change, approval evidence) from them.

    python benchmarks/bench_record.py                  # 1,000 documents, 5,000 commits, 3 rounds
    python benchmarks/bench_record.py --docs 200 --commits 1000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "benchmarks"))

from bench_history import generate  # noqa: E402

from aims_lint.approvals.record import prepared  # noqa: E402
from aims_lint.audience import Gate  # noqa: E402
from aims_lint.config import load_settings  # noqa: E402
from aims_lint.engine import lint  # noqa: E402
from aims_lint.history import load_history  # noqa: E402


def run(root: Path, rounds: int) -> None:
    settings = load_settings(root)
    result = lint(settings, date(2026, 6, 1))
    loads, builds = [], []
    for _ in range(rounds):
        history = load_history(settings)
        start = time.perf_counter()
        history = prepared(history, result.corpus, root)
        middle = time.perf_counter()
        view = Gate.of(result.corpus, "all").history(history)
        loads.append(middle - start)
        builds.append(time.perf_counter() - middle)
    rows = sum(len(record.rows) for record in view.records.values())
    approvals = sum(len(record.approvals) for record in view.records.values())
    print(f"{len(history.revisions)} revisions, {rows} rows, {approvals} approved versions")
    print(f"prepared: {statistics.median(loads):.3f} s, records: {statistics.median(builds):.3f} s "
          f"(medians of {rounds})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aims-record-bench-") as folder:
        generate(Path(folder), args.docs, args.commits)
        run(Path(folder), args.rounds)


if __name__ == "__main__":
    main()
