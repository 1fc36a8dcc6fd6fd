"""An excluded control's justification must say why, not just that it does not apply.

AIMS703 catches an exclusion with no justification at all; this rule catches
one that only looks justified. ISO/IEC 42001 6.1.3 asks why each excluded
control is left out, and an auditor reads "n/a" as no decision: it names no
fact about the organisation that makes the control irrelevant. The rule
reports, on the justification's line:

- a stock phrase: "n/a", "not applicable", "none", "-", "not relevant",
  "tbd", "out of scope" and the like, compared without regard to case,
  punctuation or spacing;
- a justification shorter than 8 words (`MIN_WORDS`): too short to name the
  fact behind the decision and where it is recorded. Eight words is about the
  shortest sentence that does ("We sell no AI products or services to
  customers." has nine).

Included controls are not checked: their justification is backed by the
implementation and its documents, which AIMS705 and AIMS871 check. Every SoA
is checked, whatever its framework.

Passing::

    - control: A.10.4
      applicable: false
      reasons: [not-relevant]
      justification: We sell no AI products or services and have no customers using our AI.

Failing::

    - control: A.10.4
      applicable: false
      reasons: [not-relevant]
      justification: N/A
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.prose import EMPTY_PHRASES, thin
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import control_name, statements

RULE = RuleInfo(
    "AIMS870", "soa-exclusion-unjustified", Severity.ERROR,
    "An excluded control's justification must be specific, not a stock phrase.",
)
MIN_WORDS = 8
# Compared after lower-casing and dropping everything but letters, digits and single spaces
# (aims_lint/prose.py), so "N/A", "n.a." and "Not applicable!" all match.
STOCK_PHRASES = EMPTY_PHRASES | {
    "not applicable", "non applicable", "inapplicable", "does not apply", "not relevant",
    "irrelevant", "not needed", "not required", "not used", "not in scope", "out of scope",
    "excluded", "see policy",
}


def check(ctx: Context) -> Iterator[Finding]:
    for soa in statements(ctx.corpus, None):
        for entry in soa.entries:
            text = entry.justification
            if entry.applicable is not False or not text:
                continue  # undecided entries are AIMS704's, missing justifications AIMS703's
            name = control_name(soa.framework, entry.control or f"entry {entry.index + 1}")
            problem = thin(text, STOCK_PHRASES, MIN_WORDS)
            if problem is None:
                continue
            yield RULE.at(
                soa.source, entry.pointer("justification"),
                f"the justification of excluded {name} {problem}; say what about the organisation "
                "makes the control irrelevant and where that is recorded",
            )
