"""Benchmark the "signed" level (issue 13): what verifying N approval commits costs.

Makes a repository of N commits, each SSH-signed with a fresh ed25519 key
(`git commit-tree -S`), plus a signed tag on every tenth, then times, in one run:

- ours: `verify_signatures()`, the one `git log --no-walk --stdin` over all N
  commits, one `for-each-ref`, and one `verify-tag` per signed tag on them;
- per commit: one `git verify-commit` process per commit, the obvious loop (a sample,
  scaled to N);
- cached: `History.with_signatures()` asked again for the same commits (no git at all).

    python benchmarks/bench_signatures.py              # 500 commits
    python benchmarks/bench_signatures.py --commits 100 --sample 20

Wall clock and CPU (this process and its children: git and ssh-keygen) for each.
Prints a Markdown table; RESULTS.md's section "Signed approvals" is one such run.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from aims_lint.history.gitcmd import Git  # noqa: E402
from aims_lint.history.history import History  # noqa: E402
from aims_lint.history.signatures import verify_signatures  # noqa: E402

EMAIL = "mara@example.org"


def _env(stamp: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    when = f"{stamp} +0000"
    env.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_NAME": "Mara", "GIT_AUTHOR_EMAIL": EMAIL, "GIT_AUTHOR_DATE": when,
                "GIT_COMMITTER_NAME": "Mara", "GIT_COMMITTER_EMAIL": EMAIL, "GIT_COMMITTER_DATE": when})
    return env


def _git(root: Path, *args: str, stamp: int = 1_767_225_600) -> str:
    done = subprocess.run(["git", *args], cwd=root, env=_env(stamp), check=True, capture_output=True,
                          text=True)
    return done.stdout.strip()


def build(root: Path, commits: int) -> tuple[list[str], str]:
    """The repository, its commit ids and the allowed-signers text for its key."""
    key = root.parent / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "mara", "-f", str(key)],
                   check=True, capture_output=True)
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    tree = _git(root, "write-tree")  # the empty tree: verification reads no files
    sign = ("-c", "gpg.format=ssh", "-c", f"user.signingkey={key}")
    ids: list[str] = []
    for index in range(commits):
        stamp = 1_767_225_600 + index * 3600
        parent = ("-p", ids[-1]) if ids else ()
        ids.append(_git(root, *sign, "commit-tree", "-S", *parent, "-m", f"Approve {index}", tree,
                        stamp=stamp))
        if index % 10 == 0:
            _git(root, *sign, "tag", "-s", "-m", "Approve", f"v{index}", ids[-1], stamp=stamp)
    _git(root, "update-ref", "refs/heads/main", ids[-1])
    public = " ".join(Path(f"{key}.pub").read_text(encoding="utf-8").split()[:2])
    return ids, f'{EMAIL} namespaces="git" {public}\n'


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (self and children) of one call."""
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    action()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before, strict=True))
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=500)
    parser.add_argument("--sample", type=int, default=50, help="commits verified one process each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aims-bench-sig-") as folder:
        root = Path(folder) / "repo"
        made = time.perf_counter()
        ids, allowed = build(root, args.commits)
        made = time.perf_counter() - made
        git = Git(root)
        verdicts: dict[str, object] = {}
        ours = timed(lambda: verdicts.update(verify_signatures(git, ids, allowed)))
        good = sum(1 for checks in verdicts.values() for c in checks if getattr(c, "status", "") == "good")
        signers = Path(folder) / "allowed"
        signers.write_text(allowed, encoding="utf-8")
        sample = ids[: args.sample]
        per = timed(lambda: [subprocess.run(["git", "-c", f"gpg.ssh.allowedSignersFile={signers}",
                                             "verify-commit", sha], cwd=root, env=_env(0),
                                            capture_output=True) for sha in sample])
        history = History(source=git).with_signatures(ids, allowed)
        cached = timed(lambda: history.with_signatures(ids, allowed))
    scale = args.commits / len(sample)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{subprocess.run(['git', '--version'], capture_output=True, text=True).stdout.strip()}; "
          f"load average {os.getloadavg()[0]:.1f}. Repository made in {made:.1f} s.")
    print(f"\n{args.commits} signed commits, {len(range(0, args.commits, 10))} signed tags; "
          f"{good} good signatures found.\n")
    print("| What | Wall | CPU | Per commit (wall) |\n|---|---:|---:|---:|")
    print(f"| ours: one `git log` + `for-each-ref` + one `verify-tag` per tag | {ours[0]:.2f} s | "
          f"{ours[1]:.2f} s | {1000 * ours[0] / args.commits:.1f} ms |")
    print(f"| one `git verify-commit` per commit ({len(sample)}, scaled to {args.commits}) | "
          f"{per[0] * scale:.2f} s | {per[1] * scale:.2f} s | {1000 * per[0] / len(sample):.1f} ms |")
    print(f"| cached: the same commits asked again in the run | {1000 * cached[0]:.3f} ms | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
