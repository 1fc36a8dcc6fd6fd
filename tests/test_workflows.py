"""The GitHub workflows: valid against the public workflow schema, actions pinned, commands real.

Also the two reporters the workflows publish: the Markdown job summary of a
check and the body of the review issue the scheduled job keeps up to date.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
import yaml

from aims_lint.cli import cli, main
from aims_lint.yaml12 import CoreLoader
from tests.conftest import PROJECT, TODAY, new_repo, run_lint, write_files
from tests.test_document_folders import standard as standard_doc
from tests.test_document_folders import standard_schema

WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
# The gates `aims-lint init` ships (copies of this repository's own, made by `make data`);
# release.yml publishes this package and is not shipped. approvals.yml is shipped but is no gate:
# it records a merged pull request's reviews, and runs no aims-lint command.
SHIPPED = sorted((PROJECT / "aims_lint" / "data" / "init" / "dot-github" / "workflows").glob("*.yml"))
GATES = [p for p in WORKFLOWS if p.name not in ("release.yml", "approvals.yml")]
EVERY = [*WORKFLOWS, *SHIPPED]
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)\s*(#.*)?$")


def load(path: Path) -> Any:
    # YAML 1.2 core schema: `on:` stays a string key (YAML 1.1 loaders turn it into True).
    return yaml.load(path.read_text(encoding="utf-8"), Loader=CoreLoader)  # CoreLoader is a safe loader


def github_workflow_validator() -> jsonschema.protocols.Validator:
    vendored = resources.files("check_jsonschema.builtin_schemas.vendor") / "github-workflows.json"
    schema = json.loads(vendored.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def workflow_schema() -> jsonschema.protocols.Validator:
    return github_workflow_validator()


def label(path: Path) -> str:
    return path.relative_to(PROJECT).as_posix()


def test_the_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["approvals.yml", "check.yml", "publish.yml", "release.yml",
                                           "reviews.yml"]
    assert [p.name for p in SHIPPED] == ["approvals.yml", "check.yml", "publish.yml", "reviews.yml"]


@pytest.mark.parametrize("path", EVERY, ids=label)
def test_no_workflow_filters_on_or_names_a_document_folder(path: Path) -> None:
    """Which files are documents is the schemas' business (docs/ci-gates.md): a path filter
    would go stale when a schema adds a folder, and would leave a required check pending."""
    for event, spec in (load(path)["on"] or {}).items():
        assert not (isinstance(spec, dict) and {"paths", "paths-ignore"} & set(spec)), event
    assert not re.search(r"\b(policies|procedures|records)/", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", EVERY, ids=label)
def test_workflow_matches_the_github_workflow_schema(
    path: Path, workflow_schema: jsonschema.protocols.Validator
) -> None:
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in workflow_schema.iter_errors(load(path))
    ]
    assert errors == []


def _permission(w: dict[str, Any]) -> None:
    w["jobs"]["check"]["permissions"]["security-events"] = "admin"


def _trigger(w: dict[str, Any]) -> None:
    w["on"] = {"pull_requests": None}


def _inputs(w: dict[str, Any]) -> None:
    w["jobs"]["check"]["steps"][0]["with"] = "fetch-depth: 0"


@pytest.mark.parametrize("mutate", [_permission, _trigger, _inputs], ids=lambda f: f.__name__)
def test_the_schema_check_can_fail(mutate: Any, workflow_schema: jsonschema.protocols.Validator) -> None:
    broken = load(PROJECT / ".github" / "workflows" / "check.yml")
    mutate(broken)
    assert list(workflow_schema.iter_errors(broken))


def uses_lines(path: Path) -> Iterator[tuple[str, str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        match = USES_LINE.match(line)
        if match:
            yield match.group(1), match.group(2) or ""


def uses_values(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uses" and isinstance(value, str):
                yield value
            yield from uses_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from uses_values(item)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_named(path: Path) -> None:
    found = list(uses_lines(path))
    assert sorted(u for u, _ in found) == sorted(uses_values(load(path)))  # no `uses:` missed
    assert found or path.name == "approvals.yml"  # it needs no action (test_approvals_workflow_*)
    for uses, comment in found:
        assert PINNED.match(uses), f"{uses} is not pinned to a full commit SHA"
        assert re.fullmatch(r"#\s+v\d+\.\d+\.\d+", comment.strip()), f"{uses}: no '# vX.Y.Z' comment"


def test_one_action_is_pinned_to_one_commit_everywhere() -> None:
    versions: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for uses, _ in uses_lines(path):
            action, sha = uses.split("@")
            versions.setdefault(action, set()).add(sha)
    assert {a: len(s) for a, s in versions.items()} == dict.fromkeys(versions, 1)


def run_scripts(path: Path) -> Iterator[str]:
    workflow = load(path)
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if "run" in step:
                yield step["run"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_scripts_take_event_data_from_the_environment(path: Path) -> None:
    # `${{ ... }}` pasted into a script is a script-injection hole; values go through env.
    for script in run_scripts(path):
        assert "${{" not in script


def aims_lint_commands(path: Path) -> Iterator[list[str]]:
    """Each `aims-lint ...` command line in the scripts, up to the next shell operator."""
    for script in run_scripts(path):
        for line in script.replace("\\\n", " ").splitlines():
            lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            words: list[str] | None = None
            for token in [*lexer, ";"]:
                if words is not None and set(token) <= set("|&;<>()"):
                    yield words
                    words = None
                elif words is not None:
                    words.append(token)
                elif token == "aims-lint":
                    words = []


def parse_command(args: list[str]) -> click.Context:
    """Parse a command line the way the CLI would, without running the command."""
    command: click.Command = cli
    while isinstance(command, click.Group):
        name, args = args[0], args[1:]
        found = command.get_command(click.Context(command), name)
        assert found is not None, f"no command {name}"
        command = found
    return command.make_context(command.name or "", list(args))


@pytest.mark.parametrize("path", GATES, ids=lambda p: p.name)
def test_every_aims_lint_command_in_a_workflow_exists_with_those_options(path: Path) -> None:
    commands = list(aims_lint_commands(path))
    assert commands
    for args in commands:
        parse_command(args)


def test_pull_request_workflow_gates_with_history_annotations_sarif_summary_and_owners() -> None:
    workflow = load(PROJECT / ".github" / "workflows" / "check.yml")
    assert set(workflow["on"]) == {"pull_request"}
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    scripts = " ".join(s.get("run", "") for s in steps)
    assert 'check --base "origin/$BASE_REF" --format github' in scripts
    assert "--format sarif" in scripts and "--format markdown" in scripts
    assert '>> "$GITHUB_STEP_SUMMARY"' in scripts
    assert "aims-lint codeowners --check" in scripts
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)
    assert workflow["jobs"]["check"]["permissions"]["security-events"] == "write"


def test_review_workflow_runs_daily_and_keeps_one_issue() -> None:
    workflow = load(PROJECT / ".github" / "workflows" / "reviews.yml")
    assert "schedule" in workflow["on"]
    job = workflow["jobs"]["reviews"]
    assert job["permissions"]["issues"] == "write"
    scripts = "\n".join(s.get("run", "") for s in job["steps"])
    assert "aims-lint reviews --format issue" in scripts
    assert "--today" not in scripts  # the real date: that is the point of the schedule
    # Found by its label, edited when open, created only when there is none.
    assert 'gh issue list --state open --label "$LABEL"' in scripts
    assert scripts.index("gh issue edit") < scripts.index("gh issue create")


def test_publish_workflow_builds_with_aims_lint_and_deploys_to_pages() -> None:
    workflow = load(PROJECT / ".github" / "workflows" / "publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    # Published even when the check fails (a banner on every page says so); pull requests
    # are what check.yml blocks, and it never passes --no-gate.
    assert "aims-lint build --no-gate" in [s.get("run") for s in build["steps"]]
    assert "--no-gate" not in (PROJECT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


# The review issue: produced by the toolkit, not assembled in YAML.


def review_repo(tmp_path: Path) -> Path:
    root = new_repo(tmp_path / "repo")
    roles = (root / "policies" / "roles.md").read_text(encoding="utf-8")
    (root / "policies" / "roles.md").write_text(
        roles.replace("github: jweber-dpo", 'github: "not a handle"'), encoding="utf-8"
    )
    policy = (root / "policies" / "ai-policy.md").read_text(encoding="utf-8")
    overdue = policy.replace("next_review: 2027-01-10", "next_review: 2026-05-01")
    soon = (
        policy.replace("POL-001", "POL-002")
        .replace("title: AI policy", 'title: "Use | of <b>AI</b> @everyone"')
        .replace("owner: aims-manager", "owner: dpo")
        .replace("next_review: 2027-01-10", "next_review: 2026-06-20")
    )
    (root / "policies" / "ai-policy.md").write_text(overdue, encoding="utf-8")
    (root / "policies" / "use-of-ai.md").write_text(soon, encoding="utf-8")
    return root


def test_review_issue_lists_overdue_and_due_soon_with_owners_and_handles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = review_repo(tmp_path)
    base = "https://github.com/org/repo/blob/abc"
    code = main(
        [
            "reviews",
            "--format",
            "issue",
            "--today",
            TODAY.isoformat(),
            "--root",
            str(root),
            "--link-base",
            base,
        ]
    )
    body = capsys.readouterr().out
    assert code == 0
    assert body.startswith("<!-- aims-lint:reviews -->\n")
    assert "**1 review(s) overdue, 1 due within 30 days**, as of 2026-06-01." in body
    overdue, soon = body.split("### Overdue")[1].split("### Due soon")
    assert f"[POL-001]({base}/policies/ai-policy.md) | AI policy | 2026-05-01 | 31 days overdue" in overdue
    assert "| aims-manager | Tomás Ferreira @tferreira |" in overdue
    assert f"[POL-002]({base}/policies/use-of-ai.md)" in soon and "in 19 days" in soon
    # A hostile title neither breaks the table, nor renders HTML, nor mentions anyone;
    # a holder's GitHub value that is not a login is left out rather than pasted.
    assert "@everyone" not in body and "<b>" not in body and "Use | of" not in body
    assert "| dpo | Jonas Weber |" in soon and "not a handle" not in body


def test_review_issue_json_counts_what_the_workflow_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = review_repo(tmp_path)
    assert main(["reviews", "--format", "json", "--today", "2026-06-01", "--root", str(root)]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["pending"] == 2
    assert [p["id"] for p in payload["overdue"]] == ["POL-001"]
    assert payload["due_soon"][0]["github"] == ""  # "not a handle" is no login


def test_review_issue_is_empty_of_rows_when_all_is_current(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_repo(tmp_path / "repo")
    assert main(["reviews", "--format", "issue", "--today", "2026-06-01", "--root", str(root)]) == 0
    body = capsys.readouterr().out
    assert "**0 review(s) overdue, 0 due within 30 days**" in body and "Every review is current." in body
    assert "###" not in body


def test_a_suppressed_overdue_review_is_not_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = review_repo(tmp_path)
    (root / "pyproject.toml").write_text(
        '[tool.aims_lint]\n[[tool.aims_lint.suppress]]\nrule = "AIMS401"\npath = "policies/ai-policy.md"\n'
        'reason = "review meeting moved to June by the board"\n',
        encoding="utf-8",
    )
    assert main(["reviews", "--format", "json", "--today", "2026-06-01", "--root", str(root)]) == 0
    assert json.loads(capsys.readouterr().out)["overdue"] == []


# The Markdown job summary.


def test_markdown_summary_of_a_failing_check(tmp_path: Path) -> None:
    from aims_lint.report import FORMATS

    root = review_repo(tmp_path)
    summary = FORMATS["markdown"](run_lint(root, select=("AIMS4",)))
    assert summary.startswith(
        "## aims-lint: failed: 1 error(s), 1 warning(s) in 3 document(s), as of 2026-06-01\n"
    )
    assert re.search(r"\| error \| policies/ai-policy\.md(&#58;\d+){2} \| AIMS401 review-overdue \|", summary)
    assert re.search(
        r"\| warning \| policies/use-of-ai\.md(&#58;\d+){2} \| AIMS402 review-due-soon \|", summary
    )


def test_markdown_summary_of_a_clean_check_and_of_suppressions(tmp_path: Path) -> None:
    from aims_lint.report import markdown

    root = new_repo(tmp_path / "repo")
    clean = markdown.render(run_lint(root, select=("AIMS4",)))
    assert "passed: 0 error(s), 0 warning(s)" in clean and "No findings." in clean
    root = review_repo(tmp_path / "two")
    suppress = [{"rule": "AIMS401", "path": "*", "reason": "board moved the review"}]
    summary = markdown.render(run_lint(root, select=("AIMS4",), suppress=suppress))
    assert "passed: 0 error(s), 1 warning(s)" in summary
    assert "<details><summary>1 suppressed finding(s)</summary>" in summary
    assert "| board moved the review |" in summary


def test_markdown_summary_shows_hostile_messages_as_text() -> None:
    from aims_lint.report.markdown import cell

    assert cell("a | b <script> @team\nnext") == "a &#124; b &#60;script&#62; &#64;team next"


# pre-commit: the hooks other repositories use, and the project's own configuration.

HOOKS = PROJECT / ".pre-commit-hooks.yaml"
OWN_CONFIG = PROJECT / ".pre-commit-config.yaml"


def test_hook_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(HOOKS))}
    assert set(hooks) == {"aims-lint", "aims-lint-codeowners"}
    check = hooks["aims-lint"]
    assert check["entry"] == "aims-lint check --skip-unclaimed" and check["language"] == "python"
    assert check["pass_filenames"] is True and check["require_serial"] is True
    # No folder is named: the schemas of the repository the hook runs in say which files are
    # documents, and `--skip-unclaimed` passes over every other Markdown file.
    pattern = re.compile(check["files"])
    for path in ("policies/ai-policy.md", "records/sub/2026-audit.md", "standards/x.md", "README.md"):
        assert pattern.search(path), path
    assert not pattern.search("schemas/policy.schema.yaml")
    owners = re.compile(hooks["aims-lint-codeowners"]["files"])
    assert owners.search("standards/x.md") and owners.search(".github/CODEOWNERS")
    assert not owners.search("docs/CODEOWNERS.txt")
    for hook in hooks.values():
        assert not re.search(r"polic|procedur|record", hook["files"]), hook["id"]
    for hook in hooks.values():
        parse_command(shlex.split(hook["entry"])[1:])  # the entry is a real command line


def test_the_project_runs_its_own_hooks() -> None:
    from pre_commit.clientlib import load_config, load_manifest

    config = load_config(str(OWN_CONFIG))
    local = {
        hook["id"]: hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]
    }
    for hook in load_manifest(str(HOOKS)):
        assert local[hook["id"]]["entry"] == hook["entry"]
        assert local[hook["id"]]["files"] == hook["files"]


def git(root: Path, *args: str) -> None:
    import subprocess

    env = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def pre_commit(root: Path, home: Path) -> tuple[int, str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PYTHONPATH": str(PROJECT), "NO_COLOR": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return run.returncode, run.stdout + run.stderr


def test_pre_commit_runs_the_hooks_on_a_repository(tmp_path: Path) -> None:
    """The manifest's hooks, run by pre-commit itself in a git repository.

    `language: python` would make pre-commit build a virtualenv and install
    this package from an index; the test runs the same entries with the
    interpreter under test instead (`language: system`), which exercises the
    file filter, the file names passed and the exit codes.
    """
    import sys

    from pre_commit.clientlib import load_manifest

    root = new_repo(tmp_path / "repo")
    # Markdown beside the documents is passed to the hook too, and is no document.
    (root / "README.md").write_text("# Our AI management system\n", encoding="utf-8")
    # A system in its first year: no management review or audit yet is a warning, so the
    # hooks pass on the clean documents (as they must) and fail only for what the test plants.
    (root / "pyproject.toml").write_text("[tool.aims_lint]\noperating_since = 2026-01-10\n", encoding="utf-8")
    hooks = []
    for hook in load_manifest(str(HOOKS)):
        entry = hook["entry"].replace("aims-lint", f"{shlex.quote(sys.executable)} -m aims_lint", 1)
        hooks.append(
            {
                **{k: hook[k] for k in ("id", "files", "pass_filenames", "require_serial")},
                "name": hook["name"],
                "entry": entry,
                "language": "system",
                "args": ["--today", "2026-06-01"] if hook["id"] == "aims-lint" else [],
            }
        )
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (root / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")
    assert main(["codeowners", "--root", str(root), "--today", "2026-06-01"]) == 0
    git(root, "init", "-q")
    git(root, "add", ".")
    code, output = pre_commit(root, tmp_path / "home")
    assert code == 0, output

    policy = root / "policies" / "ai-policy.md"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("owner: aims-manager", "owner: ciso"), encoding="utf-8"
    )
    git(root, "add", ".")
    code, output = pre_commit(root, tmp_path / "home")
    assert code == 1
    assert "aims-lint codeowners --check" in output and "Failed" in output
    assert "CODEOWNERS is out of date" in output

    policy.write_text(
        policy.read_text(encoding="utf-8").replace("owner: ciso", "owner: nobody"), encoding="utf-8"
    )
    git(root, "add", ".")
    code, output = pre_commit(root, tmp_path / "home")
    assert code == 1 and "AIMS301 unknown-role" in output

    # A folder only this repository's schemas name is checked by the same hook.
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("owner: nobody", "owner: aims-manager"), encoding="utf-8"
    )
    standard = standard_doc().replace("owner: aims-manager\n", "")
    write_files(root, {"schemas/standard.schema.yaml": standard_schema(), "standards/std.md": standard})
    git(root, "add", ".")
    code, output = pre_commit(root, tmp_path / "home")
    assert code == 1 and "standards/std.md" in output and "AIMS101" in output, output
    assert "AIMS301" not in output and "AIMS020" not in output
