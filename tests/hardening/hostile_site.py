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

import shutil
import subprocess
import sys
from pathlib import Path

from tests.browser.site_repo import (
    PROJECT,
    TODAY,
    commit_all,
    git,
    once,
    payload,
    pyproject,
    render_and_build,
    starter_repo,
)

SECRET = "Quorvexa"  # the confidential marker: a word that appears nowhere else
# Five digits: the search matches prefixes of words, and a short id is a prefix of commit ids that
# documents quote (the example's "9773b2d" once matched "REC-977").
SECRET_ID = "REC-97531"


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
    "grade: minor", "corrective_actions:",
    f"  - {{action: {_q('Fix it ' + payload('action'))}, owner: aims-manager, due: 2026-12-20}}",
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


def plain_build(root: Path) -> int:
    """`aims-lint render`, then MkDocs' own command line on the staged source."""
    from aims_lint.cli import main

    if main(["render", "--root", str(root), "--today", TODAY.isoformat()]) != 0:
        return 1
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, check=False)
    return done.returncode


def built(name: str) -> Path:
    """The repository (with its built `site/`) of `markup`, `leaky` or `payloads`, built once per run."""

    def make(base: Path) -> Path:
        root = {"markup": markup_repo, "leaky": leaky_repo, "payloads": payloads_repo}[name](base / "repo")
        code = plain_build(root) if name == "payloads" else render_and_build(root)
        assert code == 0, f"building the {name} site failed"
        return root

    return once(f"security-{name}", make)


def _p(name: str) -> str:
    """A statement that marks `name` as run (the audit looks for `__pwned_*` globals)."""
    return f"window.__pwned_{name}=1"


# Every construct an escaper that guessed Markdown's code rules got wrong, each carrying a
# payload: raw HTML that runs (`<img onerror>`, `<script>`), `javascript:` and `data:` links.
# The body is given to Markdown as it is, so whatever Markdown makes of each construct,
# the sanitiser has to catch it. The unclosed fence is last: it swallows the rest.
PAYLOAD_BODY = f"""
# Payload policy

Zyxomarker payload words: every construct below.

An escaped backtick \\`<img src=x onerror="{_p('escaped_tick')}">` after it.

Code spans of different runs: ``a ` b`` <img src=x onerror="{_p('span_runs')}"> `c`
and ```x `` y``` <script>{_p('span_script')}</script> and `` ` `` done.

   ```
fence indented three spaces
   ```
<img src=x onerror="{_p('after_indented_fence')}">

 ~~~
tilde fence indented one space
 ~~~
<script>{_p('after_tilde_fence')}</script>

- a list item

        indented block inside the list item <img src=x onerror="{_p('list_block')}">

- [listed]: javascript:{_p('listed_ref')}

<img src=x onerror="{_p('after_list')}">

[next line](
javascript:{_p('next_line')})
[next line data](
data:text/html,<script>{_p('next_line_data')}</script>)

[split]:
    javascript:{_p('split_ref')}

> [quoted]: javascript:{_p('quoted_ref')}
>
> quoted text

Uses: [split one][split], [quoted one][quoted], [listed one][listed].

[title one](javascript:{_p('title_double')} "a \\" quote")
[title two](javascript:{_p('title_single')} 'it''s')
[title three](<javascript:{_p('title_angle')}> (paren "title"))

[entity one](&#106;avascript:{_p('entity_decimal')})
[entity two](java&#x73;cript:{_p('entity_hex')})
[entity three](javascript&colon;{_p('entity_named')})
[entity four](&#x64;ata:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZF9iNjQ9MTwvc2NyaXB0Pg==)
<a href="jav&#x09;ascript:{_p('entity_tab')}">entity tab</a>
<a href="data:text/html,<script>{_p('raw_data')}</script>">raw data link</a>
<javascript:{_p('autolink')}>

<div onmouseover="{_p('div_hover')}" style="position:fixed;inset:0">raw block hover</div>
<iframe src="javascript:{_p('iframe')}"></iframe><object data="x"></object><embed src="x">
<form action="javascript:{_p('form')}"><button>send</button></form>
<style>body {{ display: none }}</style>
<svg><animate onbegin="{_p('svg')}" attributeName="x" dur="1s"/></svg>
<details open ontoggle="{_p('details')}"><summary>toggle</summary>inside</details>

## Heading with an id {{: #__search onclick="{_p('attr_list')}" }}

Plain link to [the register](../documents.md) stays.

```
unclosed fence <img src=x onerror="{_p('unclosed_fence')}">
<script>{_p('unclosed_script')}</script>
"""

PAYLOAD_POLICY = _front([
    "id: POL-001", "title: Payload policy", "type: policy", "status: approved", 'version: "1.0"',
    "owner: aims-manager", "approver: aims-manager", "approved_on: 2026-10-01", "last_reviewed: 2026-10-01",
    "next_review: 2027-10-01", "classification: public", "summary: Zyxomarker summary", 'clauses: ["5.2"]',
]) + PAYLOAD_BODY


def payloads_repo(root: Path) -> Path:
    """Built by `aims-lint render` and a plain `mkdocs build`, the path that relies on mkdocs.yml
    listing the aims-lint plugin. Not strict: MkDocs warns about the links it cannot resolve."""
    root.mkdir(parents=True)
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("\nstrict: true", "\nstrict: false"), encoding="utf-8")
    (root / "pyproject.toml").write_text(pyproject(), encoding="utf-8")
    files = {"policies/roles.md": ROLES.replace(payload("role_title"), "").replace(payload("holder"), "")
             .replace(payload("responsibilities"), ""), "policies/payloads.md": PAYLOAD_POLICY}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Add the payload policy", "2026-10-02T12:00:00+00:00")
    return root
