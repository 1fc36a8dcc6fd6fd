"""The approvals groundwork the evidence rules stand on: levels, holders on a day, approval events.

`levels` and `holders` are judged on documents and registries as the linter
reads them; `events` on real repositories with fixed dates: every approved
version found once, at the commit that recorded it, through edits, review
records, renames and merges.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aims_lint.approvals.events import approval_events, current_event, reads
from aims_lint.approvals.holders import every_holder, holders_on
from aims_lint.approvals.levels import check_keys, level_for, needs_history
from aims_lint.approvals.signers import allowed_signers
from aims_lint.config import ConfigError, load_settings
from aims_lint.engine import build_context
from aims_lint.history import History, Revision, load_history
from aims_lint.model import Role
from aims_lint.rule import Context
from tests.conftest import new_repo
from tests.test_history_repo import GitRepo

TODAY = date(2026, 6, 1)
POLICY = "policies/ai-policy.md"
CONFIDENTIAL = """---
id: POL-002
title: Model security policy
type: policy
status: approved
version: "1.0"
owner: ciso
approver: top-management
approved_on: 2026-01-10
classification: confidential
---

# Model security policy
"""
ASSESSMENT = """---
id: REC-010
title: Impact assessment of the triage assistant
type: record
record_kind: impact-assessment
status: approved
classification: internal
---

# Impact assessment
"""


def context(root: Path, **settings: Any) -> Context:
    return build_context(load_settings(root, settings), TODAY)


def levels(ctx: Context) -> dict[str, str]:
    return {source.path: level_for(ctx.settings, source) for source in ctx.corpus.sources}


# --- levels --------------------------------------------------------------------------------------


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    return new_repo(tmp_path / "repo", {"policies/security.md": CONFIDENTIAL,
                                        "records/ia-triage.md": ASSESSMENT})


def test_the_default_level_is_claim(documents: Path) -> None:
    ctx = context(documents)
    assert set(levels(ctx).values()) == {"claim"}
    assert needs_history(ctx.settings) is False


def test_a_type_a_record_kind_and_a_classification_raise_it_and_the_strictest_wins(documents: Path) -> None:
    ctx = context(documents, approval_evidence="trailer",
                  approval_evidence_by={"policy": "signed", "confidential": "forge",
                                        "impact-assessment": "signed"})
    assert levels(ctx) == {
        "policies/ai-policy.md": "signed",  # a policy
        "policies/roles.md": "trailer",  # the registry's type is roles: the default
        "policies/security.md": "forge",  # a policy, and confidential: the stricter
        "records/ia-triage.md": "signed",  # by its record kind
    }
    check_keys(ctx.settings, ctx.schemas)  # all three keys are known


def test_an_entry_never_lowers_the_default(documents: Path) -> None:
    ctx = context(documents, approval_evidence="signed", approval_evidence_by={"policy": "trailer"})
    assert set(levels(ctx).values()) == {"signed"}


def test_history_is_needed_once_any_level_is_above_claim(documents: Path) -> None:
    assert needs_history(context(documents, approval_evidence_by={"internal": "trailer"}).settings)
    assert not needs_history(context(documents, approval_evidence_by={"internal": "claim"}).settings)


def test_an_unknown_key_is_a_configuration_error_naming_the_known_ones(documents: Path) -> None:
    settings = load_settings(documents, {"approval_evidence_by": {"polciy": "signed", "secret": "forge"}})
    with pytest.raises(ConfigError) as raised:
        build_context(settings, TODAY)
    message = str(raised.value)
    assert message.startswith("approval_evidence_by: polciy, secret is no document type")
    known = message.split("known: ")[1].split(", ")
    assert {"policy", "roles", "impact-assessment", "confidential", "public"} <= set(known)


# --- holders -------------------------------------------------------------------------------------


def role(holder: dict[str, Any] | None, *previous: dict[str, Any]) -> Role:
    return Role.model_validate({"id": "top-management", "title": "Top management", "holder": holder,
                                "previous_holders": list(previous)})


MARA = {"name": "Mara Lindqvist", "email": "mara@example.org", "since": "2026-02-01"}
LARS = {"name": "Lars Holm", "email": "lars@example.org", "from": "2024-03-01", "until": "2026-01-31"}


def names(holders: list[Any]) -> list[str]:
    return [h.name for h in holders]


def test_the_holder_on_a_day_is_the_past_one_until_the_handover() -> None:
    handed_over = role(MARA, LARS)
    assert names(holders_on(handed_over, date(2026, 1, 10))) == ["Lars Holm"]
    assert names(holders_on(handed_over, date(2026, 1, 31))) == ["Lars Holm"]  # `until` is included
    assert names(holders_on(handed_over, date(2026, 2, 1))) == ["Mara Lindqvist"]
    assert names(holders_on(handed_over, date(2024, 2, 29))) == []  # before anyone held it
    assert names(holders_on(handed_over, None)) == ["Mara Lindqvist"]
    assert names(every_holder(handed_over)) == ["Mara Lindqvist", "Lars Holm"]


def test_a_holder_without_since_covers_the_days_no_past_holder_does() -> None:
    undated = role({k: v for k, v in MARA.items() if k != "since"}, LARS)
    assert names(holders_on(undated, date(2026, 1, 10))) == ["Lars Holm"]
    assert names(holders_on(undated, date(2026, 3, 1))) == ["Mara Lindqvist"]
    assert names(holders_on(role({"name": "Mara Lindqvist", "email": "mara@example.org"}),
                            date(2020, 1, 1))) == ["Mara Lindqvist"]


def test_a_handover_day_held_by_both_and_a_vacant_role_by_its_past_holder_only() -> None:
    overlap = role({**MARA, "since": "2026-01-31"}, LARS)
    assert names(holders_on(overlap, date(2026, 1, 31))) == ["Mara Lindqvist", "Lars Holm"]
    vacant = role(None, LARS)
    assert names(holders_on(vacant, date(2025, 6, 1))) == ["Lars Holm"]
    assert names(holders_on(vacant, date(2026, 6, 1))) == []
    assert names(every_holder(vacant)) == ["Lars Holm"]


def test_past_holders_come_from_the_registry_file(tmp_path: Path) -> None:
    root = new_repo(tmp_path / "repo")
    registry = (root / "policies/roles.md").read_text(encoding="utf-8")
    registry = registry.replace(
        "github: mlindqvist, since: 2024-03-01}",
        "github: mlindqvist, since: 2026-02-01}\n    previous_holders:\n"
        "      - {name: Lars Holm, email: lars@example.org, from: 2024-03-01, until: 2026-01-31}")
    (root / "policies/roles.md").write_text(registry, encoding="utf-8")
    top = context(root).corpus.roles["top-management"]
    assert names(holders_on(top, date(2025, 5, 5))) == ["Lars Holm"]


def test_the_allowed_signers_file_lists_every_holders_keys_with_their_days_in_utc(tmp_path: Path) -> None:
    key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmTQ4mIt7xvH6gWl5cb1ZJkbCq3gvW0Yk1m0Qb5yK4k"
    root = new_repo(tmp_path / "repo")
    registry = (root / "policies/roles.md").read_text(encoding="utf-8")
    registry = registry.replace(
        "github: mlindqvist, since: 2024-03-01}",
        f"github: mlindqvist, since: 2026-02-01, keys: [{key} mara@laptop]}}\n"
        "    previous_holders:\n"
        f"      - {{name: Lars Holm, email: Lars@Example.org, from: 2024-03-01, until: 2026-01-31,\n"
        f"         keys: [{{key: {key}, valid_after: 2024-03-01, valid_before: 2026-02-01}}]}}")
    (root / "policies/roles.md").write_text(registry, encoding="utf-8")
    text = allowed_signers(context(root).corpus)
    # Sorted; the principal is the e-mail in lower case; the key's comment is dropped; the dates
    # carry a Z, so ssh-keygen reads them in UTC whatever the checking machine's time zone.
    assert text.splitlines() == [
        f'lars@example.org namespaces="git",valid-after="20240301Z",valid-before="20260201Z" {key}',
        f'mara.lindqvist@fennwick.example namespaces="git" {key}',
    ]


# --- events --------------------------------------------------------------------------------------


def policy_at(root: Path, *, version: str = "1.0", approved_on: str = "2026-01-10",
              reviewed: str | None = None, words: str = "") -> dict[str, str]:
    text = (root / POLICY).read_text(encoding="utf-8")
    text = text.replace('version: "1.0"', f'version: "{version}"')
    text = text.replace("approved_on: 2026-01-10", f"approved_on: {approved_on}")
    if reviewed:
        text = text.replace("last_reviewed: 2026-01-10", f"last_reviewed: {reviewed}")
    return {POLICY: text + words}


def loaded(root: Path, path: str = POLICY) -> tuple[History, dict[str, Any]]:
    """The history with what `reads` names loaded (as the engine does), and the work tree's data."""
    settings = load_settings(root)
    ctx = build_context(settings, TODAY)
    history = load_history(settings, documents=[s.path for s in ctx.corpus.sources])
    current = {s.path: Revision(s.parsed.data, s.parsed.body) for s, _ in ctx.corpus.typed}
    history = history.with_revisions(reads(history, path), root, current, settings.max_file_bytes)
    data = next(s.data for s in ctx.corpus.sources if s.path == path)
    return history, data


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(new_repo(tmp_path / "repo"))


def test_every_approved_version_once_at_the_commit_that_recorded_it(repo: GitRepo) -> None:
    first = repo.commit("Start", "2026-01-12")
    repo.commit("Fix a typo", "2026-01-20", {POLICY: {"append": "\nTypo.\n"}})
    repo.commit("Review", "2026-02-01", policy_at(repo.root, reviewed="2026-02-01"))
    second = repo.commit("Approve v1.1", "2026-03-02",
                         policy_at(repo.root, version="1.1", approved_on="2026-03-02", reviewed="2026-02-01"))
    repo.commit("Reword after v1.1", "2026-03-05", {POLICY: {"append": "\nMore.\n"}})
    history, data = loaded(repo.root)
    events = approval_events(history, POLICY)
    assert [(e.commit.sha, e.version, e.approved_on, e.approver) for e in events] == [
        (first, "1.0", "2026-01-10", "top-management"),
        (second, "1.1", "2026-03-02", "top-management"),
    ]
    assert events[1].label == "POL-001 v1.1"
    assert events[1].data["version"] == "1.1" and "Reworded" not in events[1].body
    current = current_event(history, POLICY, data)
    assert current is not None and current.commit.sha == second


def test_a_rename_is_not_an_approval_and_the_event_keeps_its_own_path(repo: GitRepo) -> None:
    first = repo.commit("Start", "2026-01-12")
    repo.move(POLICY, "policies/ai.md")
    repo.commit("Move the policy", "2026-01-20")
    history, data = loaded(repo.root, "policies/ai.md")
    [event] = approval_events(history, "policies/ai.md")
    assert (event.commit.sha, event.path) == (first, POLICY)
    assert current_event(history, "policies/ai.md", data) == event


def test_a_merge_that_brings_a_branch_approval_in_is_not_a_second_one(repo: GitRepo) -> None:
    repo.commit("Start", "2026-01-12")
    repo.git("checkout", "-q", "-b", "topic")
    branch = repo.commit("Approve v1.1", "2026-03-02",
                         policy_at(repo.root, version="1.1", approved_on="2026-03-02"))
    repo.git("checkout", "-q", "main")
    repo.commit("Unrelated", "2026-03-03", {"procedures/.keep": ""})
    merge = repo.merge("topic", "Merge pull request #5", "2026-03-04")
    history, data = loaded(repo.root)
    assert [e.commit.sha for e in approval_events(history, POLICY)][-1] == branch
    current = current_event(history, POLICY, data)
    assert current is not None and current.commit.sha == branch != merge


def test_no_event_for_an_uncommitted_approval_a_draft_or_no_history(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("Start", "2026-01-12")
    (repo.root / POLICY).write_text(policy_at(repo.root, version="1.1", approved_on="2026-03-02")[POLICY],
                                    encoding="utf-8")
    history, data = loaded(repo.root)
    assert current_event(history, POLICY, data) is None  # in the work tree only
    assert current_event(history, POLICY, {**data, "status": "draft"}) is None
    assert len(approval_events(history, POLICY)) == 1
    outside = new_repo(tmp_path / "plain")  # no git at all
    history, _ = loaded(outside)
    assert not history.available and approval_events(history, POLICY) == []
