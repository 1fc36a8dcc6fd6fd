"""The frameworks a management system can cite, and how a cited id names its framework.

One table, `FRAMEWORKS`, maps each framework's catalog id (the name of its
data file, the value of the `frameworks` setting, `readiness --framework`,
`crosswalk FROM TO`) to the prefix documents write before its ids. Every
place that reads or writes a qualified id goes through `parse` and
`qualified`, so the spellings cannot drift apart.

A document cites `ISO27001:A.5.1`, `NIST-AI-RMF:GOVERN-1.1` or
`EU-AI-ACT:Art-27`. An id without a prefix, or with `ISO42001:`, is
ISO/IEC 42001's, so every repository written before other frameworks
existed reads as it did. Inside an SoA of another framework, an entry's
unqualified `control` is that framework's (`parse(..., default=...)`).

The table is Python, not data, because it is read before any catalog is
parsed (a rule meeting `ISO27001:A.5.1` must know which catalog to load),
and parsing every catalog to learn its prefix would cost every run; a test
holds the table and the packaged catalog files to each other.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

DEFAULT_FRAMEWORK = "iso42001"
SEPARATOR = ":"


@dataclass(frozen=True)
class Framework:
    id: str  # the catalog's id and data file stem: "iso27001-2022"
    prefix: str  # written before its ids, without the separator: "ISO27001"
    title: str  # as reports name it
    # A certification body can certify against it: it has a Statement of Applicability (one SoA
    # document per configured certifiable framework) and readiness means Stage 1 readiness. For the
    # others readiness means coverage: every item addressed by an approved document without errors.
    certifiable: bool


FRAMEWORKS: tuple[Framework, ...] = (
    Framework("iso42001", "ISO42001", "ISO/IEC 42001:2023", True),
    Framework("iso27001-2022", "ISO27001", "ISO/IEC 27001:2022", True),
    Framework("nist-ai-rmf-1.0", "NIST-AI-RMF", "NIST AI RMF 1.0", False),
    Framework("eu-ai-act", "EU-AI-ACT", "EU AI Act (Regulation (EU) 2024/1689)", False),
)
_BY_ID = {f.id: f for f in FRAMEWORKS}
_BY_PREFIX = {f.prefix: f for f in FRAMEWORKS}
# What counts as a prefix: capitals, digits and hyphens before the first ":". Ids of every catalog
# are free of ":", so an id with one is always qualified (and an unknown prefix is AIMS610's).
# The one copy of the pattern: the schemas' id patterns (schema_upgrade.py) and the audit
# statements' id search (audit_scope.py) are built from it.
PREFIX_PATTERN = "[A-Z][A-Z0-9-]*"
_QUALIFIED = re.compile(f"({PREFIX_PATTERN}){SEPARATOR}(.*)", re.DOTALL)


@dataclass(frozen=True)
class Cited:
    """One id as a document wrote it, read against the table."""

    text: str  # as written: "ISO27001:A.5.1", "A.6.2.4"
    framework: str | None  # the framework's id; None when the prefix is in no row of the table
    prefix: str | None  # the prefix as written, None when the id had none
    local: str  # the id inside its framework's catalog: "A.5.1"

    @property
    def known(self) -> bool:
        return self.framework is not None

    @property
    def qualified(self) -> str:
        """The canonical spelling (`qualified()`), or the text as written for an unknown prefix."""
        return qualified(self.framework, self.local) if self.framework is not None else self.text


def framework(framework_id: str) -> Framework | None:
    return _BY_ID.get(framework_id)


def by_prefix(prefix: str) -> Framework | None:
    return _BY_PREFIX.get(prefix)


def ids() -> tuple[str, ...]:
    return tuple(f.id for f in FRAMEWORKS)


def nearest_id(name: str) -> str | None:
    """The framework id a mistyped one meant, for every command and setting that takes one: by its
    prefix (`iso27001`, `ISO27001`), by its start (`nist`), else by similarity (which alone would
    answer iso42001 for iso27001)."""
    row = by_prefix(name.upper())
    if row is not None:
        return row.id
    started = [i for i in ids() if i.startswith(name.lower())]
    if len(started) == 1:
        return started[0]
    close = difflib.get_close_matches(name.lower(), ids(), n=1)
    return close[0] if close else None


def unknown_id(name: str) -> str:
    """How every command and setting says `name` is no framework id: the likely one, then them all."""
    close = nearest_id(name)
    hint = f"did you mean '{close}'? " if close else ""
    return f"unknown framework '{name}'; {hint}known: {', '.join(ids())}"


def parse(text: str, default: str = DEFAULT_FRAMEWORK) -> Cited:
    """Read a cited id: its framework (by prefix, else `default`) and its id inside that framework."""
    match = _QUALIFIED.fullmatch(text)
    if match is None:
        return Cited(text, default, None, text)
    prefix, local = match.groups()
    found = _BY_PREFIX.get(prefix)
    return Cited(text, found.id if found else None, prefix, local)


def cites_field(local: str) -> str:
    """Which kind of place an id of either kind belongs in, for the fields that hold both (an audit's
    `deferred`, `findings[].clause_or_control`): "clauses" when it starts with a digit (8.1, 6.1.3),
    else "controls" (A.6.2.4, GOVERN-1.1, Art-27). `local` is the id without its prefix."""
    return "clauses" if local.lstrip()[:1].isdigit() else "controls"  # " 8.1" is still a clause


def qualified(framework_id: str, local: str) -> str:
    """How an id of `framework_id` is written in a document: ISO/IEC 42001's bare, the others prefixed."""
    if framework_id == DEFAULT_FRAMEWORK:
        return local
    return f"{_BY_ID[framework_id].prefix}{SEPARATOR}{local}"


def local_ids(values: list[str] | tuple[str, ...], framework_id: str = DEFAULT_FRAMEWORK,
              default: str = DEFAULT_FRAMEWORK) -> tuple[str, ...]:
    """The ids of one framework among cited ids, without their prefix, in the order written, once each."""
    found = (parse(v, default) for v in values if isinstance(v, str))
    return tuple(dict.fromkeys(c.local for c in found if c.framework == framework_id))
