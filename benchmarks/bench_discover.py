"""Time `aims-lint discover` on a 10,000-file tree, and show that each file is read once, and
binary model files only as far as their header (issue 18).

The tree (`write_tree`, fixed seed) is ten projects of 1,000 files each: Python and TypeScript
sources (some calling `from_pretrained("org/model")`, naming `OPENAI_API_KEY` or a provider
host), documentation, manifests and lock files (requirements.txt, pyproject.toml, package.json,
a 1 MB package-lock.json), `.env.example`, a compose file and a CI workflow, and three model
files per project (a 64 MiB .safetensors (plus its header), a 16 MiB .gguf and a 4 MiB .onnx, sparse on disk,
each with a real header). Beside them, folders discovery never walks: a `node_modules` of
2,000 files and a `.venv`; they are not counted in the 10,000.

Measured, interleaved, best of `--repeats` after one warm-up (wall clock of the whole process,
start-up and imports included, and its CPU time):

- `aims-lint discover TREE --format json --today 2026-12-02` (stdout to a pipe, read whole);
- the floor: walk the same tree (skipping the same folders) and read every file whole, nothing
  else, in one Python process.

And once, in-process (`--accounting`, on by default): `aims_lint.ai_usage.run.discover` over the
tree with an audit hook counting every `open` of a path inside it, and the process's `rchar`
(bytes read, /proc/self/io) before and after: no file may be opened twice, and the bytes read
must stay far below the tree's size, which the model files dominate.

The result goes to the section "## Discovery (issue 18)" of RESULTS.md (others kept). Exit 0
when discover takes under 5 s and no file was opened twice.

    python benchmarks/bench_discover.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_check import Timing, best, check_command, load_average, machine, timed, write_section

HERE = Path(__file__).resolve().parent
SECTION = "## Discovery (issue 18)"
TODAY = "2026-12-02"
TARGET = 5.0  # seconds, wall clock, for 10,000 files
FILES = 10_000
PROJECTS = 10
MiB = 1024 * 1024

_FLOOR = """
import os, sys
SKIP = {".git", "node_modules", ".venv", "venv", "__pycache__", ".aims-lint-cache"}
count = size = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = sorted(d for d in dirs if d not in SKIP)
    for name in sorted(files):
        with open(os.path.join(folder, name), "rb") as handle:
            size += len(handle.read())
        count += 1
print(count, size)
"""

_ACCOUNTING = """
import json, os, sys
from collections import Counter
from datetime import date
from pathlib import Path
tree = os.path.realpath(sys.argv[1])
opened = Counter()
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        path = os.fsdecode(args[0])
        if path.startswith(tree + os.sep):
            opened[path] += 1
from aims_lint.ai_usage.run import discover
from aims_lint.config import load_settings
settings = load_settings(Path(tree))
def rchar():
    for line in open("/proc/self/io"):
        if line.startswith("rchar:"):
            return int(line.split()[1])
    return -1
sys.addaudithook(hook)
before = rchar()
discovery, findings = discover(settings, [tree], date(2026, 12, 2))
read = rchar() - before
print(json.dumps({"files": discovery.files_visited, "opened": len(opened),
                  "most_opens": max(opened.values(), default=0), "bytes_read": read,
                  "uses": len(discovery.uses), "findings": len(findings)}))
"""


def write_tree(root: Path, seed: int) -> int:
    """The tree described above; returns its apparent size in bytes (sparse files at full size)."""
    rng = random.Random(seed)
    per_project = FILES // PROJECTS
    for p in range(PROJECTS):
        project = root / f"project-{p:02d}"
        fixed = _project_files(project, p, rng)
        _model_files(project, p)
        sources = per_project - len(fixed) - 3
        for i in range(sources):
            if i % 5 == 4:
                _write(project / "docs" / f"page-{i:04d}.md", _doc(i, rng))
            elif i % 5 == 3:
                _write(project / "web" / "src" / f"view{i:04d}.ts", _typescript(i, rng))
            else:
                _write(project / "src" / f"pkg{i % 7}" / f"module_{i:04d}.py", _python(i, rng))
    for i in range(2_000):  # never walked
        _write(
            root / "project-00" / "node_modules" / f"dep{i % 50}" / f"index{i}.js", "module.exports = 1;\n"
        )
    _write(root / "project-01" / ".venv" / "lib" / "openai" / "__init__.py", "OPENAI_API_KEY = None\n")
    total = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in ("node_modules", ".venv")]
        total += sum(os.path.getsize(os.path.join(folder, n)) for n in names)
    return total


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _project_files(project: Path, p: int, rng: random.Random) -> list[str]:
    files = {
        "requirements.txt": "requests==2.32.3\nopenai==1.51.0\nnumpy==2.1.2\ntransformers==4.45.2\n"
        + "".join(f"internal-lib-{i}==1.{i}\n" for i in range(40)),
        "pyproject.toml": f'[project]\nname = "project-{p}"\nversion = "1.0"\n'
        'dependencies = ["anthropic>=0.34", "langchain>=0.3", "fastapi"]\n',
        "package.json": json.dumps(
            {"name": f"web-{p}", "dependencies": {"openai": "^4.67.0", "react": "^18.3.1"}}, indent=2
        ),
        "package-lock.json": json.dumps(
            {
                "name": f"web-{p}",
                "lockfileVersion": 3,
                "packages": {
                    f"node_modules/pkg-{i}": {
                        "version": f"1.{i}.0",
                        "resolved": f"https://r.example/pkg-{i}",
                        "integrity": "sha512-" + "a" * 86,
                    }
                    for i in range(4_000)
                },
            },
            indent=2,
        ),
        ".env.example": "DATABASE_URL=\nOPENAI_API_KEY=\nANTHROPIC_API_KEY=\n",
        "docker-compose.yml": "services:\n  app:\n    environment:\n      - OPENAI_API_KEY\n",
        ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        "    env:\n      HF_TOKEN: ${{ secrets.HF_TOKEN }}\n",
        "README.md": f"# Project {p}\n\n" + "Some words about it. " * rng.randint(50, 200) + "\n",
    }
    for rel, text in files.items():
        _write(project / rel, text)
    return list(files)


def _model_files(project: Path, p: int) -> None:
    models = project / "models"
    models.mkdir(parents=True, exist_ok=True)
    header = json.dumps(
        {"weight": {"dtype": "F32", "shape": [16 * MiB], "data_offsets": [0, 64 * MiB]}}
    ).encode()
    head = struct.pack("<Q", len(header)) + header
    _sparse(models / f"classifier-{p}.safetensors", head, len(head) + 64 * MiB)  # the data the header states
    _sparse(models / f"llm-{p}.gguf", b"GGUF" + struct.pack("<IQQ", 3, 0, 0), 16 * MiB)
    _sparse(models / f"ranker-{p}.onnx", _onnx_head(4 * MiB), 4 * MiB)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _field(number: int, payload: bytes | int) -> bytes:
    """One protobuf field: a varint, or length-delimited bytes."""
    if isinstance(payload, int):
        return _varint(number << 3) + _varint(payload)
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _onnx_head(size: int) -> bytes:
    """The first bytes of a real ONNX model of `size` bytes whose last field is one initializer's
    raw data, all zeros: the rest of the file (the sparse hole) completes it."""
    node = _field(1, b"x") + _field(1, b"w") + _field(2, b"y") + _field(4, b"Add")
    model = _field(1, 8) + _field(2, b"pytorch") + _field(8, _field(2, 17))
    raw = size
    for _ in range(8):  # the length prefixes depend on `raw`, and `raw` on their width
        tensor = _field(1, raw // 4) + _field(2, 1) + _field(8, b"w") + _varint(9 << 3 | 2) + _varint(raw)
        initializer = _varint(5 << 3 | 2) + _varint(len(tensor) + raw) + tensor
        graph = _field(1, node) + _field(2, b"ranker") + initializer
        head = model + _varint(7 << 3 | 2) + _varint(len(graph) + raw) + graph
        if len(head) + raw == size:
            return head
        raw = size - len(head)
    raise ValueError(f"no ONNX layout of {size} bytes")


def _sparse(path: Path, head: bytes, size: int) -> None:
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)


def _python(i: int, rng: random.Random) -> str:
    lines = ['"""A module of the service."""', "", "import os", "from dataclasses import dataclass", ""]
    if i % 50 == 0:
        lines.append(f'MODEL = AutoModel.from_pretrained("acme/model-{i % 9}")')
    if i % 70 == 1:
        lines.append('API_KEY = os.environ["OPENAI_API_KEY"]')
    if i % 90 == 2:
        lines.append('URL = "https://api.openai.com/v1/chat/completions"')
    for f in range(rng.randint(4, 12)):
        lines += [
            "",
            "",
            f"def handler_{f}(value: int) -> int:",
            f'    """Handle case {f}."""',
            f"    return value * {f} + {rng.randint(0, 99)}",
        ]
    return "\n".join(lines) + "\n"


def _typescript(i: int, rng: random.Random) -> str:
    body = "".join(f"export const v{k} = {rng.randint(0, 999)};\n" for k in range(rng.randint(10, 40)))
    if i % 40 == 3:
        body += "const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n"
    return "import { h } from './h';\n" + body


def _doc(i: int, rng: random.Random) -> str:
    return f"# Page {i}\n\n" + "A sentence of documentation. " * rng.randint(20, 120) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time aims-lint discover on a 10,000-file tree.")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per command (best counts)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args(argv)
    start_load = load_average()
    with tempfile.TemporaryDirectory(prefix="aims-bench-discover-") as tmp:
        work = Path(tmp)
        tree = work / "tree"
        size = write_tree(tree, args.seed)
        base, env = check_command(work / "pycache")
        discover = [*base, "discover", str(tree), "--format", "json", "--today", TODAY]
        floor = [sys.executable, "-c", _FLOOR, str(tree)]
        first = subprocess.run(discover, env=env, capture_output=True, text=True, check=False)
        if first.returncode != 0:
            raise SystemExit(f"aims-lint discover failed (exit {first.returncode}):\n{first.stderr}")
        report = json.loads(first.stdout)
        if report["scanned"]["visited"] != FILES:
            raise SystemExit(f"discover visited {report['scanned']['visited']} files, expected {FILES}")
        subprocess.run(floor, env=env, capture_output=True, check=True)
        runs: dict[str, list[Timing]] = {"discover": [], "floor": []}
        for _ in range(args.repeats):
            runs["floor"].append(timed(floor, work, env))
            runs["discover"].append(timed(discover, work, env))
        accounting = json.loads(
            subprocess.run(
                [sys.executable, "-c", _ACCOUNTING, str(tree)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        command_text = " ".join(base).replace(sys.executable, "python")
    timing, floor_timing = best(runs["discover"]), best(runs["floor"])
    counts: dict[str, int] = {}
    for finding in report["findings"]:
        counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
    met = timing.wall < TARGET and accounting["most_opens"] <= 1
    text = _section(
        args,
        argv,
        timing,
        floor_timing,
        size,
        accounting,
        counts,
        met,
        command_text,
        (start_load, load_average()),
    )
    print(text)
    if not args.no_write:
        write_section(text, heading=SECTION)
        print(f"wrote the section '{SECTION}' of {HERE / 'RESULTS.md'}")
    return 0 if met else 1


def _section(
    args: argparse.Namespace,
    argv: list[str] | None,
    timing: Timing,
    floor: Timing,
    size: int,
    accounting: dict[str, int],
    counts: dict[str, int],
    met: bool,
    base: str,
    loads: tuple[str, str],
) -> str:
    from datetime import UTC, datetime

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = shlex.join(
        ["python", "benchmarks/bench_discover.py", *(argv if argv is not None else sys.argv[1:])]
    )
    found = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items())) or "none"
    return "\n".join(
        [
            SECTION,
            "",
            f"Measured {stamp} with `{command}` (from the repository root).",
            "",
            f"- Machine: {machine()}; 1-minute load average {loads[0]} at the start, "
            f"{loads[1]} at the end.",
            f"- Command: `{base} discover TREE --format json --today {TODAY}`; wall clock of the whole "
            f"process (start-up and imports included), bytecode cached, best of {args.repeats} after one "
            "warm-up run; CPU is user + system time.",
            f"- Tree: {FILES:,} files in {PROJECTS} projects (seed {args.seed}), {size / MiB:,.0f} MiB "
            "apparent size (model files sparse on disk); a 2,000-file `node_modules` and a `.venv` beside "
            f"them, never walked. Findings: {found}.",
            "- Floor: walk the same tree and read every file whole, in one Python process.",
            "",
            "| What | Wall | CPU | Target | Met |",
            "|---|---:|---:|---|:---:|",
            f"| `aims-lint discover`, {FILES:,} files | {timing.wall:.3f} s | {timing.cpu:.3f} s "
            f"| < {TARGET:g} s | {'yes' if timing.wall < TARGET else 'no'} |",
            f"| floor: read every file whole | {floor.wall:.3f} s | {floor.cpu:.3f} s | | |",
            "",
            "Reads, in-process (`run.discover` with an audit hook on `open`, and `rchar` of "
            "/proc/self/io): "
            f"{accounting['opened']:,} files opened of {accounting['files']:,} visited, at most "
            f"{accounting['most_opens']} open per file; {accounting['bytes_read'] / MiB:,.1f} MiB read "
            f"of the tree's {size / MiB:,.0f} MiB ({accounting['uses']:,} uses, "
            f"{accounting['findings']:,} findings). "
            f"{'Target met.' if met else 'Target NOT met.'}",
            "",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
