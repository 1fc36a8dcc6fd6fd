"""`check` on 10,000 generated documents before and after the body rules (issue 12), in one run.

The baseline is the package and the schemas as of `--baseline-rev` (`git
archive`); the new side is this tree with its own schemas, whose `x-aims.body`
makes the body rules read every approved document's body. Both check the same
generated documents (`generate.py`, plain folder, seed 42), each with its own
side's `schemas/`: the baseline refuses a schema with an `x-aims.body` it does
not know. Runs alternate between the sides after a warm-up; medians and bests
are printed as a Markdown table for benchmarks/RESULTS.md.

    python benchmarks/bench_body.py --baseline-rev main --docs 10000 --rounds 5
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
TODAY = "2026-11-22"


def export(rev: str, paths: list[str], target: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(PROJECT), "archive", rev, *paths],
                             capture_output=True, check=True).stdout
    target.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def check(tree: Path, repo: Path, pycache: Path) -> tuple[float, float, dict[str, int]]:
    """(wall, CPU, summary) of one `python -m aims_lint check` with `tree` first on the path."""
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PYTHONDONTWRITEBYTECODE")}
    env.update({"PYTHONPATH": str(tree), "PYTHONPYCACHEPREFIX": str(pycache)})
    command = [sys.executable, "-m", "aims_lint", "check", "--root", str(repo), "--today", TODAY,
               "--format", "json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False, cwd=repo)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # a refused schema must not pass for a fast run
        raise SystemExit(f"check with {tree} failed (exit {done.returncode}):\n{done.stderr}")
    summary: dict[str, int] = json.loads(done.stdout)["summary"]
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline-rev", default="main")
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aims-body-bench-") as folder:
        work = Path(folder)
        base_tree = export(args.baseline_rev, ["aims_lint", "schemas"], work / "baseline")
        new_repo = work / "repo-new"
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--count", str(args.docs), "--out",
                        str(new_repo), "--no-git"], check=True, capture_output=True)
        base_repo = work / "repo-baseline"
        shutil.copytree(new_repo, base_repo)
        shutil.rmtree(base_repo / "schemas")
        shutil.copytree(base_tree / "schemas", base_repo / "schemas")
        sides = [(base_tree, base_repo, work / "pyc-base"), (PROJECT, new_repo, work / "pyc-new")]
        summaries = [check(*side)[2] for side in sides]  # warm-up: bytecode, page cache
        samples: list[list[tuple[float, float]]] = [[], []]
        for _ in range(args.rounds):
            for side, found in zip(sides, samples, strict=True):
                wall, cpu, _ = check(*side)
                found.append((wall, cpu))
        print(f"baseline: {args.baseline_rev}; {args.docs:,} documents (plain folder, seed 42); "
              f"{args.rounds} rounds alternating after a warm-up")
        print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"load {os.getloadavg()[0]:.2f}")
        print()
        print("| Side | Median wall | Best wall | Median CPU | Best CPU | Errors | Warnings |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label, found, summary in zip(("baseline", "this tree"), samples, summaries, strict=True):
            walls, cpus = [s[0] for s in found], [s[1] for s in found]
            print(f"| {label} | {statistics.median(walls):.3f} s | {min(walls):.3f} s | "
                  f"{statistics.median(cpus):.3f} s | {min(cpus):.3f} s | {summary.get('errors', 0):,} | "
                  f"{summary.get('warnings', 0):,} |")


if __name__ == "__main__":
    main()
