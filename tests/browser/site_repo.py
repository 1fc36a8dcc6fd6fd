"""Real repositories for the site tests: the starter system (or a hostile one) in git, with fixed dates.

Shared by tests/test_site*.py and the browser tests. Nothing is mocked: each
repository is a real git repository whose commits carry fixed author and
committer dates, built by the same commands a user runs.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 2)  # the starter system was last re-approved on 2026-12-02
STARTER = ("schemas", "policies", "procedures", "records", "docs", "mkdocs.yml")
AUTHOR = ("Ada Example", "ada@fennwick.example")


def git(
    root: Path, *args: str, when: str = "2026-11-01T10:00:00+00:00", author: tuple[str, str] = AUTHOR
) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": author[1],
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": author[0],
        "GIT_COMMITTER_EMAIL": author[1],
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def commit_all(root: Path, message: str, when: str, author: tuple[str, str] = AUTHOR) -> None:
    git(root, "add", "-A", when=when, author=author)
    git(root, "commit", "-q", "-m", message, when=when, author=author)


def pyproject(site: dict[str, object] | None = None, frameworks: tuple[str, ...] = ()) -> str:
    # operating_since as in this repository's own configuration: the starter system is ready
    lines = ["[tool.aims_lint]", "due_soon_days = 30", "operating_since = 2025-10-01"]
    if frameworks:
        lines.append("frameworks = [" + ", ".join(f'"{f}"' for f in frameworks) + "]")
    lines.append("")
    lines.append("[tool.aims_lint.site]")
    for key, value in (site or {}).items():
        rendered = ("true" if value else "false") if isinstance(value, bool) else f'"{value}"'
        lines.append(f"{key} = {rendered}")
    return "\n".join(lines) + "\n"


def starter_repo(
    root: Path, *, site: dict[str, object] | None = None, extra: dict[str, str] | None = None,
    frameworks: tuple[str, ...] = (),
) -> Path:
    """The project's starter management system in a fresh repository with two commits
    (`frameworks`: the `frameworks` setting; none: the default, ISO/IEC 42001 alone)."""
    root.mkdir(parents=True)
    for name in STARTER:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy2(source, root / name)
    (root / "pyproject.toml").write_text(pyproject(site, frameworks), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Add the management system", "2026-10-01T09:00:00+00:00")
    for rel, text in {"records/site-test-note.md": NOTE, **(extra or {})}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    commit_all(
        root,
        "Record the supplier follow-up\n\nApproved-by: Mara Lindqvist <mara@fennwick.example>\n",
        "2026-11-18T15:30:00+01:00",
        ("Tomás Ferreira", "tomas@fennwick.example"),
    )
    return root


def build(root: Path, today: date = TODAY) -> int:
    """`aims-lint build` on the repository, as a user runs it."""
    from aims_lint.cli import main

    return main(["build", "--root", str(root), "--today", today.isoformat()])


def render_and_build(root: Path, today: date = TODAY) -> int:
    """Render whatever the check says (hostile input has findings), then build with MkDocs."""
    from aims_lint.commands.build import mkdocs_build
    from aims_lint.config import load_settings
    from aims_lint.site.render import render_site

    settings = load_settings(root)
    rendered = render_site(settings, today, root / settings.site.source_dir)
    return mkdocs_build(root / "mkdocs.yml", [p for p in rendered.problems if "history" in p])


NOTE = """---
id: REC-992
title: Site test note
type: record
record_kind: other
status: approved
owner: aims-manager
approver: top-management
approved_on: 2026-11-18
event_date: 2026-11-18
retention_years: 5
classification: public
summary: A note added in the second commit, so history has an approval trailer.
clauses: ["7.5"]
---

# Site test note

Added by the second commit. The AIMS manager wrote this note after the
supplier follow-up call, so that the history of the management system has an
approval recorded in a commit trailer. It records who took part in the call,
what was agreed and when the next follow-up is due.
"""

CONFIDENTIAL = """---
id: REC-990
title: Zetaquill supplier breach review
type: record
record_kind: nonconformity
status: approved
owner: aims-manager
approver: top-management
approved_on: 2026-10-20
event_date: 2026-10-15
retention_years: 7
classification: confidential
summary: Zetaquill internal review.
clauses: ["10.2"]
controls: [A.10.3]
nc_status: open
grade: minor
corrective_actions:
  - {action: Zetaquill contract clause, owner: aims-manager, due: 2027-01-10}
---

# Zetaquill supplier breach review

The Zetaquill marker text must never reach a public build.

## Finding

The supplier reported a breach of its hosting account late, and our contract
with it set no deadline for telling us about incidents that touch our data.

## Cause

Supplier contracts were signed from the supplier's own template, which the
procurement lead did not compare with our incident procedure.

## Corrective actions

The AIMS manager adds a clause to the contract that asks for notice of any
incident within 48 hours, and procurement checks every AI supplier's contract
against the incident procedure before it is signed again.
"""

CITING = """---
id: REC-991
title: Supplier follow-up note
type: record
record_kind: other
status: approved
owner: aims-manager
approver: top-management
approved_on: 2026-10-21
event_date: 2026-10-21
retention_years: 5
classification: public
summary: Follow-up that cites a confidential review.
clauses: ["10.2"]
related: [REC-990]
---

# Supplier follow-up note

See [the review](zetaquill-review.md) for details. The procurement lead asked
the supplier for its incident notification terms, compared them with our
incident procedure, and set a date in January to agree the new contract
clause with the AIMS manager before the contract is renewed.
"""


def payload(name: str) -> str:
    """Markup that would set `window.__pwned_<name>` if it ever ran."""
    return f'<script>window.__pwned_{name}=1</script><img src=x onerror="window.__pwned_{name}=2">'


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


HOSTILE_FILES = {
    "policies/roles.md": f"""---
id: ROL-001
title: Roles
type: roles
status: approved
version: "1.0"
owner: aims-manager
approver: aims-manager
approved_on: 2026-10-01
last_reviewed: 2026-10-01
next_review: 2027-10-01
classification: public
clauses: ["5.3"]
roles:
  - id: aims-manager
    title: {_yaml("AIMS manager " + payload("role"))}
    holder: {{name: {_yaml("Olive " + payload("owner"))}, email: olive@example.org}}
---

# Roles
""",
    "policies/hostile.md": f"""---
id: POL-001
title: {_yaml(payload("title") + " Hostile policy")}
type: policy
status: approved
version: "1.0"
owner: aims-manager
approver: aims-manager
approved_on: 2026-10-01
effective_on: 2026-10-01
last_reviewed: 2026-10-01
next_review: 2026-12-01
classification: public
summary: {_yaml(payload("summary"))}
clauses: ["5.2"]
controls: [A.2.2]
---

# Hostile policy

Body text. {payload("body")}

<div onmouseover="window.__pwned_div=1">raw block</div>

[click me](javascript:window.__pwned_link=1) and [entity](java&#115;cript:window.__pwned_link=2)

## Heading {{: onclick="window.__pwned_attr=1" }}
""",
    "policies/soa.md": f"""---
id: SOA-001
title: Statement of Applicability
type: soa
status: approved
version: "1.0"
owner: aims-manager
approver: aims-manager
approved_on: 2026-10-01
last_reviewed: 2026-10-01
next_review: 2027-10-01
classification: public
clauses: ["6.1.3"]
entries:
  - control: A.2.2
    applicable: true
    reasons: [business-need]
    justification: {_yaml("Needed " + payload("justification"))}
    implementation: implemented
    implemented_by: [POL-001]
---

# Statement of Applicability
""",
}
HOSTILE_SUBJECT = "Add policy " + payload("subject")
HOSTILE_AUTHOR = ('Eve & "Mallory" O\'Hara', "eve@example.org")


def hostile_repo(root: Path) -> Path:
    """Every field a document controls, and a commit subject, carrying markup that must not run."""
    root.mkdir(parents=True)
    shutil.copytree(PROJECT / "schemas", root / "schemas")
    # An mkdocs.yml from before the aims-lint plugin: the build must add it by itself.
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    plugin_line = next(line for line in config.splitlines(keepends=True) if line.startswith("  - aims-lint"))
    (root / "mkdocs.yml").write_text(config.replace(plugin_line, ""), encoding="utf-8")
    (root / "pyproject.toml").write_text(pyproject(), encoding="utf-8")
    for rel, text in HOSTILE_FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, HOSTILE_SUBJECT, "2026-10-02T12:00:00+00:00", HOSTILE_AUTHOR)
    return root


SITES_ENV = "AIMS_TEST_SITES"  # set by tests/conftest.py for the whole run, workers included


def once(name: str, make: Callable[[Path], Path]) -> Path:
    """The repository `make(folder)` builds, built once per test run and shared by every
    xdist worker: the first to ask builds it under a lock, the others wait and reuse it.
    Tests only read these sites; one that changes a site makes its own."""
    shared = os.environ.get(SITES_ENV)
    if not shared:  # imported outside pytest: a private folder for this process
        shared = tempfile.mkdtemp(prefix="aims-sites-")
        os.environ[SITES_ENV] = shared
        atexit.register(shutil.rmtree, shared, True)
    base = Path(shared) / name
    with open(Path(shared) / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (base / "built").is_file():
            shutil.rmtree(base, ignore_errors=True)  # a build that failed half-way
            base.mkdir(parents=True)
            root = make(base)
            (base / "built").write_text(root.relative_to(base).as_posix(), encoding="utf-8")
    return base / (base / "built").read_text(encoding="utf-8")


def shared_site(name: str) -> Path:
    """Each kind of test site, built once per test run; browser and plain tests share them.

    starter: the starter system plus a confidential record and a public one citing it;
    public: the same with `site.exclude_confidential`; hostile: see `hostile_repo`.
    """

    def make(base: Path) -> Path:
        extra = {"records/zetaquill-review.md": CONFIDENTIAL, "records/supplier-follow-up.md": CITING}
        if name == "hostile":
            root = hostile_repo(base / "repo")
            code = render_and_build(root)
        else:
            site = {"exclude_confidential": True} if name == "public" else {"repo_url": REPO_URL}
            root = starter_repo(base / "repo", site=site, extra=extra)
            code = build(root)
        assert code == 0, f"building the {name} site failed"
        return root

    return once(name, make)


REPO_URL = "https://git.example.org/fennwick/aims"


# The frameworks site: the starter system answering to all four frameworks, with a 27001 SoA and
# a record citing items of each (tests/test_site_frameworks.py, tests/browser/test_frameworks_browser.py).
FRAMEWORKS = ("iso42001", "iso27001-2022", "nist-ai-rmf-1.0", "eu-ai-act")
SOA_27001_PATH = "policies/statement-of-applicability-27001.md"
MAPPED_PATH = "records/framework-mapping-note.md"
# 27001 controls decided "the same as" a 42001 control, and those excluded (no premises of our own).
SAME_AS = {"A.5.1": "A.2.2", "A.5.2": "A.3.2"}
EXCLUDED = ("A.7.1", "A.7.2", "A.7.3")


def soa_27001() -> str:
    """An ISO/IEC 27001 SoA deciding on every one of the 93 Annex A controls, from the catalog."""
    from aims_lint.catalog import load_catalog

    entries = []
    for control in load_catalog("iso27001-2022").controls:
        if control.id in SAME_AS:
            entries.append(f"  - {{control: {control.id}, same_as: {SAME_AS[control.id]}, applicable: true, "
                           f"reasons: [risk-treatment], justification: Decided with the AI policy.}}")
        elif control.id in EXCLUDED:
            entries.append(f"  - {{control: {control.id}, applicable: false, reasons: [not-relevant], "
                           "justification: We work remotely and hold no premises of our own.}")
        else:
            entries.append(f"  - {{control: {control.id}, applicable: true, reasons: [risk-treatment], "
                           "justification: Treats information security risks., implementation: planned}")
    return SOA_27001_HEAD + "\n".join(entries) + "\n---\n" + SOA_27001_BODY


SOA_27001_BODY = """
# ISO/IEC 27001 Statement of Applicability

## Summary

Our decisions on the 93 Annex A controls of ISO/IEC 27001:2022, made with the risk treatment of the
information security risk assessment. Where a control is met by the same documents as an ISO/IEC
42001 control, its entry says so, and the decision and its evidence are kept once, in the 42001
Statement of Applicability. Most controls are planned: the information security management system
is being set up beside the AI management system, one theme at a time, starting with the
organizational controls.

## Exclusions

The three physical controls on perimeters, entry and offices are excluded: everyone works remotely
and we hold no premises of our own; our hosting provider's premises are covered by its assurance.
"""


SOA_27001_HEAD = """---
id: SOA-027
title: ISO/IEC 27001 Statement of Applicability
type: soa
framework: iso27001-2022
status: approved
version: "1.0"
owner: aims-manager
approver: top-management
approved_on: 2026-11-18
effective_on: 2026-11-18
last_reviewed: 2026-11-18
review_cycle_months: 12
next_review: 2027-11-18
classification: internal
summary: For each of the 93 Annex A controls of ISO/IEC 27001, whether it applies and why.
clauses: ["6.1.3", "ISO27001:6.1.3"]
entries:
"""

MAPPED = """---
id: REC-993
title: Framework mapping note
type: record
record_kind: other
status: approved
owner: aims-manager
approver: top-management
approved_on: 2026-11-18
event_date: 2026-11-18
retention_years: 5
classification: public
summary: Where the AI policy review meets the other frameworks.
clauses: ["7.5", "ISO27001:7.5.3"]
controls: [A.2.2, "ISO27001:A.5.1", "NIST-AI-RMF:GOVERN-1.1", "EU-AI-ACT:Art-27"]
---

# Framework mapping note

The AIMS manager noted, after the yearly review of the AI policy, which
items of the other frameworks the review also serves: the 27001 policy
control, the NIST subcategory on legal requirements and the AI Act's
fundamental rights impact assessment, which we prepare for as a deployer.
"""


def frameworks_repo(root: Path) -> Path:
    """The starter system with every framework configured, the 27001 SoA and the mapping note.

    A 27001 SoA the starter system has of its own is removed, so the one the tests made from the
    catalog is the SoA in force whatever the example system decides.
    """
    starter_repo(root, frameworks=FRAMEWORKS, extra={SOA_27001_PATH: soa_27001(), MAPPED_PATH: MAPPED})
    own = [p for p in root.glob("*/**/*.md") if p.relative_to(root).as_posix() != SOA_27001_PATH
           and re.search(r"^framework:\s*iso27001-2022\s*$", _front(p), re.M)]
    if own:
        for path in own:
            path.unlink()
        commit_all(root, "Keep one ISO/IEC 27001 SoA", "2026-11-19T09:00:00+00:00")
    return root


def _front(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---", 1)[0] if text.startswith("---") else ""


def build_despite_errors(root: Path, today: date = TODAY) -> int:
    """`aims-lint build --no-gate`: the frameworks site is built whatever later rules find in it
    (say, audits that must cover the 27001 controls), as a published site is."""
    from aims_lint.cli import main

    return main(["build", "--root", str(root), "--today", today.isoformat(), "--no-gate"])
