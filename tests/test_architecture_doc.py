"""The contributor guides match the code: ARCHITECTURE.md, CONTRIBUTING.md and the README.

ARCHITECTURE.md names every package and top-level module of `aims_lint/` in
one marked list, and names nothing that does not exist; every file path the
guides quote exists; every `make` target and `aims-lint` command they show
exists. So a module added, renamed or removed without its line in the guide
fails here, not in a newcomer's first hour.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import click
import pytest

from aims_lint.cli import cli

PROJECT = Path(__file__).resolve().parent.parent
PACKAGE = PROJECT / "aims_lint"
ARCHITECTURE = PROJECT / "ARCHITECTURE.md"
CONTRIBUTING = PROJECT / "CONTRIBUTING.md"
README = PROJECT / "README.md"
LIST_START, LIST_END = "<!-- module-list:start -->", "<!-- module-list:end -->"
ENTRY = re.compile(r"^- `([A-Za-z0-9_]+(?:/|\.py))`")

# Issue 16 is merged branch by branch, and the guides describe the code as it is once
# all of it is in. Until then these may be named but absent (ARRIVING), or present but
# unnamed (LEAVING). Once every ARRIVING path exists the transition is over, and
# test_the_issue_16_transition_is_closed asks for both sets to be emptied.
# Issue 14 splits readiness.py into the package readiness/; ARCHITECTURE.md is not edited in the
# branch (the lines it needs are in the branch's notes), so until the merge updates it the old name
# may stay and the new one be missing. Empty both sets when ARCHITECTURE.md names readiness/.
ARRIVING: frozenset[str] = frozenset()
LEAVING: frozenset[str] = frozenset()
# Files a recipe tells you to create, quoted as examples.
EXAMPLES = frozenset({"schemas/standard.schema.yaml"})


def _transition_open() -> bool:
    return not all((PACKAGE / rel).exists() for rel in ARRIVING)


def listed_modules() -> list[str]:
    """The entries of ARCHITECTURE.md's module list, as written (`site/`, `cli.py`)."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert text.count(LIST_START) == 1 and text.count(LIST_END) == 1, "the list markers are missing"
    block = text.split(LIST_START, 1)[1].split(LIST_END, 1)[0]
    return [m.group(1) for line in block.splitlines() if (m := ENTRY.match(line))]


def actual_modules() -> set[str]:
    """Every package (a folder with __init__.py) and top-level module of aims_lint/."""
    packages = {f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = {p.name for p in PACKAGE.glob("*.py")}
    return packages | modules


def code_spans(text: str) -> list[str]:
    """Inline code and the lines of fenced blocks: where commands and paths are quoted."""
    spans: list[str] = []
    for i, part in enumerate(re.split(r"^```[^\n]*\n", text, flags=re.M)):
        if i % 2:  # inside a fence
            spans.extend(part.splitlines())
        else:
            spans.extend(re.findall(r"`([^`\n]+)`", part.replace("\n", " ")))
    return spans


def test_the_module_list_is_well_formed() -> None:
    entries = listed_modules()
    assert len(entries) >= 10, "the module list is empty or its entries lost their `- `name`:` form"
    repeated = sorted({e for e in entries if entries.count(e) > 1})
    assert repeated == [], f"named twice in ARCHITECTURE.md: {repeated}"


def test_every_module_the_architecture_names_exists() -> None:
    tolerated = ARRIVING if _transition_open() else frozenset()
    missing = sorted(e for e in listed_modules() if not (PACKAGE / e).exists() and e not in tolerated)
    assert missing == [], f"ARCHITECTURE.md names what aims_lint/ does not have: {missing}"


def test_every_package_and_module_is_in_the_architecture() -> None:
    tolerated = LEAVING if _transition_open() else frozenset()
    unnamed = sorted(actual_modules() - set(listed_modules()) - tolerated)
    assert unnamed == [], f"add a line for each to the module list of ARCHITECTURE.md: {unnamed}"


def test_the_issue_16_transition_is_closed() -> None:
    """Fails once every branch of issue 16 is merged, until this test's two sets are emptied."""
    if _transition_open():
        pytest.skip("issue 16 is not fully merged yet: " + ", ".join(
            sorted(rel for rel in ARRIVING if not (PACKAGE / rel).exists())) + " still to come")
    assert not ARRIVING and not LEAVING, (
        "issue 16 is merged: empty ARRIVING and LEAVING in this file and fix what the tests then report"
    )


@pytest.mark.parametrize("guide", [ARCHITECTURE, CONTRIBUTING, README], ids=lambda p: p.name)
def test_every_path_a_guide_quotes_exists(guide: Path) -> None:
    """A quoted path is read from the repository root, or from aims_lint/ (`site/escape.py`)."""
    placeholder = re.compile(r"[A-Z]{3,}|NNN|\.\.\.|[*<>{}]")  # TYPE, KIND, AIMSNNN, globs
    roots = ("aims_lint/", "schemas/", "templates/", "tests/", "docs/", "benchmarks/", "requirements/")
    tokens = {t.strip("`'\",;:()") for s in code_spans(guide.read_text(encoding="utf-8")) for t in s.split()}
    quoted = {t for t in tokens
              if re.fullmatch(r"[\w./-]+", t) and not placeholder.search(t)
              and (t.startswith(roots) or re.fullmatch(r"[a-z_]+/[\w/]*\.py", t))}
    arriving = {f"aims_lint/{rel}" for rel in ARRIVING} | ARRIVING
    tolerated = arriving if _transition_open() else set()
    missing = sorted(
        s for s in quoted
        if not ((PROJECT / s).exists() or (PACKAGE / s).exists()) and s not in tolerated | EXAMPLES
    )
    assert missing == [], f"{guide.name} quotes paths that do not exist: {missing}"


@pytest.mark.parametrize("guide", [ARCHITECTURE, CONTRIBUTING, README], ids=lambda p: p.name)
def test_every_link_a_guide_makes_resolves(guide: Path) -> None:
    links = re.findall(r"\]\(([^)\s]+)\)", guide.read_text(encoding="utf-8"))
    local = [link.split("#", 1)[0] for link in links if not re.match(r"[a-z]+:", link)]
    assert local, "the guide links nothing in the repository"
    broken = sorted({link for link in local if link and not (guide.parent / link).exists()})
    assert broken == [], f"{guide.name} links what the repository does not have: {broken}"


def make_targets(text: str) -> set[str]:
    return {m.group(1) for s in code_spans(text) for m in re.finditer(r"\bmake ([\w./-]+)", s)}


def makefile_rules() -> set[str]:
    """The targets the Makefile has a rule for (a name only in .PHONY has none), variables expanded."""
    text = (PROJECT / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^(\w+) *[?:]?= *(.*?) *$", text, flags=re.M))
    rules: set[str] = set()
    for names in re.findall(r"^([^\s#:=][^:=]*?) *:(?!=)", text, flags=re.M):
        for name in names.split():
            for _ in range(3):  # $(BIN) is $(VENV)/bin
                name = re.sub(r"\$\((\w+)\)", lambda m: variables.get(m.group(1), m.group(0)), name)
            rules.add(name)
    return rules - {".PHONY"}


@pytest.mark.parametrize("guide", [CONTRIBUTING, README], ids=lambda p: p.name)
def test_every_make_target_a_guide_shows_exists(guide: Path) -> None:
    targets = make_targets(guide.read_text(encoding="utf-8"))
    assert {"test", "lock"} <= targets or guide == README, "the guide lost its make commands"
    unknown = sorted(targets - makefile_rules())
    assert unknown == [], f"{guide.name} shows make targets the Makefile has no rule for: {unknown}"
    for target in sorted(targets):
        # A dry run names no command it would not have: "No rule to make target" is exit 2.
        run = subprocess.run(["make", "-n", "-C", str(PROJECT), target],
                             capture_output=True, text=True, check=False)
        assert run.returncode == 0, f"{guide.name}: `make {target}`: {run.stderr.strip()}"


def subcommands(text: str) -> set[tuple[str, ...]]:
    """Each `aims-lint CMD [SUB]` a guide shows; options before the command are skipped."""
    found: set[tuple[str, ...]] = set()
    for span in code_spans(text):
        command = span.split(" #", 1)[0]  # a shell comment is prose
        for m in re.finditer(r"\baims-lint((?:\s+-[\w-]+)*)\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?", command):
            found.add((m.group(2), m.group(3) or ""))
    return found


@pytest.mark.parametrize("guide", [CONTRIBUTING, README], ids=lambda p: p.name)
def test_every_aims_lint_command_a_guide_shows_exists(guide: Path) -> None:
    shown = subcommands(guide.read_text(encoding="utf-8"))
    assert shown, "the guide shows no aims-lint command"
    assert isinstance(cli, click.Group)
    for name, sub in sorted(shown):
        command = cli.commands.get(name)
        assert command is not None, f"{guide.name}: `aims-lint {name}` is not a command"
        if isinstance(command, click.Group):  # `evidence` alone builds: a group with a default action
            default = not sub and command.invoke_without_command
            assert sub in command.commands or default, \
                f"{guide.name}: `aims-lint {name} {sub}` is not a command"


def test_the_parsers_find_what_they_look_for() -> None:
    """The checks above pass vacuously if the parsers find nothing; they must find these."""
    sample = "Run `make test`, then\n```sh\naims-lint --quiet soa export --format csv\nmake lock\n```\n"
    assert make_targets(sample) == {"test", "lock"}
    assert subcommands(sample) == {("soa", "export")}
    assert "make test" in code_spans(sample)
    assert {"site", "test", "lock", ".venv/.installed-test"} <= makefile_rules()


def test_the_readme_points_at_the_guides_and_keeps_a_two_command_quick_start() -> None:
    text = README.read_text(encoding="utf-8")
    development = text.split("## Development", 1)[1].split("\n## ", 1)[0]
    assert "(CONTRIBUTING.md)" in development and "(ARCHITECTURE.md)" in development
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make site", "make test"]


def test_contributing_links_the_other_guides_and_covers_every_recipe() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    for link in ("(README.md)", "(docs/)", "(ARCHITECTURE.md)", "(benchmarks/README.md)"):
        assert link in text, link
    headings = set(re.findall(r"^## (.+)$", text, flags=re.M))
    for recipe in ("Add a rule", "Add a document type or a record kind", "Add a site page",
                   "Add a framework catalog", "Add a command", "Set up and run the tests",
                   "Benchmarks", "Dependencies and the lock"):
        assert recipe in headings, recipe
