"""The floor for `aims-lint check`: read every document and parse its front matter, nothing else.

No validation, no rules, no report: find the `*.md` files below `policies/`,
`procedures/` and `records/`, cut the front matter between the `---` fences (with
the linter's own splitter) and
load it with PyYAML's C loader (`CSafeLoader`). No linter that reads the same
files with the same parser can be faster, so `aims-lint check` is judged by its
ratio to this.

    python benchmarks/floor.py REPO
"""

from __future__ import annotations

import os
import sys

import yaml

from aims_lint.frontmatter import FenceError, split_fences

FOLDERS = ("policies", "procedures", "records")


def markdown_files(root: str) -> list[str]:
    found: list[str] = []
    for folder in FOLDERS:
        for directory, subdirs, files in os.walk(os.path.join(root, folder)):
            subdirs[:] = [d for d in subdirs if not d.startswith(".")]
            found.extend(os.path.join(directory, f) for f in files if f.endswith(".md"))
    return found


def front_matter(text: str) -> str | None:
    # The linter's own fence splitter: there is one, and the floor cuts where the linter cuts.
    try:
        fences = split_fences(text)
    except FenceError:
        return None
    return text[fences.start : fences.end]


def main(root: str) -> int:
    parsed = 0
    for path in markdown_files(root):
        with open(path, encoding="utf-8") as handle:
            header = front_matter(handle.read())
        if header is None:
            continue
        try:
            yaml.load(header, Loader=yaml.CSafeLoader)
        except (yaml.YAMLError, ValueError):  # ValueError: impossible dates such as 2026-13-01
            continue
        parsed += 1
    print(f"{parsed} front matters parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
