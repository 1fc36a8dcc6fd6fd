"""Time `aims-lint check` on 1,000 and 10,000 synthetic documents next to the parsing floor.

For each size, one run of this script generates the documents (`generate.py`,
fixed seed) twice, as a git repository with one commit (what a user has, so
the history rules run) and as a plain folder (history rules skipped), then
times subprocesses, wall clock from start to exit as a user sees it,
interpreter start-up and imports included:

- `aims-lint check --today 2026-11-22 --format json` (the console script next
  to this interpreter when installed, else `python -m aims_lint` from this tree);
- the floor (`floor.py`): read the same files and parse their front matter with
  PyYAML's CSafeLoader, nothing else.

Bytecode is cached in a temporary folder (as `pip install` leaves it), each
command runs once to warm up, then `--repeats` times interleaved; the best
time counts. CPU time (user + system) is shown too: on a busy machine it is
the steadier figure. The table is printed and written to the section
"## Linting (issue 2)" of `benchmarks/RESULTS.md` (other sections are kept).

    python benchmarks/bench_check.py

`--qualified` writes the same citations as `ISO42001:` ids, to compare what
reading framework prefixes costs (the section "Qualified ids (issue 14)").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generate import commit_all, write_repository

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
RESULTS = HERE / "RESULTS.md"
SECTION = "## Linting (issue 2)"
TODAY = "2026-11-22"
TARGETS = {1_000: 0.6, 10_000: 4.0}  # seconds, wall clock
MAX_RATIO = 3.0  # to the floor


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # user + system of the child process


@dataclass(frozen=True)
class Measurement:
    documents: int
    git: bool
    check: Timing
    floor: Timing
    errors: int
    warnings: int

    @property
    def ratio(self) -> float:
        return self.check.wall / self.floor.wall

    @property
    def target(self) -> float | None:
        return TARGETS.get(self.documents)

    @property
    def met(self) -> bool:
        return self.target is not None and self.check.wall < self.target and self.ratio <= MAX_RATIO


def check_command(pycache: Path) -> tuple[list[str], dict[str, str]]:
    """The console script installed with this interpreter, else the package run from this tree."""
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)  # compiled once, like an installed package
    script = Path(sys.executable).parent / "aims-lint"
    if script.is_file():
        return [str(script)], env
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    return [sys.executable, "-m", "aims_lint"], env


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def best(timings: list[Timing]) -> Timing:
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


def _summary(command: list[str], repo: Path, env: dict[str, str], documents: int) -> dict[str, int]:
    """Run once for real (and warm up): JSON covering every document, exit 0 or 1."""
    done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"aims-lint check failed (exit {done.returncode}):\n{done.stderr}")
    summary: dict[str, int] = json.loads(done.stdout)["summary"]
    if summary["documents"] != documents:
        raise SystemExit(f"aims-lint checked {summary['documents']} documents, expected {documents}")
    return summary


def measure(documents: int, args: argparse.Namespace, workdir: Path) -> list[Measurement]:
    """Both variants of one size, with one floor (the files are the same)."""
    repos = {git: workdir / f"aims-{documents}-{'git' if git else 'plain'}" for git in (True, False)}
    for git, repo in repos.items():
        write_repository(repo, documents, args.seed, args.qualified)
        if git:
            commit_all(repo)
    base, env = check_command(workdir / "pycache")
    check = [*base, "check", "--today", TODAY, "--format", "json"]
    floor = [sys.executable, str(HERE / "floor.py"), str(repos[False])]
    subprocess.run(floor, env=env, capture_output=True, check=True)  # warm-up; must work
    summaries = {git: _summary(check, repo, env, documents) for git, repo in repos.items()}
    runs: dict[str, list[Timing]] = {"floor": [], "git": [], "plain": []}
    for _ in range(args.repeats):
        runs["floor"].append(timed(floor, repos[False], env))
        for git, repo in repos.items():
            runs["git" if git else "plain"].append(timed(check, repo, env))
    return [
        Measurement(documents, git, best(runs["git" if git else "plain"]), best(runs["floor"]),
                    summaries[git]["errors"], summaries[git]["warnings"])
        for git in (True, False)
    ]


def table(results: list[Measurement]) -> str:
    rows = [
        "| Documents | Repository | `aims-lint check` wall | CPU | Floor wall | Floor CPU "
        "| Ratio to floor (wall) | Target | Met |",
        "|---:|---|---:|---:|---:|---:|---:|---|:---:|",
    ]
    for m in results:
        kind = "git, 1 commit (all rules)" if m.git else "plain folder (history rules skipped)"
        target = f"< {m.target:g} s and <= {MAX_RATIO:g}x" if m.target else "-"
        rows.append(
            f"| {m.documents:,} | {kind} | {m.check.wall:.3f} s | {m.check.cpu:.3f} s "
            f"| {m.floor.wall:.3f} s | {m.floor.cpu:.3f} s | {m.ratio:.2f}x | {target} "
            f"| {'yes' if m.met else 'no'} |"
        )
    return "\n".join(rows)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "n/a"


def machine() -> str:
    return (
        f"{cpu_model()}, {os.cpu_count()} logical cores; Python {platform.python_version()} "
        f"({platform.python_implementation()}); {platform.system()} {platform.release()}"
    )


def section(results: list[Measurement], command: str, check: str, args: argparse.Namespace,
            loads: tuple[str, str]) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    found = "; ".join(
        f"{m.documents:,} {'git' if m.git else 'plain'}: {m.errors} errors, {m.warnings} warnings"
        for m in results
    )
    return "\n".join([
        SECTION, "",
        f"Measured {stamp} with `{command}` (from the repository root).", "",
        f"- Machine: {machine()}; 1-minute load average {loads[0]} at the start, {loads[1]} at the end.",
        f"- Linter: `{check} check --today {TODAY} --format json`, run in the generated repository; "
        "wall clock of the whole process (start-up and imports included), bytecode cached, "
        f"best of {args.repeats} after one warm-up run. CPU is user + system time of that process.",
        "- Floor: `python benchmarks/floor.py REPO`: read the same files and parse their front matter "
        "with PyYAML's CSafeLoader, nothing else.",
        f"- Corpus: `benchmarks/generate.py`, seed {args.seed}, about 10% of documents with one defect "
        f"(findings: {found}).", "",
        table(results), "",
    ])


def write_section(text: str, path: Path = RESULTS, heading: str = SECTION) -> None:
    """Replace one section of RESULTS.md (up to the next `## ` heading), or append it."""
    old = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmark results\n"
    start = old.find(heading)
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + len(heading))
        rest = old[end + 1 :] if end >= 0 else ""
        new = old[:start] + text + ("\n" + rest if rest else "")
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time aims-lint check against the parsing floor.")
    parser.add_argument("--counts", type=int, nargs="+", default=sorted(TARGETS))
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per command (best counts)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-write", action="store_true", help=f"do not update {RESULTS.name}")
    parser.add_argument("--qualified", action="store_true",
                        help="documents cite ISO42001:-prefixed ids (issue 14); use with --no-write")
    args = parser.parse_args(argv)
    start_load = load_average()
    with tempfile.TemporaryDirectory(prefix="aims-bench-") as tmp:
        results = [m for n in args.counts for m in measure(n, args, Path(tmp))]
        base = " ".join(check_command(Path(tmp))[0]).replace(sys.executable, "python")
    print(table(results))
    if not args.no_write:
        command = shlex.join(["python", "benchmarks/bench_check.py", *(argv or sys.argv[1:])])
        write_section(section(results, command, base, args, (start_load, load_average())))
        print(f"\nwrote the section '{SECTION}' of {RESULTS}")
    return 0 if all(m.met for m in results if m.target) else 1


if __name__ == "__main__":
    sys.exit(main())
