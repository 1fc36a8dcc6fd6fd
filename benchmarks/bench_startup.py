"""Start-up and `check` time of this tree against a baseline tree, in the same run (issue 16).

Measures what replacing GitPython with the subprocess layer and loading past
revisions before rules run changed, as ratios new / baseline:

- imports: `python -X importtime -c 'import aims_lint.cli'` (the cumulative
  time of `aims_lint.cli`) and the wall time of that process;
- `python -m aims_lint check --today 2026-11-22 --format json` on the
  example repository (this one) and on a generated repository of 1,000
  documents and 5,000 commits (`bench_history.generate`), wall and CPU;
- on that repository: how many past revisions the rules declare and load
  before they run, how many they then read, and how long the loading takes.

The baseline is the package as of `--baseline-rev`, exported with `git
archive` into a temporary folder; both trees run with the same interpreter
(the baseline needs GitPython importable). Runs alternate between the two
trees, so a change in machine load affects both; medians are reported.

    python benchmarks/bench_startup.py --baseline-rev 401aa77 --rounds 11
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
TODAY = "2026-11-22"
Sample = tuple[float, float]  # wall, CPU seconds


def export(rev: str, target: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(PROJECT), "archive", rev, "aims_lint"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def environment(tree: Path, pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PYTHONDONTWRITEBYTECODE")}
    env.update({"PYTHONPATH": str(tree), "PYTHONPYCACHEPREFIX": str(pycache)})
    return env


def run(command: list[str], env: dict[str, str]) -> tuple[Sample, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False, cwd=HERE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime), done.stderr


def import_time(module: str, env: dict[str, str]) -> tuple[Sample, float]:
    """The process, and the cumulative import time of `module` that -X importtime reports."""
    sample, stderr = run([sys.executable, "-X", "importtime", "-c", f"import {module}"], env)
    pattern = rf"import time:\s+\d+ \|\s+(\d+) \|\s+{re.escape(module)}$"
    found = re.search(pattern, stderr, re.MULTILINE)
    return sample, (int(found.group(1)) / 1e6 if found else float("nan"))


def import_cli(env: dict[str, str]) -> tuple[Sample, float]:
    return import_time("aims_lint.cli", env)


def check(repo: Path, env: dict[str, str]) -> Sample:
    command = [sys.executable, "-m", "aims_lint", "check", "--root", str(repo), "--today", TODAY,
               "--format", "json"]
    return run(command, env)[0]


def alternate(actions: list[Callable[[], object]], rounds: int) -> list[list[object]]:
    for action in actions:  # warm up: bytecode, page cache
        action()
    samples: list[list[object]] = [[] for _ in actions]
    for _ in range(rounds):
        for action, found in zip(actions, samples, strict=True):
            found.append(action())
    return samples


def median(values: list[float]) -> float:
    return statistics.median(values)


def row(label: str, base: list[Sample], new: list[Sample]) -> str:
    bw, nw = median([s[0] for s in base]), median([s[0] for s in new])
    bc, nc = median([s[1] for s in base]), median([s[1] for s in new])
    return f"| {label} | {bw:.3f} s | {nw:.3f} s | {nw / bw:.2f} | {bc:.3f} s | {nc:.3f} s | {nc / bc:.2f} |"


def revisions_report(repo: Path) -> str:
    """In-process, this tree: revisions declared and loaded before rules run, and those then read."""
    sys.path.insert(0, str(PROJECT))
    from dataclasses import replace
    from datetime import date

    from aims_lint.config import load_settings
    from aims_lint.engine import _with_revisions, build_context, selected_rules
    from aims_lint.history import History, load_history

    settings = load_settings(repo)
    rules = selected_rules(settings)
    ctx = build_context(settings, date.fromisoformat(TODAY))
    start = time.perf_counter()
    ctx = replace(ctx, history=load_history(settings, documents=[s.path for s in ctx.corpus.sources]))
    read = time.perf_counter()
    history = _with_revisions(ctx, rules)
    loaded = time.perf_counter()
    assert history is not None and history.available, history
    asked: set[tuple[str, str]] = set()

    class Counting(History):  # counts what the rules read; the answers are the loaded ones
        def _revision(self, commit: str, path: str):  # type: ignore[no-untyped-def]
            asked.add((commit, path))
            return super()._revision(commit, path)

    counting = Counting(history.log, history.problem, history.required, history.base, history.revisions,
                        history.source, history.max_bytes)
    for rule in rules:
        list(rule.check(replace(ctx, history=counting)))
    return (f"In-process on that repository: reading the history took {read - start:.3f} s; loading the "
            f"{len(history.revisions)} past revisions the rules declared, before they ran, took "
            f"{loaded - read:.3f} s (one `git cat-file --batch`); the rules then read {len(asked)} of them.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline-rev", default="main", help="the revision to compare with")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from bench_history import generate

    with tempfile.TemporaryDirectory(prefix="aims-startup-bench-") as folder:
        work = Path(folder)
        (work / "baseline").mkdir()
        base_tree = export(args.baseline_rev, work / "baseline")
        big = work / "history-repo"
        generate(big, args.docs, args.commits)
        envs = [environment(base_tree, work / "pyc-base"), environment(PROJECT, work / "pyc-new")]
        imports = alternate([lambda env=env: import_cli(env) for env in envs], args.rounds)
        example = alternate([lambda env=env: check(PROJECT, env) for env in envs], args.rounds)
        large = alternate([lambda env=env: check(big, env) for env in envs], args.rounds)
        cli = [[sample[1] for sample in side] for side in imports]  # type: ignore[index]
        print(f"baseline: {args.baseline_rev}; {args.rounds} rounds, medians, trees alternating")
        print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"load {os.getloadavg()[0]:.2f}")
        print()
        print("| What | Baseline wall | New wall | Ratio | Baseline CPU | New CPU | Ratio |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        print(f"| `import aims_lint.cli` (-X importtime, cumulative) | {median(cli[0]) * 1000:.1f} ms | "
              f"{median(cli[1]) * 1000:.1f} ms | {median(cli[1]) / median(cli[0]):.2f} | | | |")
        print(row("`python -X importtime -c 'import aims_lint.cli'` process",
                  *[[s[0] for s in side] for side in imports]))  # type: ignore[index]
        print(row("`check` on the example repository", *example))  # type: ignore[arg-type]
        print(row(f"`check` on {args.docs:,} documents, {args.commits:,} commits", *large))  # type: ignore[arg-type]
        gitpython = [import_time("git", envs[0])[1] for _ in range(args.rounds)]
        print(f"| `import git` (GitPython, which the baseline imports when a check reads history) | "
              f"{median(gitpython) * 1000:.1f} ms | not imported | | | | |")
        print()
        print(revisions_report(big))


if __name__ == "__main__":
    main()
