"""Where documents name roles: the fields the owner rules and CODEOWNERS read."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aims_lint.corrective_actions import actions_of
from aims_lint.model import Document, Role
from aims_lint.positions import join_pointer

# GitHub's own rule for account names. A value outside it is never written into
# CODEOWNERS or an issue: a newline or space there would add owners or mentions.
_GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")


def role_references(doc: Document) -> Iterator[tuple[str, str]]:
    """(JSON pointer, role id) for every role a document names."""
    if doc.owner:
        yield "/owner", doc.owner
    if doc.approver:
        yield "/approver", doc.approver
    for action in actions_of(doc):
        if action.owner is not None:
            yield action.pointer("owner"), action.owner
    extra = doc.model_extra or {}
    # Who checked a nonconformity's actions worked, and who carries out a management review's decisions.
    effectiveness = extra.get("effectiveness")
    if isinstance(effectiveness, dict) and isinstance(effectiveness.get("by"), str):
        yield "/effectiveness/by", effectiveness["by"]
    decisions = extra.get("decisions")
    for index, decision in enumerate(decisions if isinstance(decisions, list) else []):
        owner = decision.get("owner") if isinstance(decision, dict) else None
        if isinstance(owner, str):
            yield join_pointer("decisions", index, "owner"), owner
    # Who accepted a risk (risk assessments, the treatment plan), and who may accept each
    # level (the roles registry's risk criteria): role ids like any owner.
    risks = getattr(doc, "risks", None)
    if isinstance(risks, list):
        for index, risk in enumerate(risks):
            accepted_by = risk.get("accepted_by") if isinstance(risk, dict) else None
            if isinstance(accepted_by, str):
                yield join_pointer("risks", index, "accepted_by"), accepted_by
    criteria = getattr(doc, "risk_acceptance", None)
    if isinstance(criteria, dict):
        for level, role_id in criteria.items():
            if isinstance(level, str) and isinstance(role_id, str):
                yield join_pointer("risk_acceptance", level), role_id


def github_handle(role: Role | None) -> str | None:
    """`@login` of the role's holder, or None when vacant, unset or not a valid login."""
    login = role.holder.github if role is not None and role.holder is not None else None
    login = login.removeprefix("@") if login else None
    return f"@{login}" if login and _GITHUB_LOGIN.fullmatch(login) else None
