"""What an evidence bundle holds, and how it is built from one commit.

    manifest.json            commit id, commit date, the day findings were judged, SHA-256 of each file
    findings.json            `aims-lint check --format json` of the commit's content
    readiness.json           the readiness report of the same lint run
    documents/<path>         every document exactly as committed (read from git objects),
                             except those whose file name is unsafe (AIMS018)
    history/<path>.json      each document's history up to the commit (the same documents)
    site/...                 the auditor site built from the commit (offline, opens from the folder)

The commit's tree is exported from git objects into a temporary folder and
linted there, with the configuration and schemas of that commit and the
history up to it. Findings are judged as of the commit's date unless a day
is given, so a bundle rebuilt later from the same commit is byte-identical.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from aims_lint import __version__
from aims_lint.config import Settings, load_settings
from aims_lint.engine import LintResult, lint
from aims_lint.evidence.archive import MANIFEST, manifest, write_zip
from aims_lint.evidence.tree import export_tree
from aims_lint.history import History
from aims_lint.history.gitlog import (
    GitRepo,
    HistoryUnavailable,
    check_complete,
    open_repo,
    read_blob,
    resolve,
)
from aims_lint.history.load import read_history
from aims_lint.history.render import history_json
from aims_lint.report import json_format
from aims_lint.unsafe_text import file_name_problem

FORMAT = "aims-lint evidence bundle 1"


class EvidenceError(Exception):
    """The bundle cannot be built (no git, shallow clone, unknown revision); says why."""


@dataclass(frozen=True)
class EvidenceResult:
    commit: str
    committed: datetime
    today: date
    files: int
    errors: int
    warnings: int


def build_evidence(settings: Settings, rev: str, out: Path, today: date | None = None) -> EvidenceResult:
    repo: GitRepo | None = None
    try:
        repo = open_repo(settings.root)
        check_complete(repo)  # a bundle with a truncated history would mislead an auditor
        commit = resolve(repo, rev)
        if commit is None:
            raise HistoryUnavailable("the repository has no commits yet")
        return _build(repo, commit, out, today)
    except HistoryUnavailable as exc:
        raise EvidenceError(str(exc)) from None
    finally:
        if repo is not None:
            repo.repo.close()  # stop GitPython's persistent git reader


def _build(repo: GitRepo, commit: str, out: Path, today: date | None) -> EvidenceResult:
    committed: datetime = repo.repo.commit(commit).committed_datetime
    day = today or committed.date()
    with tempfile.TemporaryDirectory(prefix="aims-evidence-") as folder:
        export_tree(repo, commit, Path(folder))
        at_rev = load_settings(Path(folder))
        history = History(read_history(repo, commit), repo=repo, max_bytes=at_rev.max_file_bytes)
        result = lint(at_rev, day, history=history)
        files = _contents(repo, commit, result, history)
        files.update(site_files(at_rev, day, result, history, committed))
    header = {"format": FORMAT, "tool": f"aims-lint {__version__}", "commit": commit,
              "date": committed.isoformat(), "today": day.isoformat()}
    files[MANIFEST] = manifest(files, header)
    write_zip(out, files, committed)
    return EvidenceResult(commit, committed, day, len(files), result.errors, result.warnings)


def _contents(repo: GitRepo, commit: str, result: LintResult, history: History) -> dict[str, bytes]:
    files = {"findings.json": json_format.render(result).encode("utf-8")}
    files["readiness.json"] = readiness_report(result)
    ids = {source.path: doc.id for source, doc in result.corpus.typed}
    for source in result.corpus.sources:
        if file_name_problem(source.path):
            # Unpacked, a backslash or control character in an entry name can climb out of
            # the folder or pass for another file; the AIMS018 finding in findings.json says why.
            continue
        raw = read_blob(repo, commit, source.path)
        if raw is not None:
            files[_entry("documents", source.path)] = raw
        text = history_json(history.of(source.path), ids.get(source.path))
        files[_entry("history", source.path + ".json")] = text.encode("utf-8")
    return files


def site_files(
    at_rev: Settings, day: date, result: LintResult, history: History, committed: datetime
) -> dict[str, bytes]:
    """The site as built from the commit (`site/...`), reproducibly.

    A revision whose site cannot be built (lint errors fail the strict build)
    still gets its bundle: the findings are the evidence, and `site/BUILD-FAILED.txt`
    says why the site is missing.
    """
    from aims_lint.site.bundle import SiteBuildError
    from aims_lint.site.bundle import site_files as build_site

    try:
        return build_site(at_rev, day, result, history, committed)
    except SiteBuildError as exc:
        # The tree was exported to a temporary folder: keep its name out of the bundle.
        reason = str(exc).replace(f"{at_rev.root}/", "")
        return {"site/BUILD-FAILED.txt": f"{reason}\n".encode()}


def readiness_report(result: LintResult) -> bytes:
    """The readiness report (JSON) of the same lint run."""
    from aims_lint.readiness import build_readiness, readiness_json

    data: dict[str, Any] = readiness_json(build_readiness(result))
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _entry(folder: str, path: str) -> str:
    # A name that is not valid UTF-8 cannot be a zip entry name; keep it readable instead.
    return f"{folder}/{path}".encode("utf-8", "backslashreplace").decode("utf-8")
