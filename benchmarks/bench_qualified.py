"""What citing ids with a framework prefix costs `aims-lint check` (issue 14), in process.

Generates the corpus of `bench_check.py` (`generate.py`, fixed seed) twice, as
plain folders: once with bare ids (`A.6.2.4`, `8.1`) and once with the same
citations written `ISO42001:A.6.2.4`, `ISO42001:8.1` (`--qualified`), so the
findings are the same and only reading the prefixes differs. Then lints each
in this process (after one warm-up run, so catalogs and schemas are loaded),
alternating, and prints the best CPU time (`time.process_time`) of
`--repeats` runs: on a shared machine CPU time is the steadier figure, and the
subprocess timings of `bench_check.py --qualified` are dominated by start-up
and load.

    python benchmarks/bench_qualified.py --count 1000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from generate import write_repository

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the tree this script is in, as bench_check.py runs it

from aims_lint.config import load_settings  # noqa: E402
from aims_lint.engine import lint  # noqa: E402

TODAY = date(2026, 11, 22)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="CPU time of check with bare vs qualified ids.")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aims-bench-q-") as tmp:
        settings = {}
        for qualified in (False, True):
            root = Path(tmp) / ("qualified" if qualified else "bare")
            write_repository(root, args.count, args.seed, qualified)
            settings[qualified] = load_settings(root)
        found = {q: len(lint(s, TODAY).findings) for q, s in settings.items()}  # warm-up
        times: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(args.repeats):
            for qualified, s in settings.items():
                start = time.process_time()
                lint(s, TODAY)
                times[qualified].append(time.process_time() - start)
    bare, qual = min(times[False]), min(times[True])
    print(f"{args.count} documents, best of {args.repeats}: bare {bare:.3f} s CPU ({found[False]} findings), "
          f"qualified {qual:.3f} s CPU ({found[True]} findings), ratio {qual / bare:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
