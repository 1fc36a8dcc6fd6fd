"""The "signed" level: does a signature prove that the approver role's holder approved?

For each document whose evidence level is "signed" (`levels.py`) and whose
current approval is committed (`events.current_event`), the commit that
recorded the approval must carry, itself or through a signed tag pointing at
it, a good SSH signature whose principal (the e-mail the allowed-signers file
lists the key under) is someone who held the approver role on `approved_on`
(`holders.holders_on`, past holders included). One signature that does is
enough. Otherwise the approval gets one finding, about the signature that
came closest, in this order: the holder's own key used outside its dates
(AIMS919), a good signature by someone else (AIMS918), a key nobody listed
(AIMS917), a signature that does not verify (AIMS916), no signature at all
(AIMS915). AIMS915-AIMS919 share this one judgement, so a document is
never reported twice for one approval.

The keys, their owners and the holders come from the roles registry as last
approved before the approval commit, not from the work tree (`trust.py`):
a key planted in the registry cannot vouch for the approval that adds it.
The role itself (that it exists, its id for messages) is the work tree's.
The role is the previous approved version's approver when the approval
re-points `approver` (`approver_change.approver_to_judge`), and for the
registry's own approvals the one the chain of trust judged it by.

Pure: the verdicts are git's, loaded into `History.signatures` before rules
run for the commits `signed_commits` names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from aims_lint.approvals import recording
from aims_lint.approvals.approver_change import approver_to_judge
from aims_lint.approvals.events import current_event, reads
from aims_lint.approvals.holders import every_holder, holders_on
from aims_lint.approvals.key_owners import KeyOwner, owners_in
from aims_lint.approvals.model import ApprovalEvent, SignatureCheck
from aims_lint.approvals.signers import principal
from aims_lint.approvals.trust import Trust, chain, registry_reads, roles_at
from aims_lint.dates import parse_day
from aims_lint.document import SourceFile
from aims_lint.history import History, Read
from aims_lint.model import Holder, Role
from aims_lint.rule import Context

Kind = Literal["outside-validity", "wrong-person", "unknown-key", "bad", "unsigned"]
RANK: tuple[Kind, ...] = ("outside-validity", "wrong-person", "unknown-key", "bad", "unsigned")


@dataclass(frozen=True)
class Judgement:
    """Why an approval's signatures do not prove it, about the one signature that came closest."""

    kind: Kind
    event: ApprovalEvent
    role: Role
    day: date | None  # approved_on, when it is a date
    on_day: tuple[Holder, ...]  # who held the role that day
    check: SignatureCheck | None = None  # None: nothing was signed
    owner: KeyOwner | Holder | None = None  # whose key (or principal) it was, from the registry


def approvals(ctx: Context) -> Iterator[tuple[SourceFile, ApprovalEvent]]:
    """The documents at the "signed" level with a committed current approval, and that approval."""
    history = ctx.history
    if history is None or not history.available:
        return
    for source in _signed_sources(ctx):
        event = current_event(history, source.path, source.data)
        if event is not None:
            yield source, event


def revisions(ctx: Context) -> Iterator[Read]:
    """What `approvals` reads to find the approving commits (the rules' `revisions(ctx)`)."""
    history = ctx.history
    if history is None or not history.available:
        return
    signed = list(_signed_sources(ctx))
    for source in signed:
        yield from reads(history, source.path)
    if signed:  # the registry's approvals, whose revisions say which keys each one is judged by
        yield from registry_reads(ctx.corpus, history)


def signed_commits(ctx: Context) -> Iterator[str]:
    """The commits whose signatures (and signed tags) the rules read (`signed_commits(ctx)`)."""
    for _, event in approvals(ctx):
        yield event.commit.sha


def judge(ctx: Context, history: History, event: ApprovalEvent, trust: Trust | None = None,
          path: str | None = None) -> Judgement | None:
    """None when a signature proves the approval, or when there is nothing to judge it by
    (an approver that is no role: AIMS301 says so).

    The role is `approver_to_judge`'s (an approval that re-points its approver needs the previous
    approver's holder). A roles registry's own approval is judged by the role the chain of trust
    judged it by, and one the chain refused always gets a finding: the registry the later
    approvals are judged by must not pass here while the chain passed it over.
    """
    trust = trust if trust is not None else chain(ctx.corpus, history)
    path = path or event.path
    key = (path, event.commit.sha)
    refused = key in trust.refused
    role_id = trust.judged_by[key] if key in trust.judged_by else approver_to_judge(history, path, event)
    registry = roles_at(trust, history, event.commit.sha)
    current = ctx.corpus.roles.get(role_id or "") or registry.get(role_id or "")
    if current is None:
        if not refused:
            return None
        current = Role(id=role_id or "unknown", title=role_id or "unknown")
    # Who held the role, and with which keys, as the registry approved before this commit says;
    # a role that registry did not have yet has no holder whose key could prove anything.
    role = registry.get(current.id) or current.model_copy(update={"holder": None,
                                                                   "previous_holders": ()})
    day = parse_day(event.approved_on)
    on_day = tuple(holders_on(role, day))
    wanted = {p for p in (principal(h) for h in on_day) if p}
    # Loaded by the engine for every commit `signed_commits` names; a KeyError here is a bug.
    checks = history.signatures[event.commit.sha]
    found: list[Judgement] = []
    for check in checks:
        kind, owner = _kind(registry, check, wanted)
        if kind is None:
            if not refused:
                return None
            kind = "wrong-person"  # proves it by the rules here, yet the chain passed it over
        found.append(Judgement(kind, event, role, day, on_day, check, owner))
    found.append(Judgement("unsigned", event, role, day, on_day))
    return min(found, key=lambda judgement: RANK.index(judgement.kind))


def _kind(registry: dict[str, Role], check: SignatureCheck, wanted: set[str]
          ) -> tuple[Kind | None, KeyOwner | Holder | None]:
    """(None, _) when this signature proves the approval."""
    status = check.status
    if status == "good":
        if (check.principal or "").casefold() in wanted:
            return None, None
        return "wrong-person", _holder(registry, check.principal)
    if status in ("expired", "unknown-key"):
        listed = owners_in(registry, check.fingerprint)
        if status == "unknown-key":
            return "unknown-key", listed[0] if listed else None
        own = [o for o in listed if principal(o.holder) in wanted]
        if own:
            return "outside-validity", own[0]
        return ("wrong-person", listed[0]) if listed else ("unknown-key", None)
    if status == "none":
        return "unsigned", None
    return "bad", None  # bad, revoked, or git could not check it


def _holder(registry: dict[str, Role], who: str | None) -> Holder | None:
    wanted = (who or "").casefold()
    return next((h for role in registry.values() for h in every_holder(role)
                 if principal(h) == wanted), None)


def _signed_sources(ctx: Context) -> Iterator[SourceFile]:
    """The approved documents at the "signed" level (the selection every evidence rule shares)."""
    return (source for source, _ in recording.approved(ctx, lambda level: level == "signed"))


def judged(ctx: Context, kind: Kind) -> Iterator[tuple[SourceFile, Judgement]]:
    """The documents whose approval's closest signature failed in the way `kind` names."""
    for source, judgement in _judgements(ctx):
        if judgement.kind == kind:
            yield source, judgement


# The five rules judge the same approvals in the same run: the judgements of the last context
# asked are kept (a Context is immutable, and is held here so its identity cannot be reused).
_last: list[tuple[Context, list[tuple[SourceFile, Judgement]]]] = []


def _judgements(ctx: Context) -> list[tuple[SourceFile, Judgement]]:
    if _last and _last[0][0] is ctx:
        return _last[0][1]
    history = ctx.history
    found: list[tuple[SourceFile, Judgement]] = []
    pairs = list(approvals(ctx))
    if history is not None and pairs:  # the registry's revisions are read only when one is judged
        trust = chain(ctx.corpus, history)
        for source, event in pairs:
            judgement = judge(ctx, history, event, trust, source.path)
            if judgement is not None:
                found.append((source, judgement))
    _last[:] = [(ctx, found)]
    return found


# The pieces of the findings' messages, so the five rules word things alike.

def approved_in(judgement: Judgement) -> str:
    """"POL-001 v1.1 was approved in commit abc1234"."""
    return f"{judgement.event.label} was approved in commit {judgement.event.commit.short_sha}"


def signature_of(check: SignatureCheck | None) -> str:
    """"its signature", or "the signed tag v1.1 on it"."""
    if check is None or check.tag is None:
        return "its signature"
    return f"the signed tag {check.tag!r} on it"


def holders_text(judgement: Judgement) -> str:
    """"Mara Lindqvist (top-management)", or who held nothing that day."""
    role = judgement.role.id
    names = [h.name or h.email or "?" for h in judgement.on_day]
    if not names:
        when = f"on {judgement.day}" if judgement.day else "now"
        return f"nobody ({role} had no holder {when})"
    return f"{' or '.join(names)} ({role})"


def person(owner: KeyOwner | Holder | None, fallback: str | None) -> str:
    holder = owner.holder if isinstance(owner, KeyOwner) else owner
    if holder is None:
        return fallback or "someone the roles registry does not name"
    email = f" <{holder.email}>" if holder.email else ""
    return f"{holder.name or holder.email or '?'}{email}"
