"""Rule documentation generated from the rules themselves (docstrings and RuleInfo)."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

from aims_lint.ai_usage.findings import is_reconcile_rule
from aims_lint.rule import Rule
from aims_lint.rules import REGISTRY

_INDENT = "    "
_WIDTH = 88


@dataclass(frozen=True)
class RuleDoc:
    code: str
    name: str
    severity: str
    summary: str
    explanation: str
    passing: str
    failing: str
    # Where the rule runs: "check", or for a discovery rule (RuleInfo.discovery) "discover", or
    # "discover --reconcile" for one that compares what was found with the register.
    runs_in: str = "check"


def describe(rule: Rule) -> RuleDoc:
    info = rule.RULE
    doc = (rule.__doc__ or "").strip()
    head, _, examples = doc.partition("\nPassing::\n")
    passing, _, failing = examples.partition("\nFailing::\n")
    explanation = head.split("\n\n", 1)[1].strip() if "\n\n" in head else ""
    return RuleDoc(
        info.code,
        info.name,
        info.severity.value,
        info.summary,
        " ".join(explanation.split()),
        _dedent(passing),
        _dedent(failing),
        _runs_in(rule),
    )


def _runs_in(rule: Rule) -> str:
    if not rule.RULE.discovery:
        return "check"
    return "discover --reconcile" if is_reconcile_rule(rule.RULE.code) else "discover"


def _marked(doc: RuleDoc) -> str:
    """The summary, marked for a rule that only `aims-lint discover` runs."""
    return doc.summary if doc.runs_in == "check" else f"[{doc.runs_in}] {doc.summary}"


def _dedent(block: str) -> str:
    lines = block.strip("\n").split("\n")
    return "\n".join(line[4:] if line.startswith("    ") else line for line in lines).strip("\n")


def render_rules(fmt: str) -> str:
    docs = [describe(r) for r in REGISTRY]
    if fmt == "json":
        return json.dumps([d.__dict__ for d in docs], indent=2) + "\n"
    if fmt == "markdown":
        return markdown(docs)
    return "\n".join(text(d) for d in docs)


def text(doc: RuleDoc) -> str:
    """One rule for the terminal: the listing line, then its explanation and examples indented."""
    lines = [f"{doc.code}  {doc.name:<28} {doc.severity:<8} {_marked(doc)}"]
    if doc.explanation:
        lines.append(textwrap.fill(doc.explanation, width=_WIDTH, initial_indent=_INDENT,
                                   subsequent_indent=_INDENT, break_on_hyphens=False))
    for label, example in (("Passing", doc.passing), ("Failing", doc.failing)):
        if example:
            lines.append(f"{_INDENT}{label}:")
            lines.extend(f"{_INDENT * 2}{line}".rstrip() for line in example.split("\n"))
    return "\n".join(lines) + "\n"


def _where(doc: RuleDoc) -> str:
    if doc.runs_in == "check":
        return ""
    return f"Runs only under `aims-lint {doc.runs_in}`, never in `check`.\n\n"


def markdown(docs: list[RuleDoc]) -> str:
    parts = [
        "# Rule reference\n",
        "Generated from the rules' own documentation by `aims-lint rules --format markdown`.\n",
    ]
    parts.append("| Code | Name | Severity | Checks |\n|---|---|---|---|")
    parts.extend(
        f"| [{d.code}](#{d.code.lower()}) | `{d.name}` | {d.severity} | {_marked(d)} |" for d in docs
    )
    for d in docs:
        parts.append(
            f"\n## {d.code}\n\n**`{d.name}`** ({d.severity}): {d.summary}\n\n{_where(d)}{d.explanation}\n"
        )
        parts.append(
            f"Passing:\n\n```yaml\n{d.passing}\n```\n\nFailing:\n\n```yaml\n{d.failing}\n```"
        )
    return "\n".join(parts) + "\n"
