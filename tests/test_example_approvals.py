"""The example system's own approvals meet the level it sets for itself ("trailer").

Read from this repository's real history: for every approved document of the
starter system, the commit that recorded its current approval
(`approvals.events.current_event`) must carry an `Approved-by:` trailer that
names whoever held the approver role on the approval day (the roles
registry, past holders included), by e-mail or by name, and must not be dated
before that day. This is what an auditor reads when they open the history of
an example document, so it is checked here as well as by the trailer rules.

The test needs the repository's full history; a shallow clone or an unpacked
source archive has none, and then it is skipped with the reason. The same
check runs on the gaming attempts' copy of the example (tests/gaming), which
keeps the example's configuration and so its level.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aims_lint.approvals.events import approval_events, current_event, reads
from aims_lint.approvals.holders import holders_on
from aims_lint.approvals.model import ApprovalEvent
from aims_lint.config import load_settings
from aims_lint.corpus import Corpus
from aims_lint.engine import build_context
from aims_lint.history import History
from aims_lint.history.identity import holder_keys, trailer_keys
from aims_lint.history.load import load_history
from aims_lint.history.model import Revision
from tests.gaming.attempts import Attempt

PROJECT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 2)
FOLDERS = ("policies/", "procedures/", "records/")


def _approved(corpus: Corpus) -> list[tuple[str, dict[str, object]]]:
    return sorted((s.path, s.data) for s in corpus.sources
                  if s.path.startswith(FOLDERS) and s.data.get("status") == "approved")


def load(root: Path) -> tuple[Corpus, History]:
    """The documents below `root` and its history, with every revision the check compares loaded."""
    ctx = build_context(load_settings(root), TODAY)
    history = load_history(ctx.settings, documents=[s.path for s in ctx.corpus.sources])
    if not history.available:
        return ctx.corpus, history
    wanted = [read for path, _ in _approved(ctx.corpus) for read in reads(history, path)]
    current = {s.path: Revision(s.parsed.data, s.parsed.body) for s, _ in ctx.corpus.typed}
    history = history.with_revisions(wanted, root, current, ctx.settings.max_file_bytes)
    assert history.available, history.problem
    return ctx.corpus, history


def trailer_gaps(corpus: Corpus, history: History) -> list[str]:
    """What each approved document's current approval lacks at the trailer level, in words."""
    gaps = [_gap(corpus, current_event(history, path, data), path) for path, data in _approved(corpus)]
    return [gap for gap in gaps if gap]


@pytest.fixture(scope="module")
def example() -> tuple[Corpus, History]:
    corpus, history = load(PROJECT)
    if not history.available:
        pytest.skip(f"the repository's history is needed: {history.problem}")
    return corpus, history


def _gap(corpus: Corpus, event: ApprovalEvent | None, path: str) -> str | None:
    """What the approval lacks at the trailer level, in words; None when it has it."""
    if event is None:
        return f"{path}: its approval is in no commit"
    commit = event.commit
    approved_on = date.fromisoformat(str(event.approved_on))
    if commit.day < approved_on:
        return f"{event.label}: recorded in {commit.short_sha} on {commit.day}, before {approved_on}"
    role = corpus.roles.get(str(event.approver))
    if role is None:
        return f"{event.label}: approver {event.approver} is no role"
    holders = [holder_keys(h) for h in holders_on(role, approved_on)]
    named = [trailer_keys(value) for value in commit.trailer_values("Approved-by")]
    if any(keys & holder for keys in named for holder in holders):
        return None
    who = ", ".join(f"{h.name} <{h.email}>" for h in holders_on(role, approved_on)) or "nobody"
    return (f"{event.label} was approved in commit {commit.short_sha}, which has no Approved-by "
            f"trailer naming {who} ({role.id})")


def test_every_approval_of_the_example_names_its_approver_in_a_trailer(
    example: tuple[Corpus, History],
) -> None:
    corpus, history = example
    assert len(_approved(corpus)) > 40  # the whole starter system was read, not an empty folder
    assert trailer_gaps(corpus, history) == []


def test_the_check_sees_a_missing_trailer(example: tuple[Corpus, History]) -> None:
    """The oldest approval of the roles registry (the starter commit) has no trailer: reported."""
    corpus, history = example
    first = approval_events(history, "policies/roles.md")[0]
    assert first.commit.trailer_values("Approved-by") == []
    assert _gap(corpus, first, "policies/roles.md") == (
        f"ROL-001 v{first.version} was approved in commit {first.commit.short_sha}, which has no "
        "Approved-by trailer naming Mara Lindqvist <mara.lindqvist@fennwick.example> (top-management)"
    )


@pytest.mark.slow
def test_the_gaming_copy_and_its_attempts_name_the_approvers(tmp_path: Path) -> None:
    """The gaming attempts copy the example with its configuration, so their commits must meet the
    trailer level too: the copy's one commit, and an attempt's re-approval by the AIMS manager."""
    attempt = Attempt.of_example(tmp_path)
    assert trailer_gaps(*load(attempt.root)) == []
    attempt.reapprove("procedures/dataset-preparation.md")
    attempt.commit("Re-approve the dataset preparation procedure")
    corpus, history = load(attempt.root)
    assert trailer_gaps(corpus, history) == []
    newest = history.of("procedures/dataset-preparation.md").commits[0]
    assert newest.trailer_values("Approved-by") == ["Tomás Ferreira <tomas.ferreira@fennwick.example>"]
