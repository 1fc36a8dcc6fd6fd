"""Benchmark the history extraction (issue 4) against its floor and against one `git log` per file.

Generates a repository of 1,000 documents and 5,000 commits (renames within
and across folders, merges of short side branches, approvals and plain
edits) with `git fast-import`, then times, in one run:

- floor: the single raw `git log` our extraction runs (same arguments), output read, nothing parsed;
- ours: `load_history()`: open the repository, refuse a shallow clone, that one log, parse, follow renames;
- per-file: one `git log -- FILE` process per document, as popular MkDocs git plugins do;
- check: `aims-lint check` on the same repository with and without the history rules.

    python benchmarks/bench_history.py                  # 1,000 documents, 5,000 commits
    python benchmarks/bench_history.py --docs 200 --commits 1000 --per-file-sample 50

Targets: ours within 1.5x of the floor; at least 20x faster than per-file.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from aims_lint.config import load_settings  # noqa: E402
from aims_lint.engine import lint  # noqa: E402
from aims_lint.history import load_history  # noqa: E402
from aims_lint.history.gitlog import LOG_ARGS  # noqa: E402

START = datetime(2024, 1, 8, 9, 0, tzinfo=UTC)
PEOPLE = ("Mara Lindqvist <mara@example.org>", "Tomás Ferreira <tomas@example.org>",
          "Aiko Tanaka <aiko@example.org>", "Zoë Ünal <zoe@example.org>")


@dataclass
class Doc:
    path: str
    doc_id: str
    doc_type: str
    version: tuple[int, int] = (1, 0)
    approved: date = date(2024, 1, 8)
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        head = (f"---\nid: {self.doc_id}\ntitle: Document {self.doc_id}\ntype: {self.doc_type}\n"
                f"status: approved\nversion: \"{self.version[0]}.{self.version[1]}\"\nowner: aims-manager\n"
                f"approver: top-management\napproved_on: {self.approved}\nclassification: internal\n---\n\n")
        return head + "\n".join(self.lines) + "\n"


class Stream:
    """Writes a `git fast-import` stream: marks, commits, inline file contents."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.mark = 0

    def commit(self, branch: str, when: datetime, who: str, message: str, ops: list[bytes],
               parent: int | None, merge: int | None = None) -> int:
        self.mark += 1
        stamp = f"{int(when.timestamp())} +0000"
        msg = message.encode()
        head = [f"commit refs/heads/{branch}\nmark :{self.mark}\n".encode(),
                f"author {who} {stamp}\ncommitter {who} {stamp}\n".encode(),
                b"data %d\n%s\n" % (len(msg), msg)]
        if parent is not None:
            head.append(f"from :{parent}\n".encode())
        if merge is not None:
            head.append(f"merge :{merge}\n".encode())
        self.parts.extend(head + ops + [b"\n"])
        return self.mark

    @staticmethod
    def put(doc: Doc) -> bytes:
        data = doc.text().encode()
        return b"M 100644 inline %s\ndata %d\n%s\n" % (doc.path.encode(), len(data), data)

    @staticmethod
    def rename(old: str, new: str) -> bytes:
        return f'R "{old}" "{new}"\n'.encode()


def generate(root: Path, docs: int, commits: int, seed: int = 42) -> None:
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    (root / "pyproject.toml").write_text("[tool.aims_lint]\n", encoding="utf-8")
    stream, pool, tip = Stream(), [], None
    when = START
    created = 0
    number = 0
    while stream.mark < commits:
        number += 1
        when += timedelta(minutes=rng.randint(20, 300))
        who = rng.choice(PEOPLE)
        if created < docs and (number < docs // 3 or rng.random() < 0.35):
            batch = [_new_doc(rng, created + i, when) for i in range(min(3, docs - created))]
            created += len(batch)
            pool.extend(batch)
            ops = [Stream.put(d) for d in batch]
            tip = stream.commit("main", when, who, f"Add {len(batch)} documents", ops, tip)
        elif number % 100 == 99 and tip is not None and stream.mark + 4 <= commits:
            tip = _merge(stream, rng, pool, tip, when)
        else:
            ops, message = _change(rng, pool, when)
            tip = stream.commit("main", when, who, message, ops, tip)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream.parts), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)
    shutil.copytree(PROJECT / "schemas", root / "schemas")  # for the check timing; not in history


def _new_doc(rng: random.Random, index: int, when: datetime) -> Doc:
    kind = ("policy", "procedure", "record", "record", "record")[index % 5]
    folder = {"policy": "policies", "procedure": "procedures"}.get(kind, f"records/{when.year}")
    doc_id = {"policy": "POL", "procedure": "PRO"}.get(kind, "REC") + f"-{index:04d}"
    lines = [f"Paragraph {n} of {doc_id}: {rng.random():.6f}" for n in range(8)]
    return Doc(f"{folder}/{doc_id.lower()}.md", doc_id, kind, approved=when.date(), lines=lines)


def _change(rng: random.Random, pool: list[Doc], when: datetime) -> tuple[list[bytes], str]:
    doc = rng.choice(pool)
    if rng.random() < 0.06:  # a rename, half of them into another folder
        old = doc.path
        folder, name = old.rsplit("/", 1)
        target = folder if rng.random() < 0.5 else rng.choice(["policies", "procedures", "records/archive"])
        doc.path = f"{target}/{name.removesuffix('.md')}-r{rng.randint(0, 9999)}.md"
        return [Stream.rename(old, doc.path)], f"Move {doc.doc_id}"
    doc.lines[rng.randrange(len(doc.lines))] = f"Edited {when.isoformat()} {rng.random():.6f}"
    if rng.random() < 0.8:  # most edits are re-approved in the same commit
        doc.version = (doc.version[0], doc.version[1] + 1)
        doc.approved = when.date()
        message = (f"Approve {doc.doc_id} v{doc.version[0]}.{doc.version[1]}\n\n"
                   "Approved-by: Mara Lindqvist <mara@example.org>")
    else:
        message = f"Fix wording in {doc.doc_id} (#{rng.randint(1, 900)})"
    return [Stream.put(doc)], message


def _merge(stream: Stream, rng: random.Random, pool: list[Doc], tip: int, when: datetime) -> int:
    """Three commits on a side branch, then a merge commit that brings them into main.

    fast-import does not merge trees: a merge commit starts from its first parent's
    tree, so it replays the branch's file operations to hold the merged result.
    """
    side, replay = tip, []
    for step in range(3):
        moment = when - timedelta(minutes=10 * (3 - step))
        ops, message = _change(rng, pool, moment)
        side = stream.commit("topic", moment, rng.choice(PEOPLE), message, ops, side)
        replay.extend(ops)
    return stream.commit("main", when, PEOPLE[1], f"Merge pull request #{stream.mark} from org/topic",
                         replay, tip, merge=side)


def timed(action: Callable[[], object], rounds: int) -> float:
    return interleaved([action], rounds)[0]


def interleaved(actions: list[Callable[[], object]], rounds: int) -> list[float]:
    """Median seconds of each action, the actions taking turns so a change in machine load
    affects them alike."""
    samples: list[list[float]] = [[] for _ in actions]
    for _ in range(rounds):
        for action, times in zip(actions, samples, strict=True):
            begin = time.perf_counter()
            action()
            times.append(time.perf_counter() - begin)
    return [statistics.median(times) for times in samples]


def per_file(root: Path, paths: list[str]) -> None:
    # Until issue 16 this went through GitPython (which the plugins use); it starts the same
    # processes, and aims-lint no longer depends on it.
    fmt = next(a for a in LOG_ARGS if a.startswith("--format="))
    for path in paths:
        subprocess.run(["git", "log", "-z", "--name-status", fmt, "--", path], cwd=root,
                       capture_output=True, check=True)


def run(root: Path, rounds: int, sample: int | None) -> None:
    settings = load_settings(root)
    floor_cmd = ["git", "log", *LOG_ARGS, "HEAD", "--"]

    def raw_log() -> None:
        subprocess.run(floor_cmd, cwd=root, capture_output=True, check=True)

    def ours() -> None:
        history = load_history(settings)
        assert history.problem is None, history.problem

    ours()  # warm up: imports, page cache
    floor, mine = interleaved([raw_log, ours], rounds)
    paths = sorted(load_history(settings).log.files)
    chosen = paths if sample is None else random.Random(1).sample(paths, min(sample, len(paths)))
    slow = timed(lambda: per_file(root, chosen), 1) * len(paths) / len(chosen)
    today = date(2026, 1, 1)
    ignoring = load_settings(root, {"ignore": ("AIMS9",)})
    checks = [lambda: lint(settings, today), lambda: lint(ignoring, today)]
    with_history, without = interleaved(checks, rounds)
    commits = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, text=True)
    print(f"repository: {len(paths)} documents, {commits.stdout.strip()} commits")
    print(f"floor (one raw git log):         {floor:8.3f} s")
    print(f"ours (load_history):             {mine:8.3f} s   {mine / floor:.2f}x the floor (target <= 1.5x)")
    label = "per-file git log" + ("" if sample is None else f" ({len(chosen)} timed, scaled)")
    print(f"{label + ':':33}{slow:8.3f} s   ours is {slow / mine:.0f}x faster (target >= 20x)")
    print(f"check, all rules incl. history:  {with_history:8.3f} s")
    print(f"check, history rules ignored:    {without:8.3f} s")
    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {platform.machine()}, {platform.platform()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, {git_version}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds (median reported)")
    parser.add_argument("--per-file-sample", type=int, default=None,
                        help="time only this many per-file runs and scale up (default: all files)")
    parser.add_argument("--keep", type=Path, default=None, help="generate into this new folder and keep it")
    args = parser.parse_args()
    if args.keep is not None:
        if args.keep.exists():
            parser.error(f"{args.keep} exists; give a new folder")
        generate(args.keep, args.docs, args.commits)
        run(args.keep, args.rounds, args.per_file_sample)
        return
    with tempfile.TemporaryDirectory(prefix="aims-history-bench-") as folder:
        generate(Path(folder), args.docs, args.commits)
        run(Path(folder), args.rounds, args.per_file_sample)


if __name__ == "__main__":
    main()
