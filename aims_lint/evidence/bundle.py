"""What an evidence bundle holds, and how it is built from one commit.

    manifest.json            commit id, commit date, the day findings were judged, the audience,
                             SHA-256 of each file
    manifest.json.sig        with `--sign KEYFILE` only: the manifest's SSH signature (`sshsig.py`)
    findings.json            `aims-lint check --format json` of the commit's content
    readiness.json           the readiness report of the same lint run
    documents/<path>         every document exactly as committed (read from git objects),
                             except those whose file name is unsafe (AIMS018)
    history/<path>.json      each document's history up to the commit (the same documents), as
                             document control: versions, changes marked, approval evidence
    site/...                 the auditor site built from the commit (offline, opens from the folder)

A bundle is made for one audience (`aims_lint.audience`) and holds nothing of
a document above it: not its file, its history or its findings, and no
message, commit subject or list in it names one. Without `--audience` the
bundle is for the stricter of the audience configured now and the one the
commit configured, so an old commit is never shown to more readers than
either configuration allows.

The commit's tree is exported from git objects into a temporary folder and
linted there, with the configuration and schemas of that commit and the
history up to it. Findings are judged as of the commit's date unless a day
is given, so a bundle rebuilt later from the same commit is byte-identical.
Signing adds one entry and changes no other byte: the unsigned bundle stays
reproducible, and with an Ed25519 or RSA key (deterministic signatures) so
does the signed one.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from aims_lint import __version__, progress
from aims_lint.approvals.history_report import record_json
from aims_lint.approvals.record import prepared
from aims_lint.atomic import check_output
from aims_lint.audience import Gate, stricter
from aims_lint.config import Audience, Settings, load_settings
from aims_lint.engine import lint
from aims_lint.evidence.archive import MANIFEST, SIGNATURE, SIGNATURE_FILE, is_bundle, manifest, write_zip
from aims_lint.evidence.sshsig import SignatureError, sign
from aims_lint.evidence.tree import export_tree
from aims_lint.history import History, HistoryUnavailable, Pinned, pin
from aims_lint.report import json_format
from aims_lint.results import LintResult
from aims_lint.unsafe_text import file_name_problem

FORMAT = f"{SIGNATURE} 1"


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
    audience: Audience = "all"
    signed: bool = False


def build_evidence(
    settings: Settings,
    rev: str,
    out: Path,
    today: date | None = None,
    audience: Audience | None = None,
    *,
    force: bool = False,
    key: Path | None = None,
) -> EvidenceResult:
    """Build the bundle of `rev` into `out`; an existing `out` must be an earlier bundle, unless `force`.

    `audience`, when given (on the command line), decides alone; see the module docstring.
    `key`: sign the manifest with this SSH private key (or public key whose private half is
    in ssh-agent); nothing is written when signing fails.
    """
    check_output(out, ours=is_bundle, force=force)  # before the work, not after it
    if key is not None and not key.is_file():
        raise EvidenceError(f"no key file at {key}")
    try:
        pinned = pin(settings.root, rev)
        chosen = audience or settings.audience
        return _build(pinned, out, today, chosen, given=audience is not None, force=force, key=key)
    except HistoryUnavailable as exc:
        raise EvidenceError(str(exc)) from None
    except SignatureError as exc:
        raise EvidenceError(str(exc)) from None


def _build(
    pinned: Pinned, out: Path, today: date | None, audience: Audience, *, given: bool, force: bool,
    key: Path | None,
) -> EvidenceResult:
    commit = pinned.commit
    with tempfile.TemporaryDirectory(prefix="aims-evidence-") as folder:
        with progress.step("exporting the commit's files"):
            export_tree(pinned.files(), Path(folder))
        at_rev = load_settings(Path(folder))
        if not given:
            audience = stricter(audience, at_rev.audience)
        at_rev = at_rev.model_copy(update={"audience": audience})
        history = pinned.history(at_rev.max_file_bytes)
        committed = history.log.commits[commit].committer.when
        day = today or committed.date()
        with progress.step("checking the documents"):
            result = lint(at_rev, day, history=history)
        with progress.step("reading approved versions and their evidence"):
            history = prepared(history, result.corpus, at_rev.root)
        gate = Gate.of(result.corpus, audience)
        shown = gate.result(result)  # the findings this audience may see
        files = _contents(pinned, result, shown, history, gate, at_rev)
        with progress.step("building the site"):
            files.update(site_files(at_rev, day, result, history, committed, gate))
    header = {"format": FORMAT, "tool": f"aims-lint {__version__}", "commit": commit,
              "date": committed.isoformat(), "today": day.isoformat(), "audience": audience}
    files[MANIFEST] = manifest(files, header)
    if key is not None:
        files[SIGNATURE_FILE] = sign(files[MANIFEST], key)
    write_zip(out, files, committed, force=force)
    return EvidenceResult(commit, committed, day, len(files), shown.errors, shown.warnings, audience,
                          signed=key is not None)


def _contents(
    pinned: Pinned, result: LintResult, shown: LintResult, history: History, gate: Gate, settings: Settings
) -> dict[str, bytes]:
    """Findings, readiness, documents and histories; `shown` is `result` filtered by `gate`
    (readiness takes the whole `result`: its verdict is the whole system's)."""
    files = {"findings.json": json_format.render(shown).encode("utf-8")}
    files["readiness.json"] = readiness_report(result, gate, settings)
    ids = {source.path: doc.id for source, doc in gate.corpus.typed}
    histories = gate.history(history)  # redacted: subjects, trailer values, former paths
    # Unpacked, a backslash or control character in an entry name can climb out of
    # the folder or pass for another file; the AIMS018 finding in findings.json says why.
    sources = [source for source in gate.corpus.sources if not file_name_problem(source.path)]
    committed = pinned.read(source.path for source in sources)
    for source in progress.track(sources, "bundling documents and their history"):
        raw = committed.get(source.path)
        if raw is not None:
            files[_entry("documents", source.path)] = raw
        text = record_json(histories.of(source.path), histories.record(source.path), ids.get(source.path))
        files[_entry("history", source.path + ".json")] = text.encode("utf-8")
    return files


def site_files(
    at_rev: Settings, day: date, result: LintResult, history: History, committed: datetime, gate: Gate
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
        if gate.names_withheld(reason):
            reason = "site build failed: the reason names a document not published for this audience"
        return {"site/BUILD-FAILED.txt": f"{reason}\n".encode()}


def readiness_report(result: LintResult, gate: Gate, settings: Settings) -> bytes:
    """The readiness report (JSON) of the same lint run, listing only documents the audience sees."""
    from aims_lint.readiness import readiness_json

    data: dict[str, Any] = readiness_json(gate.readiness(result, settings))
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _entry(folder: str, path: str) -> str:
    # A name that is not valid UTF-8 cannot be a zip entry name; keep it readable instead.
    return f"{folder}/{path}".encode("utf-8", "backslashreplace").decode("utf-8")
