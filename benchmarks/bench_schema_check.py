"""The yes/no schema decision three ways, end to end, in one run (issue 16 item 7).

`aims-lint check` runs on the same generated repositories (`generate.py`, a
plain folder, so the history rules are skipped and the schema step weighs
most) with the quick "certainly valid?" check taken from:

- `jsonschema-rs`: what `aims_lint/schema_check.py` ships;
- `hand-written`: the 288-line `aims_lint/fastcheck.py` it replaced, read from
  git history (the parent of the commit that deleted it) into a temporary module;
- `jsonschema`: no quick check, jsonschema's `iter_errors` on every document.

Each variant is the same subprocess (`python -c`, imports and start-up
included) with one function of `aims_lint.schemas` swapped before `main` runs.
Runs are interleaved; the best wall clock and CPU of `--repeats` count. The
decision alone is timed in-process too: compiling the project's schemas, and
microseconds per document over the corpus's front matter. The table goes to
the section below of `benchmarks/RESULTS.md`.

    python benchmarks/bench_schema_check.py
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench_check import Timing, best, load_average, machine, timed, write_section
from generate import write_repository

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
RESULTS = HERE / "RESULTS.md"
SECTION = "## Schema decision (issue 16)"
TODAY = "2026-11-22"
VARIANTS = ("jsonschema-rs", "hand-written", "jsonschema")

# Runs in the child: swap the quick check for the variant, then run the CLI as `aims-lint` would.
BOOT = """
import sys
variant, old = sys.argv[1], sys.argv[2]
import aims_lint.schemas as schemas
if variant == "jsonschema":
    schemas.compile_check = lambda raw, formats: None
elif variant == "hand-written":
    sys.path.insert(0, old)
    import fastcheck_old
    from aims_lint.schema_check import _guarded
    def compile_old(raw, formats):
        quick = fastcheck_old.compile_schema(raw, formats)
        return None if quick is None else _guarded(quick)
    schemas.compile_check = compile_old
from aims_lint.cli import main
sys.exit(main(sys.argv[3:]))
"""


def old_fastcheck(into: Path) -> Path:
    """fastcheck.py as it was before its deletion, written to `into/fastcheck_old.py`."""
    path = "aims_lint/fastcheck.py"
    log = ["git", "-C", str(PROJECT), "log", "-1", "--format=%H", "--diff-filter=D", "--", path]
    deleted = subprocess.run(log, capture_output=True, text=True, check=True).stdout.strip()
    rev = f"{deleted}^:{path}" if deleted else f"HEAD:{path}"
    show = subprocess.run(["git", "-C", str(PROJECT), "show", rev], capture_output=True, text=True,
                          check=True)
    into.mkdir(parents=True, exist_ok=True)
    (into / "fastcheck_old.py").write_text(show.stdout, encoding="utf-8")
    return into


def command(variant: str, old: Path) -> list[str]:
    return [sys.executable, "-c", BOOT, variant, str(old), "check", "--today", TODAY, "--format", "json"]


def findings(variant: str, old: Path, repo: Path, env: dict[str, str]) -> str:
    """The JSON report (warm-up); every variant must print the same one."""
    done = subprocess.run(command(variant, old), cwd=repo, env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{variant}: exit {done.returncode}\n{done.stderr}")
    return json.dumps(json.loads(done.stdout)["findings"], sort_keys=True)


def decision_alone(variant: str, old: Path, repo: Path) -> tuple[float, float, float]:
    """(ms to compile the schemas, µs per document for the quick check alone, and to decide), in-process."""
    sys.path.insert(0, str(old))
    import fastcheck_old  # type: ignore[import-not-found]
    import jsonschema

    from aims_lint.frontmatter import parse
    from aims_lint.schema_check import compile_check
    from aims_lint.schemas import load_schemas

    schemas = load_schemas(repo, "schemas")
    docs = [parse(p.read_bytes(), max_bytes=1_048_576).data for p in sorted(repo.rglob("*.md"))]
    pairs = [(schemas.by_type[d["type"]], d) for d in docs
             if isinstance(d, dict) and d.get("type") in schemas.by_type]
    start = time.perf_counter()
    checks: dict[str, Any] = {}
    for name, schema in schemas.by_type.items():
        formats = jsonschema.FormatChecker()
        if variant == "jsonschema-rs":
            checks[name] = compile_check(schema.raw, formats)
        elif variant == "hand-written":
            checks[name] = fastcheck_old.compile_schema(schema.raw, formats)
    compiled = (time.perf_counter() - start) * 1000
    quick_alone = decide = float("inf")
    for _ in range(5):  # best of five: the machine is shared
        start = time.perf_counter()
        answers = [(schema, data, _quick(checks, schema, data)) for schema, data in pairs]
        middle = time.perf_counter()
        for schema, data, valid in answers:
            if not valid:
                list(schema.validator.iter_errors(data))
        end = time.perf_counter()
        quick_alone, decide = min(quick_alone, middle - start), min(decide, end - start)
    return compiled, quick_alone / len(pairs) * 1e6, decide / len(pairs) * 1e6


def _quick(checks: dict[str, Any], schema: Any, data: Any) -> bool:
    quick = checks.get(schema.type)
    return quick is not None and bool(quick(data))


def measure(documents: int, args: argparse.Namespace, workdir: Path, old: Path) -> dict[str, Any]:
    repo = workdir / f"aims-{documents}"
    write_repository(repo, documents, args.seed)
    env = {"PYTHONPYCACHEPREFIX": str(workdir / "pycache"), "PATH": "/usr/bin:/bin"}
    reports = {v: findings(v, old, repo, env) for v in VARIANTS}
    if len(set(reports.values())) != 1:
        raise SystemExit(f"{documents}: the variants' findings differ")
    runs: dict[str, list[Timing]] = {v: [] for v in VARIANTS}
    for _ in range(args.repeats):
        for variant in VARIANTS:
            runs[variant].append(timed(command(variant, old), repo, env))
    alone = {v: decision_alone(v, old, repo) for v in VARIANTS}
    return {"documents": documents, "check": {v: best(r) for v, r in runs.items()}, "alone": alone,
            "findings": len(json.loads(reports[VARIANTS[0]]))}


def table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| Documents | Quick check | `check` wall | CPU | Wall vs jsonschema-rs | CPU vs jsonschema-rs "
        "| Compile schemas | Quick check, per document | Decide, per document |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        base = r["check"]["jsonschema-rs"]
        for v in VARIANTS:
            t, (compiled, quick, decide) = r["check"][v], r["alone"][v]
            rows.append(
                f"| {r['documents']:,} | {v} | {t.wall:.3f} s | {t.cpu:.3f} s | {t.wall / base.wall:.2f}x "
                f"| {t.cpu / base.cpu:.2f}x | {compiled:.1f} ms | {quick:.1f} µs | {decide:.1f} µs |"
            )
    return "\n".join(rows)


def section(results: list[dict[str, Any]], command_line: str, args: argparse.Namespace,
            loads: tuple[str, str]) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    same = ", ".join(f"{r['documents']:,}: {r['findings']} findings" for r in results)
    return "\n".join([
        SECTION, "",
        f"Measured {stamp} with `{command_line}` (from the repository root).", "",
        f"- Machine: {machine()}; 1-minute load average {loads[0]} at the start, {loads[1]} at the end.",
        f"- Each row: `check --today {TODAY} --format json` in a generated plain folder (seed {args.seed}, "
        "history rules skipped), one subprocess per run, start-up included, best of "
        f"{args.repeats} interleaved runs after a warm-up; identical findings from all three ({same}).",
        "- Compile and per-document columns: the decision alone, in one process, best of five: the quick "
        "check on every document, then (Decide) with jsonschema's `iter_errors` where it did not say valid; "
        "`jsonschema` has no quick check, so every document goes to `iter_errors`.", "",
        table(results), "",
        verdict(results), "",
    ])


def verdict(results: list[dict[str, Any]]) -> str:
    """Issue 16: the hand-written path stays only if it wins end to end."""
    wins = [f"{r['documents']:,}" for r in results
            if r["check"]["hand-written"].wall < r["check"]["jsonschema-rs"].wall]
    if wins:
        return (f"Verdict: the hand-written path won end to end at {', '.join(wins)} documents; "
                "weigh keeping `aims_lint/fastcheck.py`.")
    return ("Verdict: jsonschema-rs is at least as fast end to end at every size measured, so the "
            "hand-written `aims_lint/fastcheck.py` is gone (this script reads it from git history).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="jsonschema-rs vs the hand-written path vs jsonschema.")
    parser.add_argument("--counts", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-write", action="store_true", help=f"do not update {RESULTS.name}")
    args = parser.parse_args(argv)
    start_load = load_average()
    with tempfile.TemporaryDirectory(prefix="aims-bench-schema-") as tmp:
        old = old_fastcheck(Path(tmp) / "old")
        results = [measure(n, args, Path(tmp), old) for n in args.counts]
    print(table(results))
    if not args.no_write:
        line = shlex.join(["python", "benchmarks/bench_schema_check.py", *(argv or sys.argv[1:])])
        write_section(section(results, line, args, (start_load, load_average())), RESULTS, SECTION)
        print(f"\nwrote the section '{SECTION}' of {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
