"""Two real repositories for the site security tests, built once per test process.

`markup`: markup that would set `window.__pwned_<field>` if it ever ran, in
every field that reaches a page: document titles, summaries and bodies, role
titles, holder names, e-mails and responsibilities, owners and approvers,
related ids, clauses and controls, SoA justifications and reasons, record
fields, unknown keys (which reach pages through finding messages), a file
name, commit subjects, author names and approval trailers.

`leaky`: a public build (`site.exclude_confidential`) of a system whose one
confidential record carries a unique marker in every place it could leak
from: its id, title, file name, summary, body, a finding, the SoA, the AI
system inventory, another document's `related` list and body link, and
commit subjects.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from tests.browser.site_repo import (
    PROJECT,
    commit_all,
    git,
    payload,
    pyproject,
    render_and_build,
    starter_repo,
)

SECRET = "Quorvexa"  # the confidential marker: a word that appears nowhere else
SECRET_ID = "REC-977"


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _front(lines: list[str]) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n"


ROLES = _front([
    "id: ROL-001", "title: Roles", "type: roles", "status: approved", 'version: "1.0"',
    "owner: aims-manager", "approver: aims-manager", "approved_on: 2026-10-01",
    "last_reviewed: 2026-10-01", "next_review: 2027-10-01", "classification: public", 'clauses: ["5.3"]',
    "roles:",
    "  - id: aims-manager",
    f"    title: {_q('AIMS manager ' + payload('role_title'))}",
    f"    responsibilities: {_q('Runs it ' + payload('responsibilities'))}",
    f"    holder: {{name: {_q('Olive ' + payload('holder'))}, email: olive@example.org, github: olive}}",
]) + "\n# Roles\n"

POLICY = _front([
    "id: POL-001", f"title: {_q(payload('title') + ' Hostile policy')}", "type: policy",
    "status: approved", 'version: "1.0"', f"owner: {_q(payload('owner'))}",
    f"approver: {_q(payload('approver'))}", "approved_on: 2026-10-01", "last_reviewed: 2026-10-01",
    "next_review: 2027-10-01", "classification: public", f"summary: {_q(payload('summary'))}",
    'clauses: ["5.2"]', f"controls: [A.2.2, {_q(payload('control'))}]",
    f"related: [{_q(payload('related'))}]", f"{_q(payload('unknown_key'))}: x",
]) + f"""
# Hostile policy

Body. {payload('body')}

<iframe src="javascript:window.__pwned_iframe=1"></iframe>
<svg onload="window.__pwned_svg=1"></svg>
<a href="JaVaScRiPt:window.__pwned_anchor=1">anchor</a>
[data link](data:text/html,<script>window.__pwned_data=1</script>)
<javascript:window.__pwned_autolink=1>
![remote](https://tracker.example.net/pixel.png)
"""

SOA = _front([
    "id: SOA-001", "title: Statement of Applicability", "type: soa", "status: approved", 'version: "1.0"',
    "owner: aims-manager", "approver: aims-manager", "approved_on: 2026-10-01", "last_reviewed: 2026-10-01",
    "next_review: 2027-10-01", "classification: public", 'clauses: ["6.1.3"]', "entries:",
    "  - control: A.2.2", "    applicable: true", f"    reasons: [{_q(payload('reason'))}]",
    f"    justification: {_q('Needed ' + payload('justification'))}", "    implementation: implemented",
    "    implemented_by: [POL-001, REC-001]",
]) + "\n# Statement of Applicability\n"

SYSTEM = _front([
    "id: REC-001", "title: Chat assistant", "type: record", "record_kind: ai-system", "status: approved",
    "owner: aims-manager", "approver: aims-manager", "approved_on: 2026-10-01", "event_date: 2026-10-01",
    "retention_years: 5", "classification: public", 'clauses: ["8.1"]', "lifecycle_stage: operation",
    "risk_level: high", "sourcing: supplier", f"supplier: {_q('Acme ' + payload('supplier'))}",
    "in_scope: true",
]) + "\n# Chat assistant\n"

NONCONFORMITY = _front([
    "id: REC-002", "title: Late review", "type: record", "record_kind: nonconformity", "status: approved",
    "owner: aims-manager", "approver: aims-manager", "approved_on: 2026-10-01", "event_date: 2026-10-01",
    "retention_years: 5", "classification: public", 'clauses: ["10.2"]', "nc_status: open",
    "corrective_actions:",
    f"  - {{action: {_q('Fix it ' + payload('action'))}, owner: aims-manager, due: 2027-01-31}}",
]) + "\n# Late review\n"

MARKUP_FILES = {
    "policies/roles.md": ROLES,
    "policies/hostile.md": POLICY,
    "policies/soa.md": SOA,
    "records/chat-assistant.md": SYSTEM,
    "records/late-review.md": NONCONFORMITY,
    # A name is data too; '/' cannot be in a file name, so this payload has no closing tag.
    "records/x<img src=x onerror=window.__pwned_file_name=1>.md": SYSTEM.replace("REC-001", "REC-003"),
}
SUBJECT = "Add the system " + payload("subject")
# Git drops < and > from names, so an author name can only try to break out of an attribute.
AUTHOR = ('Eve" onmouseover="window.__pwned_author=1" x=\'&amp; Mallory', "eve@example.org")
TRAILER = "Approved-by: Mallory " + payload("trailer")


def markup_repo(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    shutil.copy2(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "pyproject.toml").write_text(pyproject(), encoding="utf-8")
    for rel, text in MARKUP_FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, f"{SUBJECT}\n\n{TRAILER}\n", "2026-10-02T12:00:00+00:00", AUTHOR)
    return root


SECRET_RECORD = _front([
    f"id: {SECRET_ID}", f"title: {SECRET} incident review", "type: record", "record_kind: ai-system",
    "status: approved", "owner: aims-manager", "approver: top-management", "approved_on: 2026-10-20",
    "event_date: 2026-10-15", "retention_years: 7", "classification: confidential",
    f"summary: {SECRET} summary", 'clauses: ["8.1"]', "controls: [A.6.2.4]", "lifecycle_stage: operation",
    "risk_level: high", "sourcing: supplier", f"supplier: {SECRET} Ltd", "in_scope: true",
    f"owner_note: {SECRET} unknown field, so the record has a finding",
]) + f"\n# {SECRET} incident review\n\nThe {SECRET} body.\n"

CITING = _front([
    "id: REC-976", "title: Public follow-up", "type: record", "record_kind: other", "status: approved",
    "owner: aims-manager", "approver: top-management", "approved_on: 2026-10-21", "event_date: 2026-10-21",
    "retention_years: 5", "classification: public", 'clauses: ["10.2"]', f"related: [{SECRET_ID}]",
]) + f"\n# Public follow-up\n\nSee [the review]({SECRET.lower()}-review.md) for details.\n"


def leaky_repo(root: Path) -> Path:
    """The starter system, public build, with the confidential record added in its own
    commit and then cited (and named in a commit subject) next to a public one."""
    starter_repo(root, site={"exclude_confidential": True})
    secret = root / "records" / f"{SECRET.lower()}-review.md"
    secret.write_text(SECRET_RECORD, encoding="utf-8")
    commit_all(root, f"Add the {SECRET} review", "2026-11-19T09:00:00+00:00")
    (root / "records" / "public-follow-up.md").write_text(CITING, encoding="utf-8")
    with secret.open("a", encoding="utf-8") as handle:
        handle.write("\nMore.\n")
    soa = root / "policies" / "statement-of-applicability.md"
    text = soa.read_text(encoding="utf-8")
    marker = "implemented_by: ["
    if marker in text:
        soa.write_text(text.replace(marker, f"{marker}{SECRET_ID}, ", 1), encoding="utf-8")
    commit_all(root, f"Cite {SECRET_ID} ({SECRET}) from REC-976", "2026-11-20T09:00:00+00:00")
    return root


_BUILT: dict[str, Path] = {}


def built(name: str) -> Path:
    """The repository (with its built `site/`) of `markup` or `leaky`, built once."""
    if name not in _BUILT:
        base = Path(tempfile.mkdtemp(prefix=f"aims-{name}-"))
        atexit.register(shutil.rmtree, base, True)
        root = (markup_repo if name == "markup" else leaky_repo)(base / "repo")
        assert render_and_build(root) == 0, f"building the {name} site failed"
        _BUILT[name] = root
    return _BUILT[name]
