"""Reconciling discovered AI use with the register (AIMS1220-AIMS1224) and `discover --draft`.

Each test builds a real aims repository in a temporary git repository with a source tree
inside or beside it, and a `Discovery` of the uses a scanner would report there (the scanners
are tested on real files in their own tests); the rules then run on the real corpus, with the
`sources` located on disk as `discover --reconcile` does it.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

from aims_lint.ai_usage.drafts import write_drafts
from aims_lint.ai_usage.evidence import Confidence, Discovery, Kind, Use
from aims_lint.ai_usage.sources import locate
from aims_lint.config import load_settings
from aims_lint.engine import build_context, lint
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context
from aims_lint.rules import lookup
from tests.conftest import TODAY, FileSpec, new_repo

PROJECT_TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "record-ai-system.md"
RECONCILE = ("AIMS1220", "AIMS1221", "AIMS1222", "AIMS1223", "AIMS1224")


def system(doc_id: str, *, status: str = "approved", sources: str = "[]", models: str = "[]") -> str:
    approval = "approved_on: 2026-01-05\n" if status == "approved" else ""
    return (
        f"---\nid: {doc_id}\ntitle: System {doc_id}\ntype: record\nrecord_kind: ai-system\n"
        f"status: {status}\nowner: aims-manager\napprover: aims-manager\n{approval}"
        "event_date: 2026-01-05\nretention_years: 5\nclassification: internal\nclauses: [\"8.1\"]\n"
        "lifecycle_stage: operation\nrisk_level: low\nsourcing: in-house\nin_scope: false\n"
        f"sources: {sources}\nmodels: {models}\n---\nBody.\n"
    )


def supplier(doc_id: str, name: str, assessments: str = "[]") -> str:
    return (
        f"---\nid: {doc_id}\ntitle: Supplier {name}\ntype: record\nrecord_kind: supplier\nstatus: approved\n"
        "owner: aims-manager\napprover: aims-manager\napproved_on: 2026-01-05\nevent_date: 2026-01-05\n"
        "retention_years: 5\nclassification: internal\nclauses: [\"8.1\"]\n"
        f"supplier: {name}\nsupplies: Hosted models\nmodels: []\ndata_shared: Support tickets\n"
        f"assessments: {assessments}\nnext_review: 2027-01-05\n---\nBody.\n"
    )


def assessment(doc_id: str, day: str) -> str:
    return (
        f"---\nid: {doc_id}\ntitle: Assessment {doc_id}\ntype: record\nrecord_kind: supplier-assessment\n"
        f"status: approved\nowner: aims-manager\napprover: aims-manager\napproved_on: {day}\n"
        f"event_date: {day}\nretention_years: 5\nclassification: internal\nclauses: [\"8.1\"]\n---\nBody.\n"
    )


def use(path: str, line: int = 1, *, model: str = "", provider: str = "", kind: Kind = Kind.DEPENDENCY,
        name: str = "openai") -> Use:
    return Use(path, line, 1, kind, name, f"{name}==1.0", Confidence.HIGH, provider, "", model)


def make(tmp_path: Path, files: dict[str, FileSpec]) -> Path:
    root = new_repo(tmp_path / "aims", files)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def context(root: Path, roots: tuple[str, ...], uses: tuple[Use, ...]) -> Context:
    """The context `discover --reconcile` gives the rules: the corpus, and the discovery with
    the `sources` located. Use paths are written relative to the aims repository, as when
    discover runs there."""
    settings = load_settings(root, {})
    ctx = build_context(settings, TODAY)
    resolved = tuple((root / r).resolve().as_posix() for r in roots)
    discovery = Discovery(roots, tuple(sorted(uses)), resolved_roots=resolved)
    return replace(ctx, discovered=replace(discovery, sources=locate(settings, ctx.corpus)))


def findings(ctx: Context, code: str) -> list[Finding]:
    rule = lookup(code)
    assert rule is not None and rule.RULE.discovery
    return sorted(rule.check(ctx))


def all_findings(ctx: Context) -> dict[str, list[Finding]]:
    return {code: found for code in RECONCILE if (found := findings(ctx, code))}


def test_a_use_under_no_record_s_sources_is_an_unregistered_use(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "records/ai-system-chat.md": system("REC-020", sources="[{path: chat}]"),
        "chat/requirements.txt": "openai==1.0\n",
        "billing/requirements.txt": "flask\nopenai==1.0\n",
    })
    uses = (use("chat/requirements.txt"), use("billing/requirements.txt", 2))
    ctx = context(root, ("chat", "billing"), uses)
    found = findings(ctx, "AIMS1220")
    assert [(f.path, f.line, f.severity) for f in found] == [("billing/requirements.txt", 2, Severity.ERROR)]
    assert "dependency openai lies under no AI system record's sources" in found[0].message


def test_a_use_whose_model_a_record_lists_is_registered_wherever_it_is(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "records/ai-system-chat.md": system(
            "REC-020", sources="[{path: chat}]", models="[{id: Acme/Summariser, supplier: in-house}]"),
        "notebooks/try.py": "pipeline('acme/summariser')\n",
    })
    listed = use("notebooks/try.py", kind=Kind.HUB_MODEL, name="acme/summariser", model="acme/summariser")
    other = use("notebooks/try.py", 2, kind=Kind.HUB_MODEL, name="acme/other", model="acme/other")
    ctx = context(root, ("notebooks",), (listed, other))
    assert [f.line for f in findings(ctx, "AIMS1220")] == [2]
    assert [(f.line, f.message[:24]) for f in findings(ctx, "AIMS1223")] == [(2, "model acme/other (hub-mo")]


def test_a_model_under_a_system_s_sources_still_needs_listing(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "records/ai-system-chat.md": system("REC-020", sources="[{path: chat}]"),
        "chat/model.safetensors": b"\x00",
    })
    name = "model.safetensors"
    model = use(f"chat/{name}", kind=Kind.MODEL_FILE, name=name, model=name)
    ctx = context(root, ("chat",), (model,))
    assert findings(ctx, "AIMS1220") == []
    assert [f.path for f in findings(ctx, "AIMS1223")] == ["chat/model.safetensors"]


def test_an_approved_system_whose_scanned_sources_show_no_ai_use_is_stale(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "records/ai-system-chat.md": system("REC-020", sources="[{path: chat}]"),
        "records/ai-system-draft.md": system("REC-021", status="draft", sources="[{path: chat}]"),
        "records/ai-system-half.md": system("REC-022", sources="[{path: chat}, {path: elsewhere}]"),
        "chat/app.py": "print('no AI here')\n",
        "elsewhere/app.py": "print('not scanned')\n",
    })
    ctx = context(root, ("chat",), ())
    found = findings(ctx, "AIMS1221")
    # The draft is not judged; REC-022 was only scanned in part.
    got = [(f.path, f.line, f.severity) for f in found]
    assert got == [("records/ai-system-chat.md", 18, Severity.WARNING)]
    assert "REC-020 is approved, its sources (.:chat) were all scanned and no AI use" in found[0].message
    ctx = context(root, ("chat",), (use("chat/app.py"),))
    assert findings(ctx, "AIMS1221") == []


def test_a_model_from_a_supplier_without_a_current_assessment_is_an_error(tmp_path: Path) -> None:
    models = ("[{id: gpt-a, supplier: REC-040}, {id: gpt-b, supplier: REC-041},"
              " {id: gpt-c, supplier: OpenAI}, {id: gpt-d, supplier: Nobody Ltd},"
              " {id: gpt-e, supplier: REC-042}]")
    root = make(tmp_path, {
        "records/ai-system-chat.md": system("REC-020", sources="[{path: chat}]", models=models),
        "records/supplier-none.md": supplier("REC-040", "Unassessed Inc"),
        "records/supplier-openai.md": supplier("REC-041", "OpenAI", "[REC-050]"),
        "records/supplier-old.md": supplier("REC-042", "Old Corp", "[REC-051]"),
        "records/2026-assessment.md": assessment("REC-050", "2026-03-01"),
        "records/2019-assessment.md": assessment("REC-051", "2019-03-01"),
        "chat/app.py": "",
    })
    found = findings(context(root, ("chat",), ()), "AIMS1222")
    got = [(f.line, f.json_path, f.severity) for f in found]
    assert got == [
        (19, "/models/0/supplier", Severity.ERROR),
        (19, "/models/3/supplier", Severity.ERROR),
        (19, "/models/4/supplier", Severity.ERROR),
    ]
    messages = [f.message for f in found]
    assert "from supplier REC-040, which has no approved supplier assessment" in messages[0]
    assert "from 'Nobody Ltd', which is no supplier register record in force" in messages[1]
    assert "supplier assessment REC-051 (2019-03-01) is older than its cycle of 12 months" in messages[2]


def test_a_source_in_an_unknown_repository_or_at_a_missing_path_is_reported(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "records/ai-system-chat.md": system(
            "REC-020", sources="[{path: chat}, {path: caht}, {repo: nowhere, path: src}]"),
        "chat/app.py": "",
    })
    found = findings(context(root, ("chat",), (use("chat/app.py"),)), "AIMS1224")
    assert [(f.json_path, f.severity) for f in found] == [
        ("/sources/1/path", Severity.WARNING), ("/sources/2/repo", Severity.WARNING)]
    assert "names 'caht' in this repository, which does not exist" in found[0].message
    assert "names repository 'nowhere', which is not configured" in found[1].message


def test_a_repository_without_a_local_path_is_told_apart_and_the_settings_file_named(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "records/ai-system-chat.md": system(
            "REC-020", sources="[{repo: remote, path: svc}, {repo: nowhere, path: src}]"),
    })
    (root / "pyproject.toml").unlink()
    (root / "aims-lint.toml").write_text(
        '[discover.repositories.remote]\nurl = "https://example.com/org/remote/blob/main"\n',
        encoding="utf-8")
    found = findings(context(root, (".",), ()), "AIMS1224")
    assert [f.json_path for f in found] == ["/sources/0/repo", "/sources/1/repo"]
    assert "names repository 'remote', which is configured without a local `path`" in found[0].message
    assert "[discover.repositories.remote] of aims-lint.toml" in found[0].message
    assert "not configured" not in found[0].message
    assert "'nowhere', which is not configured; add [discover.repositories.nowhere] of aims-lint.toml" in (
        found[1].message)


def test_a_register_that_matches_the_code_has_no_reconcile_findings(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "records/ai-system-chat.md": system(
            "REC-020", sources="[{repo: ., path: chat}]",
            models="[{id: gpt-a, version: '1', supplier: REC-041}]"),
        "records/supplier-openai.md": supplier("REC-041", "OpenAI", "[REC-050]"),
        "records/2026-assessment.md": assessment("REC-050", "2026-03-01"),
        "chat/requirements.txt": "openai==1.0\n",
    })
    uses = (use("chat/requirements.txt"), use("chat/requirements.txt", 2, kind=Kind.ENDPOINT, model="gpt-a"))
    assert all_findings(context(root, ("chat",), uses)) == {}


def test_the_reconcile_rules_never_run_in_check(tmp_path: Path) -> None:
    root = make(tmp_path, {"records/ai-system-chat.md": system("REC-020", sources="[{path: caht}]",
                                                                models="[{id: m, supplier: Nobody}]")})
    result = lint(load_settings(root, {}), TODAY)
    assert not [f for f in result.findings if f.rule in RECONCILE]
    assert not [r for r in result.rules if r.RULE.code in RECONCILE]


# --draft


def test_drafts_register_the_use_pass_check_and_a_second_run_writes_nothing(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "records/ai-system-chat.md": system("REC-020", sources="[{path: chat}]"),
        "chat/requirements.txt": "openai==1.0\n",
        "billing/requirements.txt": "openai==1.0\n",
        "billing/src/summarise.py": "pipeline('acme/summariser')\n",
    })
    uses = (
        use("chat/requirements.txt"),
        use("billing/requirements.txt", provider="openai"),
        use("billing/src/summarise.py", kind=Kind.HUB_MODEL, name="acme/summariser", model="acme/summariser",
            provider="acme"),
    )
    ctx = context(root, ("chat", "billing"), uses)
    assert len(findings(ctx, "AIMS1220")) == 2
    drafted = write_drafts(ctx.settings, ctx.schemas, ctx.corpus, ctx.discovered, TODAY)  # type: ignore[arg-type]
    assert drafted.written == ("records/2026-acme-supplier-found-by-discovery.md",
                               "records/billing-ai-use-found-by-discovery.md")
    system_text = (root / drafted.written[1]).read_text(encoding="utf-8")
    assert "status: draft" in system_text and "in_scope: false" in system_text
    assert "sources: [{path: billing}]" in system_text
    assert "models: [{id: acme/summariser, supplier: REC-021}]" in system_text
    assert "| `billing/src/summarise.py:1` | `hub-model acme/summariser (acme)` |" in system_text
    supplier_text = (root / drafted.written[0]).read_text(encoding="utf-8")
    assert "id: REC-021" in supplier_text and 'supplier: "acme"' in supplier_text

    # The drafts are documents like any new one: no error in check (in a system that has begun
    # operating, so that no management review yet is a warning, as `init` sets it up).
    result = lint(load_settings(root, {"operating_since": "2026-05-01"}), TODAY, list(drafted.written))
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []

    # Reconciled again, the use is registered (by the draft's sources), and a second run writes nothing.
    again = context(root, ("chat", "billing"), uses)
    assert findings(again, "AIMS1220") == [] and findings(again, "AIMS1223") == []
    before = sorted(p.name for p in (root / "records").iterdir())
    second = write_drafts(again.settings, again.schemas, again.corpus, again.discovered, TODAY)  # type: ignore[arg-type]
    assert second.written == () and second.skipped == ()
    assert sorted(p.name for p in (root / "records").iterdir()) == before
    assert (root / drafted.written[1]).read_text(encoding="utf-8") == system_text


def test_a_draft_never_overwrites_a_file_of_its_name(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "records/other-ai-use-found-by-discovery.md": "not a record of ours\n",
        "other/requirements.txt": "openai==1.0\n",
    })
    ctx = context(root, ("other",), (use("other/requirements.txt"),))
    drafted = write_drafts(ctx.settings, ctx.schemas, ctx.corpus, ctx.discovered, TODAY)  # type: ignore[arg-type]
    assert drafted.written == ()
    taken = "records/other-ai-use-found-by-discovery.md"
    assert drafted.skipped == (f"{taken} already exists; not overwriting it",)
    assert (root / taken).read_text(encoding="utf-8") == "not a record of ours\n"


def test_a_template_that_cannot_take_the_values_is_reported_not_a_traceback(tmp_path: Path) -> None:
    template = (PROJECT_TEMPLATE.read_text(encoding="utf-8")
                .replace("sources: []", "sources:\n  path: fill-this-in"))
    root = make(tmp_path, {"templates/record-ai-system.md": template, "other/requirements.txt": "openai\n"})
    ctx = context(root, ("other",), (use("other/requirements.txt"),))
    drafted = write_drafts(ctx.settings, ctx.schemas, ctx.corpus, ctx.discovered, TODAY)  # type: ignore[arg-type]
    assert drafted.written == ()
    reason = ("no draft for other: its template cannot take the values: "
              "'sources' is not a list; edit it by hand")
    assert drafted.skipped == (reason,)
    assert not (root / "records").exists()
