"""Gaming attempts on a copy of the example management system (issue 12).

An attempt is what a hurried adopter would do: edit a document's text, re-approve
it properly (version bumped, `approved_on` set, committed with an `Approved-by:`
trailer naming the approver's holder) and hope `readiness` still says ready. Each test makes one attempt on a
fresh git copy of this repository's own policies, procedures and records, then
asks `check` for the error it must cause, on the right file and line, and
`readiness` for exit 1 with that error named as a blocker.

    attempt = Attempt.of_example(tmp_path)
    attempt.replace("procedures/risk-assessment.md", BODY, "TBD\n")
    attempt.reapprove("procedures/risk-assessment.md")
    attempt.commit("Simplify the risk assessment procedure")
    attempt.assert_blocked("AIMS1002", "procedures/risk-assessment.md", line=20)

Everything runs in process (`aims_lint.cli.main`) with fixed dates: the copy is
committed on `COMMITTED`, the attempt on `ATTEMPTED`, and every command runs
with `--today TODAY`. The copy keeps the example's configuration, which asks
for approvals at the "trailer" level; its one commit therefore names, in
`Approved-by:` trailers, the holder of every role that approved a document,
and an attempt's commit names the holders of the roles it re-approved for.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from aims_lint.cli import main
from tests.browser.site_repo import commit_all, git

PROJECT = Path(__file__).resolve().parents[2]
EXAMPLE = ("schemas", "policies", "procedures", "records", "templates", "pyproject.toml")
# The example was last re-approved on 2026-12-02: the copy is committed that evening, the attempt
# re-approved and committed the next day, and every command judges as of that day.
TODAY = date(2026, 12, 3)
COMMITTED = "2026-12-02T18:00:00+00:00"
ATTEMPTED = "2026-12-03T10:00:00+00:00"
ROLES = "policies/roles.md"


@dataclass
class Run:
    code: int
    out: str

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.out)
        return data


@dataclass
class Attempt:
    root: Path
    approvers: set[str] = field(default_factory=set)  # the roles re-approved for since the last commit

    @classmethod
    def of_example(cls, tmp_path: Path) -> Attempt:
        """A fresh git repository holding a copy of the example, in one commit on `COMMITTED`."""
        root = tmp_path / "example"
        root.mkdir()
        for name in EXAMPLE:
            source = PROJECT / name
            if source.is_dir():
                shutil.copytree(source, root / name)
            else:
                shutil.copy2(source, root / name)
        git(root, "init", "-q", "-b", "main")
        attempt = cls(root)
        attempt.approvers = {role for rel in attempt.documents() if (role := attempt.approver_of(rel))}
        attempt.commit("Add the management system", COMMITTED)
        return attempt

    # ---- editing -------------------------------------------------------------------------

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str, count: int = 1) -> None:
        """Replace `old` (which must be there) with `new` in one document."""
        text = self.read(rel)
        assert old in text, f"{old!r} is not in {rel}"
        self.write(rel, text.replace(old, new, count))

    def sub(self, rel: str, pattern: str, new: str, flags: int = re.MULTILINE) -> None:
        """Replace what the regular expression matches (at least once) in one document."""
        text, n = re.subn(pattern, new, self.read(rel), flags=flags)
        assert n, f"{pattern!r} matches nothing in {rel}"
        self.write(rel, text)

    def set_body(self, rel: str, body: str) -> None:
        """Keep the front matter, replace everything after it."""
        text = self.read(rel)
        end = text.index("\n---\n", 4) + len("\n---\n")
        self.write(rel, text[:end] + body)

    def line_of(self, rel: str, text: str) -> int:
        """The 1-based number of the first line of `rel` that contains `text` (which must be there)."""
        for number, line in enumerate(self.read(rel).splitlines(), 1):
            if text in line:
                return number
        raise AssertionError(f"{text!r} is not in {rel}")

    def delete(self, rel: str) -> None:
        (self.root / rel).unlink()

    def documents(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for folder in ("policies", "procedures", "records")
                      for p in (self.root / folder).rglob("*.md"))

    def approver_of(self, rel: str) -> str | None:
        """The approver role of an approved document (None for a draft or one without)."""
        data = _front_matter(self.read(rel))
        role = data.get("approver")
        return role if data.get("status") == "approved" and isinstance(role, str) else None

    def holder(self, role: str) -> str:
        """`Name <email>` of the role's holder in the copy's roles registry, as a trailer names them."""
        roles = {r["id"]: r for r in _front_matter(self.read(ROLES))["roles"]}
        holder = roles[role]["holder"]
        return f"{holder['name']} <{holder['email']}>"

    def reapprove(self, rel: str, on: str = ATTEMPTED[:10]) -> None:
        """A proper re-approval: the minor version goes up, approved_on and last_reviewed become `on`."""
        text = self.read(rel)
        role = self.approver_of(rel)
        if role:
            self.approvers.add(role)

        def bump(m: re.Match[str]) -> str:
            major, _, minor = m.group(2).partition(".")
            return f'{m.group(1)}"{major}.{int(minor or 0) + 1}"'

        text = re.sub(r'^(version: )"?([0-9]+(?:\.[0-9]+)?)"?$', bump, text, count=1, flags=re.MULTILINE)
        for key in ("approved_on", "last_reviewed"):
            text = re.sub(rf"^({key}: ).*$", rf"\g<1>{on}", text, count=1, flags=re.MULTILINE)
        self.write(rel, text)

    def commit(self, message: str, when: str = ATTEMPTED) -> None:
        """Commit everything, with an `Approved-by:` trailer for each role re-approved for (or one
        naming top management when nothing was, as the attempts that only edit a text did)."""
        roles = sorted(self.approvers) or ["top-management"]
        trailers = "".join(f"Approved-by: {self.holder(role)}\n" for role in roles)
        commit_all(self.root, f"{message}\n\n{trailers}", when)
        self.approvers.clear()

    # ---- asking ----------------------------------------------------------------------------

    def run(self, *args: str) -> Run:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main([args[0], "--root", str(self.root), "--today", TODAY.isoformat(), *args[1:]])
        return Run(code, out.getvalue())

    def findings(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.run("check", "--format", "json").json()["findings"]
        return found

    def errors(self, path: str | None = None) -> list[dict[str, Any]]:
        return [
            f for f in self.findings()
            if f["severity"] == "error" and (path is None or f["path"] == path)
        ]

    def readiness(self) -> Run:
        return self.run("readiness", "--format", "json")

    def assert_blocked(self, rule: str, path: str, line: int | None = None) -> dict[str, Any]:
        """`check` reports `rule` as an error at `path` (and `line`), and `readiness` exits 1 naming it."""
        errors = [f for f in self.errors(path) if f["rule"] == rule]
        assert errors, f"no {rule} error on {path}; errors: {self.errors()}"
        if line is not None:
            lines = [f["line"] for f in errors]
            assert line in lines, f"{rule} on {path} at lines {lines}, not {line}"
        report = self.readiness()
        assert report.code == 1, "readiness exits 0 although the attempt left an error"
        data = report.json()
        assert data["ready"] is False
        named = [b for b in data["blockers"] if b["code"] == rule and b["path"] == path]
        assert named, f"{rule} on {path} is not among the blockers {data['blockers']}"
        return errors[0]


def _front_matter(text: str) -> dict[str, Any]:
    """The front matter of a document of the copy (the example's own files: plain YAML)."""
    head = text.split("\n---\n", 1)[0].removeprefix("---\n")
    data = yaml.safe_load(head)
    return data if isinstance(data, dict) else {}
