"""`aims-lint evidence`: build the evidence bundle for one revision and say what is in it;
`aims-lint evidence verify`: check one and say what holds and what does not."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from aims_lint.config import Audience, Settings, find_root
from aims_lint.evidence import EvidenceError, Verification, build_evidence, verify_bundle
from aims_lint.evidence.verify import shown


def run_evidence(
    settings: Settings,
    rev: str,
    out: Path,
    today: date | None,
    audience: Audience | None = None,
    force: bool = False,
    key: Path | None = None,
) -> int:
    try:
        result = build_evidence(settings, rev, out, today, audience, force=force, key=key)
    except EvidenceError as exc:
        click.echo(f"aims-lint: cannot build the evidence bundle: {exc}", err=True)
        return 1
    except OSError as exc:
        click.echo(f"aims-lint: cannot write {out}: {exc.strerror or exc}", err=True)
        return 2
    signed = ", manifest signed" if result.signed else ""
    click.echo(f"wrote {out}: {result.files} file(s) for commit {result.commit[:12]} "
               f"({result.committed.date()}) for the {result.audience} audience, "
               f"findings judged as of {result.today}: "
               f"{result.errors} error(s), {result.warnings} warning(s){signed}")
    return 0


def run_verify(
    bundle: Path, allowed_signers: Path | None, root: Path | None, fmt: str, today: date | None = None
) -> int:
    """0 when every check passed and the signer is trusted, 1 otherwise (the report says which)."""
    repository = root.resolve() if root else find_root(Path.cwd())
    verdict = verify_bundle(bundle, allowed_signers, repository, repository_given=root is not None,
                            day=today)
    click.echo(_json(verdict) if fmt == "json" else _text(verdict), nl=False)
    return 0 if verdict.ok else 1


def _text(verdict: Verification) -> str:
    head = f"{verdict.bundle}: commit {shown(verdict.commit)[:12] or '?'} ({shown(verdict.date) or '?'})"
    lines = [head]
    for check in verdict.checks:
        # Details quote the bundle and ssh-keygen: nothing in them may move a terminal's cursor.
        lines.append(f"  {check.status:<9} {check.name:<9} {shown(check.detail)}")
        lines += [f"            - {shown(problem)}" for problem in check.problems]
    lines.append("verified" if verdict.ok else f"NOT verified: {', '.join(verdict.failed)}")
    return "\n".join(lines) + "\n"


def _json(verdict: Verification) -> str:
    data = {
        "bundle": str(verdict.bundle), "commit": verdict.commit, "date": verdict.date,
        "verified": verdict.ok, "failed": list(verdict.failed),
        "checks": [{"name": c.name, "status": c.status, "detail": c.detail, "problems": list(c.problems)}
                   for c in verdict.checks],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
