"""Front matter must not hold bidi control characters.

Bidi controls (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F and
U+061C) are invisible and reorder the text around them, so a title, an
owner or a comment can show one thing in an editor, a pull request or the
published site while saying another to the tools ("Trojan Source"). Each
one is reported where it stands, written out or as an escape like
`"\\u202e"`.

Passing::

    ---
    summary: "سياسة الذكاء الاصطناعي (right-to-left text is fine)"
    ---

Failing::

    ---
    title: "AI policy \\u202eyciloP"
    ---
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS019",
    "bidi-control",
    Severity.ERROR,
    "Front matter must not hold bidi control characters.",
    key=RuleKey.BIDI_CONTROL,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)
