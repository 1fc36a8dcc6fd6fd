"""Time `aims-lint check` on 1,000 and 10,000 synthetic documents next to the parsing floor.

For each size, one run of this script generates a repository (`generate.py`,
fixed seed), then times two subprocesses, wall clock from start to exit as a
user sees it, interpreter start-up and imports included:

- `aims-lint check --today 2026-11-22 --format json` (the console script next
  to this interpreter when installed, else `python -m aims_lint` from this tree);
- the floor (`floor.py`): read the same files and parse their front matter with
  PyYAML's CSafeLoader, nothing else.

Each is run once to warm the file cache, then `--repeats` times interleaved;
the best time counts. The table is printed and written to the section
"## Linting (issue 2)" of `benchmarks/RESULTS.md` (other sections are kept).

    python benchmarks/bench_check.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generate import write_repository

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
RESULTS = HERE / "RESULTS.md"
SECTION = "## Linting (issue 2)"
TODAY = "2026-11-22"
TARGETS = {1_000: 0.6, 10_000: 4.0}  # seconds, wall clock
MAX_RATIO = 3.0  # to the floor


@dataclass(frozen=True)
class Measurement:
    documents: int
    check: float
    floor: float
    errors: int
    warnings: int

    @property
    def ratio(self) -> float:
        return self.check / self.floor

    @property
    def target(self) -> float | None:
        return TARGETS.get(self.documents)

    @property
    def met(self) -> bool:
        return self.target is not None and self.check < self.target and self.ratio <= MAX_RATIO


def check_command() -> tuple[list[str], dict[str, str]]:
    """The console script installed with this interpreter, else the package run from this tree."""
    script = Path(sys.executable).parent / "aims-lint"
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    if script.is_file():
        return [str(script)], env
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    return [sys.executable, "-m", "aims_lint"], env


def _wall(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def _summary(command: list[str], repo: Path, env: dict[str, str], documents: int) -> dict[str, int]:
    """Run once for real: the report must be JSON covering every document, exit 0 or 1."""
    done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"aims-lint check failed (exit {done.returncode}):\n{done.stderr}")
    summary: dict[str, int] = json.loads(done.stdout)["summary"]
    if summary["documents"] != documents:
        raise SystemExit(f"aims-lint checked {summary['documents']} documents, expected {documents}")
    return summary


def measure(documents: int, repeats: int, seed: int, workdir: Path) -> Measurement:
    repo = workdir / f"aims-{documents}"
    write_repository(repo, documents, seed)
    base, env = check_command()
    check = [*base, "check", "--today", TODAY, "--format", "json"]
    floor = [sys.executable, str(HERE / "floor.py"), str(repo)]
    summary = _summary(check, repo, env, documents)
    subprocess.run(floor, cwd=repo, env=env, capture_output=True, check=True)  # warm-up, must work
    best_check = best_floor = float("inf")
    for _ in range(repeats):
        best_floor = min(best_floor, _wall(floor, repo, env))
        best_check = min(best_check, _wall(check, repo, env))
    return Measurement(documents, best_check, best_floor, summary["errors"], summary["warnings"])


def table(results: list[Measurement]) -> str:
    rows = [
        "| Documents | `aims-lint check` | Floor (read + CSafeLoader) | Ratio to floor "
        "| Target | Met |",
        "|---:|---:|---:|---:|---|:---:|",
    ]
    for m in results:
        target = f"< {m.target:g} s and <= {MAX_RATIO:g}x" if m.target else "-"
        rows.append(
            f"| {m.documents:,} | {m.check:.3f} s | {m.floor:.3f} s | {m.ratio:.2f}x | {target} "
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


def machine() -> str:
    load = f", load average {os.getloadavg()[0]:.2f} at the start" if hasattr(os, "getloadavg") else ""
    return (
        f"{cpu_model()}, {os.cpu_count()} logical cores{load}; Python {platform.python_version()} "
        f"({platform.python_implementation()}); {platform.system()} {platform.release()}"
    )


def section(results: list[Measurement], command: str, check: str, args: argparse.Namespace,
            host: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    defects = ", ".join(f"{m.documents:,}: {m.errors} errors, {m.warnings} warnings" for m in results)
    return "\n".join([
        SECTION, "",
        f"Measured {stamp} with `{command}` (from the repository root).", "",
        f"- Machine: {host}.",
        f"- Linter command: `{check} check --today {TODAY} --format json`, run in the generated "
        "repository; wall clock of the whole process (start-up and imports included), "
        f"best of {args.repeats} after one warm-up run.",
        "- Floor: `python benchmarks/floor.py REPO`, reading the same files and parsing their front "
        "matter with PyYAML's CSafeLoader, nothing else.",
        f"- Corpus: `benchmarks/generate.py`, seed {args.seed}, about 10% of documents with one defect "
        f"(findings reported: {defects}).", "",
        table(results), "",
    ])


def write_section(text: str, path: Path = RESULTS) -> None:
    """Replace our section of RESULTS.md (up to the next `## ` heading), or append it."""
    old = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmark results\n"
    start = old.find(SECTION)
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + len(SECTION))
        rest = old[end + 1 :] if end >= 0 else ""
        new = old[:start] + text + ("\n" + rest if rest else "")
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time aims-lint check against the parsing floor.")
    parser.add_argument("--counts", type=int, nargs="+", default=sorted(TARGETS))
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per command (best counts)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-write", action="store_true", help=f"do not update {RESULTS.name}")
    args = parser.parse_args(argv)
    host = machine()
    with tempfile.TemporaryDirectory(prefix="aims-bench-") as tmp:
        results = [measure(n, args.repeats, args.seed, Path(tmp)) for n in args.counts]
    print(table(results))
    if not args.no_write:
        command = shlex.join(["python", "benchmarks/bench_check.py", *(argv or sys.argv[1:])])
        base = " ".join(check_command()[0]).replace(sys.executable, "python")
        write_section(section(results, command, base, args, host))
        print(f"\nwrote the section '{SECTION}' of {RESULTS}")
    return 0 if all(m.met for m in results if m.target) else 1


if __name__ == "__main__":
    sys.exit(main())
