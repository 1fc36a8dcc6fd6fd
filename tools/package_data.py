"""Generate the copies `aims-lint init` ships (aims_lint/data/) from the repository's own files.

A new management system gets the schemas, the templates, the CI workflows and
the site configuration this repository runs on. The copies are generated from
the originals, never edited or copied by hand:

    make data          # rewrite every stale copy, delete the ones with no original
    make data-check    # list the stale copies and fail (`make test` runs it first)

`COPIES` is the one list of what is generated from what. Only the standard
library is used, so this runs before anything is installed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

Transform = Callable[[bytes], bytes]
COMMAND = "make data"


def _verbatim(data: bytes) -> bytes:
    return data


def _site_config(data: bytes) -> bytes:
    """mkdocs.yml for a new system: its own name (filled in by init), no description of ours."""
    lines = data.decode("utf-8").splitlines(keepends=True)
    kept = [
        "site_name: {{ organisation_yaml }}\n" if line.startswith("site_name:") else line
        for line in lines
        if not line.startswith("site_description:")
    ]
    return "".join(kept).encode("utf-8")


@dataclass(frozen=True)
class Copy:
    source: str  # folder of originals, repo-relative
    names: tuple[str, ...]  # globs of the originals in it
    target: str  # folder of the copies; nothing else lives there
    transform: Transform = _verbatim


COPIES = (
    Copy("schemas", ("*.schema.yaml", "*.schema.json"), "aims_lint/data/schemas"),
    Copy("templates", ("*.md",), "aims_lint/data/templates"),
    # release.yml publishes this package and is not a gate of the management system.
    Copy(".github/workflows", ("approvals.yml", "check.yml", "publish.yml", "reviews.yml"),
         "aims_lint/data/init/dot-github/workflows"),
)
SINGLE = (("mkdocs.yml", "aims_lint/data/init/mkdocs.yml", _site_config),)


def expected(root: Path) -> Iterator[tuple[str, bytes | None]]:
    """(copy, what it must hold) for every generated file; None: it must not exist."""
    for copy in COPIES:
        originals = sorted({p for name in copy.names for p in (root / copy.source).glob(name) if p.is_file()})
        wanted = {p.name: p for p in originals}
        for name, original in wanted.items():
            yield f"{copy.target}/{name}", copy.transform(original.read_bytes())
        target = root / copy.target
        present = sorted(p.name for p in target.iterdir() if p.is_file()) if target.is_dir() else []
        for name in present:
            if name not in wanted:
                yield f"{copy.target}/{name}", None
    for source, target_file, transform in SINGLE:
        yield target_file, transform((root / source).read_bytes())


def stale(root: Path) -> list[str]:
    """The copies that differ from what their originals give, sorted."""
    found = []
    for rel, content in expected(root):
        path = root / rel
        current = path.read_bytes() if path.is_file() else None
        if current != content:
            found.append(rel)
    return sorted(found)


def generate(root: Path) -> list[str]:
    """Rewrite the stale copies (and delete orphans); the files changed, sorted."""
    changed = stale(root)
    for rel, content in expected(root):
        if rel not in changed:
            continue
        path = root / rel
        if content is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list the stale copies and exit 1 if any")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args(argv)
    if args.check:
        found = stale(args.root)
        for rel in found:
            sys.stderr.write(f"stale: {rel}\n")
        if found:
            sys.stderr.write(f"the packaged copies are out of date: run `{COMMAND}` and commit the result\n")
        return 1 if found else 0
    for rel in generate(args.root):
        sys.stdout.write(f"{'wrote' if (args.root / rel).exists() else 'deleted'} {rel}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
