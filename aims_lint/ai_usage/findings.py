"""A finding about one use of AI, carrying the use's kind, evidence and confidence.

The discovery rules that report a use (AIMS1201-AIMS1206, and a reconcile rule such as
AIMS1220 that reports an unregistered one) make their findings here, so every one of them
fills the JSON fields `kind`, `evidence` and `confidence` the same way. A finding about a
record rather than a use (a stale inventory entry) is an ordinary `RuleInfo.finding`.
`is_reconcile_rule` says which discovery rules need the register.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from aims_lint.ai_usage.evidence import Discovery, Kind, Use
from aims_lint.results import Finding
from aims_lint.rule import Context, RuleInfo

FIRST_RECONCILE = 1220
"""Discovery rules from AIMS1220 on compare uses with the register: they run only with `--reconcile`."""


def is_reconcile_rule(code: str) -> bool:
    """Whether a discovery rule needs the register (AIMS1220-AIMS1249), so runs only when reconciling."""
    digits = code.removeprefix("AIMS")
    return digits.isdigit() and int(digits) >= FIRST_RECONCILE


def use_finding(rule: RuleInfo, use: Use, message: str) -> Finding:
    """`rule`'s finding at the use's place, with its kind, evidence and confidence."""
    finding = rule.finding(use.path, use.line, use.column, message)
    return replace(finding, kind=use.kind.value, evidence=use.evidence, confidence=use.confidence.value)


def discovered(ctx: Context) -> Discovery:
    """What discovery found; an empty Discovery when the rule runs without one (never in `check`)."""
    return ctx.discovered if ctx.discovered is not None else Discovery(roots=())


def uses_of(ctx: Context, kind: Kind) -> Iterator[Use]:
    """The uses of one kind, in their sorted order."""
    return (use for use in discovered(ctx).uses if use.kind is kind)


def describe(use: Use) -> str:
    """`name` with the version and provider the evidence states: `openai 1.51.0 (openai)`."""
    text = use.name
    if use.version:
        text += f" {use.version}"
    if use.provider and use.provider != use.name:
        text += f" ({use.provider})"
    return text
