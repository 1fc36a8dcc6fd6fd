"""The SoA skeleton of one certifiable framework: every control of its catalog, undecided.

`aims-lint init` writes ISO/IEC 42001's (aims_lint/data/init/policies/
statement-of-applicability.md, which a test holds equal to `skeleton("iso42001")`);
a repository that also runs ISO/IEC 27001:2022 starts its second SoA from
`skeleton("iso27001-2022")`. The text keeps init's placeholders (`{{ today }}`,
`{{ next_review }}`, `{{ organisation }}`), which init replaces when it writes the file,
at `skeleton_path(framework)`.
Controls are grouped under their top-level heading in the catalog (42001's
objectives A.2 to A.10, 27001's themes).
"""

from __future__ import annotations

from aims_lint.catalog import Catalog, Item, load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, qualified
from aims_lint.catalog.frameworks import framework as framework_row

_FIELDS = """\
# One entry per Annex A control, each exactly once. For every control:
#   applicable:     true (included) or false (excluded); null until decided
#   reasons:        one or more of risk-treatment, legal-requirement, contractual-obligation,
#                   business-need, good-practice, not-relevant, risk-accepted
#   justification:  why, in your own words (needed for exclusions too)
#   implementation: implemented, partial, planned or not-implemented (needed when applicable)
#   implemented_by: ids of the policies, procedures and records that carry the control out
"""
_SAME_AS = """\
#   same_as:        instead of implementation and implemented_by, the ISO/IEC 42001 control
#                   whose implementation this one shares (read from the 42001 SoA's entry)
"""
_BODY = """
# Statement of Applicability

This is the Statement of Applicability (SoA) of {{{{ organisation }}}}'s {system}
{system_end}. It records, for each of the {count} controls in Annex A of {name}, whether
the control applies, why, and how far it is implemented.

How to fill it in:

1. Run the {risk} first; the SoA records the controls its risk treatment
   selected, plus those required by law, contracts or business needs.
2. For each entry set `applicable`, at least one of the `reasons`, and a
   `justification`. Excluded controls need a justification too.
3. For each applicable control set `implementation` and list in `implemented_by` the
   documents that implement it. Those documents should list the control under
   `controls` as well{listed}.{shared}
4. When every control is decided, have top management approve the SoA.

`aims-lint check` reports every control still undecided; `aims-lint readiness` shows the
SoA next to the clauses and the documented information.
"""
_SHARED_STEP = """
   A control the AI management system already carries out can name its
   ISO/IEC 42001 control in `same_as` instead."""


def skeleton_path(framework: str = DEFAULT_FRAMEWORK) -> str:
    """Where init writes the framework's SoA: `policies/statement-of-applicability.md` for ISO/IEC 42001,
    else suffixed with the framework's prefix in lower case (`...-iso27001.md` for ISO/IEC 27001:2022),
    the short name people use for it, as the example repository's second SoA is named."""
    row = framework_row(framework)
    if framework == DEFAULT_FRAMEWORK or row is None:
        return "policies/statement-of-applicability.md"
    return f"policies/statement-of-applicability-{row.prefix.lower()}.md"


def skeleton(framework: str = DEFAULT_FRAMEWORK, soa_id: str | None = None) -> str:
    """The skeleton SoA of `framework` (SOA-001 for ISO/IEC 42001, SOA-002 for another by default)."""
    catalog = load_catalog(framework)
    ours = framework == DEFAULT_FRAMEWORK
    name = catalog.title.split(":")[0]  # "ISO/IEC 42001"
    lines = [
        "---",
        f"id: {soa_id or ('SOA-001' if ours else 'SOA-002')}",
        "title: Statement of Applicability" + ("" if ours else f" ({name})"),
        "type: soa",
        "status: draft",
        'version: "0.1"',
        "owner: aims-manager",
        "approver: top-management",
        "classification: internal",
        "last_reviewed: {{ today }}",
        "next_review: {{ next_review }}",
        f"summary: Which {name} Annex A controls apply, why, and how far each is implemented.",
        f'clauses: ["{qualified(framework, "6.1.3")}"]',
    ]
    if not ours:
        lines.append(f"framework: {framework}")
    text = "\n".join(lines) + "\n" + _FIELDS + ("" if ours else _SAME_AS) + "entries:\n"
    text += "".join(_entries(catalog)) + "---\n"
    return text + _BODY.format(
        system="AI management" if ours else "information security",
        system_end="system" if ours else "management system",
        count=len(catalog.controls), name=name,
        risk="AI risk assessment" if ours else "information security risk assessment",
        listed="" if ours else f", with its prefix (`{qualified(framework, catalog.controls[0].id)}`)",
        shared="" if ours else _SHARED_STEP,
    )


def _entries(catalog: Catalog) -> list[str]:
    out: list[str] = []
    heading: str | None = None
    for control in catalog.controls:
        top = _top(catalog, control)
        if top is not None and top.id != heading:
            heading = top.id
            out.append(f"  # {top.id} {top.title}\n")
        out.append(
            f"  - control: {control.id}  # {control.title}\n"
            "    applicable: null\n    reasons: []\n    justification: null\n"
        )
    return out


def _top(catalog: Catalog, item: Item) -> Item | None:
    """The control's topmost ancestor (42001's objective A.6 for A.6.2.4), None without a parent."""
    found = None
    parent = item.parent
    while parent is not None:
        found = catalog.get(parent)
        parent = found.parent if found is not None else None
    return found
