"""What SBOM readers share: a package URL or a bare name to a signature, and a component's
place in the SBOM's text (the libraries keep no line numbers)."""

from __future__ import annotations

import json
import re

from aims_lint.ai_usage.evidence import Confidence
from aims_lint.ai_usage.signatures import PackageSignature, Signatures

# purl type -> the ecosystem names signatures use.
PURL_ECOSYSTEMS = {"pypi": "pypi", "npm": "npm", "golang": "go", "gem": "rubygems", "maven": "maven"}
_ORDER = (Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)


def by_purl(signatures: Signatures, purl: str) -> PackageSignature | None:
    """The signature of the package a package URL names, or None (also for a bad purl)."""
    from packageurl import PackageURL  # cyclonedx-python-lib's own dependency

    try:
        parsed = PackageURL.from_string(purl)
    except ValueError:
        return None
    ecosystem = PURL_ECOSYSTEMS.get(parsed.type)
    if ecosystem is None:
        return None
    name = parsed.name
    if parsed.namespace:
        name = f"{parsed.namespace}:{name}" if ecosystem == "maven" else f"{parsed.namespace}/{name}"
    return signatures.package(ecosystem, name)


def by_name(signatures: Signatures, name: str) -> tuple[PackageSignature, Confidence] | None:
    """A component named like a signed package, with no purl to say which ecosystem: the first
    ecosystem (in name order) whose table has it, at most medium confidence."""
    for ecosystem in sorted({e for e, _ in signatures.packages}):
        found = signatures.package(ecosystem, name)
        if found is not None:
            return found, at_most(found.confidence, Confidence.MEDIUM)
    return None


def at_most(confidence: Confidence, cap: Confidence) -> Confidence:
    return min(confidence, cap, key=_ORDER.index)


def position(text: str, keys: tuple[str, ...], value: str) -> tuple[int, int] | None:
    """The 1-based line and column of the first `"key": "value"` (JSON) or `key: value`
    (tag-value) in `text`, for the first of `keys` that has one."""
    quoted = {json.dumps(value), json.dumps(value, ensure_ascii=False)}
    for key in keys:
        for literal in sorted(quoted):
            pattern = rf'"{re.escape(key)}"\s*:\s*{re.escape(literal)}'
            found = re.search(pattern, text)
            if found is None and not key.startswith("@"):
                found = re.search(rf"^{re.escape(key)}:[ \t]*{re.escape(value)}[ \t]*$", text, re.MULTILINE)
            if found is not None:
                start = found.start()
                line_start = text.rfind("\n", 0, start) + 1
                return text.count("\n", 0, start) + 1, start - line_start + 1
    return None
