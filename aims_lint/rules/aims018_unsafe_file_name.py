"""Document file names must not hold backslashes, control or bidi control characters.

Windows and many unzip tools read a backslash as a folder separator, so a
file committed as `policies/..\\..\\evil.md` would land outside the folder an
evidence bundle is unpacked into. Control characters (a newline, an escape)
break reports and terminals, and bidi control characters make a name show
as another. The document is still read and checked, but it is left out of
evidence bundles until it is renamed.

Passing::

    (policies/ai-policy.md)

Failing::

    (policies/..\\..\\evil.md)
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.problem import RuleKey
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, StageRuleInfo

RULE = StageRuleInfo(
    "AIMS018",
    "unsafe-file-name",
    Severity.ERROR,
    "Document file names must not hold backslashes, control or bidi control characters.",
    key=RuleKey.UNSAFE_FILE_NAME,
)


def check(ctx: Context) -> Iterator[Finding]:
    return RULE.recorded(ctx)
