"""An approved document does not keep its template's sentences.

A document started from a template (`aims-lint new`) that still carries the
template's own sentences was approved without being written. The template
is the one `new` would use: the repository's `templates/TYPE.md` (or
`templates/TYPE-KIND.md` for a record kind), else the packaged one. Sentences
are compared case aside and with spaces collapsed; headings, sentences of
fewer than six words (which may rightly be the same everywhere) and template
sentences with a `{{ value }}` are left out. One finding per document, on the
line of the first unchanged sentence, says how many were left.

The body rules (AIMS1001-AIMS1005) judge approved documents of types whose
schema declares `x-aims.body`; drafts are work in progress.

Passing::

    ## Purpose
    This procedure keeps the AI risk register current for every system in scope.

Failing::

    ## Purpose
    Why the organisation needs this policy and what goes wrong without it.
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.body_templates import judged, template_key
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo

RULE = RuleInfo(
    "AIMS1004",
    "body-template-text",
    Severity.ERROR,
    "Approved documents do not keep sentences unchanged from their template.",
)


def check(ctx: Context) -> Iterator[Finding]:
    for source in ctx.corpus.sources:
        key = template_key(source) if judged(source) else None
        template = ctx.templates.get(key) if key is not None else None
        if template is None:
            continue
        left = [s for s in ctx.corpus.body(source).sentences if s.text.casefold() in template.sentences]
        if not left:
            continue
        count = len({s.text.casefold() for s in left})
        yield RULE.finding(
            source.path,
            left[0].line,
            1,
            f"{count} sentence(s) left unchanged from the template {template.origin}, "
            f"the first: '{left[0].text}'",
        )
