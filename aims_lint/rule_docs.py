"""Rule documentation generated from the rules themselves (docstrings and RuleInfo)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from aims_lint.rule import Rule
from aims_lint.rules import REGISTRY


@dataclass(frozen=True)
class RuleDoc:
    code: str
    name: str
    severity: str
    summary: str
    explanation: str
    passing: str
    failing: str


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
    )


def _dedent(block: str) -> str:
    lines = block.strip("\n").split("\n")
    return "\n".join(line[4:] if line.startswith("    ") else line for line in lines).strip("\n")


def render_rules(fmt: str) -> str:
    docs = [describe(r) for r in REGISTRY]
    if fmt == "json":
        return json.dumps([d.__dict__ for d in docs], indent=2) + "\n"
    if fmt == "markdown":
        return markdown(docs)
    return "".join(f"{d.code}  {d.name:<28} {d.severity:<8} {d.summary}\n" for d in docs)


def markdown(docs: list[RuleDoc]) -> str:
    parts = [
        "# Rule reference\n",
        "Generated from the rules' own documentation by `aims-lint rules --format markdown`.\n",
    ]
    parts.append("| Code | Name | Severity | Checks |\n|---|---|---|---|")
    parts.extend(
        f"| [{d.code}](#{d.code.lower()}) | `{d.name}` | {d.severity} | {d.summary} |" for d in docs
    )
    for d in docs:
        parts.append(
            f"\n## {d.code}\n\n**`{d.name}`** ({d.severity}): {d.summary}\n\n{d.explanation}\n"
        )
        parts.append(
            f"Passing:\n\n```yaml\n{d.passing}\n```\n\nFailing:\n\n```yaml\n{d.failing}\n```"
        )
    return "\n".join(parts) + "\n"
