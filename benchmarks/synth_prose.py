"""Words for the synthetic documents: the roles registry, titles and body paragraphs.

The text is invented for the benchmark (a fictional company, Fennwick Labs) and
only needs to look like a real management system to the parser: headings,
paragraphs, a list and a table, about two kilobytes per document.
"""

from __future__ import annotations

import random

# Role ids documents may name as owner or approver; the first two approve most documents.
ROLES: tuple[str, ...] = (
    "top-management", "aims-manager", "ciso", "dpo", "ml-lead", "product-owner",
    "procurement-lead", "people-lead", "internal-auditor",
)
_HOLDERS = (
    ("Chief Executive Officer", "Ines Moreau", "imoreau"),
    ("AI Management System Manager", "Karl Brandt", "kbrandt"),
    ("Chief Information Security Officer", "Lena Novak", "lnovak"),
    ("Data Protection Officer", "Omar Haddad", "ohaddad"),
    ("Head of Machine Learning Engineering", "Yuki Sato", "ysato"),
    ("AI Product Owner", "Ruth Adeyemi", "radeyemi"),
    ("Procurement and Supplier Manager", "Pavel Kral", "pkral"),
    ("Head of People", "Nora Lind", "nlind"),
    ("Internal Auditor", "Felix Amato", "famato"),
)
_SUBJECTS = (
    "model release", "training data", "supplier AI services", "human oversight", "incident handling",
    "impact assessment", "data quality", "model monitoring", "acceptable use", "AI system inventory",
    "documentation of AI systems", "responsible disclosure", "logging of AI decisions",
    "third-party models", "customer communication", "retraining", "evaluation datasets",
)
_KIND_TITLES = {
    "policy": "{s} policy", "procedure": "{s} procedure", "training": "Training on {s}",
    "risk-assessment": "Risk assessment: {s}", "impact-assessment": "Impact assessment: {s}",
    "internal-audit": "Internal audit of {s}", "incident": "Incident report: {s}",
    "supplier-assessment": "Supplier assessment for {s}", "monitoring": "Monitoring report on {s}",
    "management-review": "Management review covering {s}",
    "nonconformity": "Nonconformity in {s}", "ai-system": "AI system: {s}",
}
_SENTENCES = (
    "The owner keeps this document current and raises changes through a pull request.",
    "Each AI system in scope is assessed before release and after every material change.",
    "Results are recorded in the repository so that an auditor can trace every decision.",
    "Where personal data is involved, the data protection officer is consulted first.",
    "Suppliers of models and data are held to the same requirements as our own teams.",
    "Deviations are logged as nonconformities and corrected within the agreed period.",
    "The review checks whether the controls still address the risks identified last year.",
    "Staff can raise a concern about an AI system at any time without fear of retaliation.",
    "Evidence is kept for the retention period stated in the front matter of each record.",
    "Metrics are reported to top management at least once a quarter.",
    "The procedure applies to models built in house and to services bought from suppliers.",
    "Changes to intended use are approved before they reach a customer.",
)


def registry() -> str:
    """The roles registry (ROL-001) every generated document resolves its owners against."""
    lines = [
        "---", "id: ROL-001", "title: AIMS roles, responsibilities and authorities", "type: roles",
        "status: approved", 'version: "1.0"', "owner: aims-manager", "approver: top-management",
        "approved_on: 2026-09-14", "effective_on: 2026-09-15", "last_reviewed: 2026-09-14",
        "review_cycle_months: 12", "next_review: 2027-09-14", "classification: internal",
        "summary: Who holds each role of the AI management system.", 'clauses: ["5.3"]', "roles:",
    ]
    for role, (title, name, handle) in zip(ROLES, _HOLDERS, strict=True):
        email = name.lower().replace(" ", ".") + "@fennwick.example"
        lines += [f"  - id: {role}", f"    title: {title}",
                  f"    responsibilities: Accountable for the {title.lower()} duties in the AIMS.",
                  f"    holder: {{name: {name}, email: {email}, github: {handle}}}"]
    return "\n".join([*lines, "---", "", "# AIMS roles", "", _SENTENCES[0], ""])


def title_for(rng: random.Random, kind: str, subject: str = "") -> str:
    text = _KIND_TITLES.get(kind, "{s}").format(s=subject or rng.choice(_SUBJECTS))
    return text[0].upper() + text[1:]


def soa(controls: list[str], implementers: dict[str, str]) -> str:
    """The Statement of Applicability (SOA-001): every control decided, most of them included."""
    lines = [
        "---", "id: SOA-001", "title: Statement of Applicability", "type: soa", "status: approved",
        'version: "1.0"', "owner: aims-manager", "approver: top-management", "approved_on: 2026-09-14",
        "last_reviewed: 2026-09-14", "review_cycle_months: 12", "next_review: 2027-09-14",
        "classification: internal", 'clauses: ["6.1.3"]', "entries:",
    ]
    for index, control in enumerate(controls):
        lines.append(f"  - control: {control}")
        if index % 5 == 4:  # the controls generate.py leaves out of every document
            lines += ["    applicable: false", "    reasons: [not-relevant]",
                      "    justification: We neither build nor sell what this control governs."]
            continue
        lines += ["    applicable: true", "    reasons: [risk-treatment, business-need]",
                  "    justification: Needed to treat the risks found in our AI risk assessments."]
        implementer = implementers.get(control)
        lines += (["    implementation: implemented", f"    implemented_by: [{implementer}]"]
                  if implementer else ["    implementation: planned"])
    return "\n".join([*lines, "---", "", "# Statement of Applicability", "", _SENTENCES[6], ""])


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.sample(_SENTENCES, rng.randint(3, 5)))


def body(rng: random.Random, title: str) -> str:
    """A heading, three to five paragraphs, a short list and a small table."""
    parts = [f"# {title}", _paragraph(rng), "## Scope", _paragraph(rng), "## Steps"]
    parts.append("\n".join(f"{n}. {s}" for n, s in enumerate(rng.sample(_SENTENCES, 4), start=1)))
    parts += ["## Records", "| Item | Detail |\n|---|---|\n| Owner | see front matter |\n"
              f"| Evidence | {rng.randint(2, 40)} items |"]
    parts += [_paragraph(rng) for _ in range(rng.randint(1, 3))]
    return "\n\n".join(parts) + "\n"
