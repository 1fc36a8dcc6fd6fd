"""What an internal audit claims to have examined, and what its findings address.

One reading for the two rules that judge audits: AIMS804 (do the audits and
the programme of the cycle cover the whole system?) and AIMS850 (does each
report's findings section back the scope it claims?). Both must count a
report's scope the same way, or a report could satisfy one rule with what
the other ignores.

The claimed scope is `scope_clauses` and `scope_controls`; a report written
before those fields existed lists what it audited in `clauses` and
`controls`, which are read instead when the scope field is absent. Ids in
`deferred` were put off to a later audit and never count as covered.

Coverage is counted in *units*: each second-level clause of the catalog
(4.1 ... 10.2; a top clause without sub-clauses is its own unit) and each
Annex A control. A sub-clause counts for the unit it lies in (9.2.2 covers
9.2), so "8.1" covers 8.1 only, never all of clause 8. A whole clause ("8")
claims every unit under it: it counts for 8.1 to 8.4, and AIMS850 in turn
asks the report's findings to address each of them.

Several frameworks: with ISO/IEC 27001:2022 configured, audits must cover
its clauses and controls too, cited as `ISO27001:9.2` and `ISO27001:A.5.1`
in the same fields. `Scope.of(framework)` is a scope's ids of one framework
without their prefix (bare ids, and `ISO42001:` ones, are ISO/IEC 42001's);
the findings section's ids are read with their prefix, so "ISO27001:A.5.1
conforms" is a statement about 27001's A.5.1, not about a 42001 id.

Everything is read from the raw front matter, defensively: a malformed value
is the schema's finding, never a crash here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from aims_lint.catalog import Catalog, available, covers
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, PREFIX_PATTERN, framework, local_ids, parse
from aims_lint.catalog.references import string_items
from aims_lint.config import Settings
from aims_lint.document import SourceFile
from aims_lint.markdown_blocks import sections

# A heading whose text holds one of these words opens the findings section.
FINDINGS_HEADINGS = ("finding", "result")
# Words that put a statement off instead of making it: a statement using them about an id
# does not address that id (the "9.3 is deferred to next year's audit" case).
_DEFERRAL = re.compile(
    r"\b(?:defer\w*|postpon\w*|not\s+(?:yet\s+)?audited|to\s+be\s+audited|will\s+be\s+audited"
    r"|out\s+of\s+(?:the\s+)?scope|not\s+in\s+(?:the\s+)?scope)\b",
    re.IGNORECASE,
)
# A clause (8.1) or control (A.6.2.4) id standing on its own, with its framework's prefix if any
# (ISO27001:A.5.1): not part of a longer number, a version (v1.2, 3.1.0) or a word.
_ID = re.compile(rf"(?<![\w.])((?:{PREFIX_PATTERN}:)?(?:A\.)?\d+(?:\.\d+)*)(?![\w]|\.\d)")
# Where one statement ends: a sentence's full stop, a semicolon, a table cell's bar.
_STATEMENT_END = re.compile(r"(?<=[.!?;])\s+|\s*\|\s*")


def audited_frameworks(settings: Settings) -> list[str]:
    """The configured certifiable frameworks with a catalog, ISO/IEC 42001 first: what audits cover."""
    found = [DEFAULT_FRAMEWORK]
    for fw in settings.frameworks:
        row = framework(fw)
        if fw not in found and row is not None and row.certifiable and fw in available():
            found.append(fw)
    return found


@dataclass(frozen=True)
class Scope:
    """The clauses and controls a record claims, with the field each list came from."""

    clauses: tuple[str, ...]
    controls: tuple[str, ...]
    clause_field: str  # "scope_clauses", or "clauses" for a record written before it
    control_field: str  # "scope_controls", or "controls"
    deferred: tuple[str, ...]

    def of(self, framework: str = DEFAULT_FRAMEWORK) -> Scope:
        """The ids of one framework, without prefix; the field names stay."""
        return replace(
            self,
            clauses=local_ids(self.clauses, framework),
            controls=local_ids(self.controls, framework),
            deferred=local_ids(self.deferred, framework),
        )


def claimed(source: SourceFile, *, fallback: bool = True) -> Scope:
    """The scope a record claims; `fallback` reads `clauses` / `controls` when the scope fields are absent."""
    data = source.data
    clause_field = "scope_clauses" if "scope_clauses" in data or not fallback else "clauses"
    control_field = "scope_controls" if "scope_controls" in data or not fallback else "controls"
    return Scope(
        tuple(v for _, v in string_items(data, clause_field)),
        tuple(v for _, v in string_items(data, control_field)),
        clause_field,
        control_field,
        tuple(v for _, v in string_items(data, "deferred")),
    )


def clause_units(catalog: Catalog) -> tuple[str, ...]:
    """The units of clause coverage, in catalog order: each top clause's sub-clauses (or itself)."""
    units: list[str] = []
    for top in catalog.top_clauses:
        children = [c.id for c in catalog.children(top.id, "clause")]
        units += children or [top.id]
    return tuple(units)


def units_of(catalog: Catalog, clause_id: str) -> tuple[str, ...]:
    """The units a listed clause id counts for; an id the catalog does not know counts for none."""
    item = catalog.clause(clause_id)
    if item is None:
        return ()
    if item.parent is None:
        children = tuple(c.id for c in catalog.children(item.id, "clause"))
        return children or (item.id,)
    while item.parent is not None:
        parent = catalog.clause(item.parent)
        if parent is None or parent.parent is None:
            return (item.id,)
        item = parent
    return (item.id,)


def covered(catalog: Catalog, scope: Scope) -> tuple[set[str], set[str]]:
    """The clause units and the controls a scope covers, less what it deferred."""
    deferred_units = {u for d in scope.deferred for u in units_of(catalog, d)}
    clauses = {u for c in scope.clauses for u in units_of(catalog, c)} - deferred_units
    controls = {c for c in scope.controls if catalog.control(c) is not None} - set(scope.deferred)
    return clauses, controls


def compress(catalog: Catalog, missing: Iterable[str]) -> list[str]:
    """Missing clause units as a reader wants them: a whole top clause by its number, else each unit."""
    gone = set(missing)
    named: list[str] = []
    for top in catalog.top_clauses:
        units = units_of(catalog, top.id)
        if all(u in gone for u in units):
            named.append(top.id)
        else:
            named += [u for u in units if u in gone]
    return named


@dataclass(frozen=True)
class FindingsText:
    """What the findings section of a body says, as ids."""

    present: bool  # the body has a findings section at all
    line: int  # 1-based file line of its first heading (0 when absent)
    mentioned: frozenset[str]  # ids the section states something about, canonically qualified
    put_off: frozenset[str]  # ids it says were deferred or not audited, canonically qualified

    def of(self, framework: str = DEFAULT_FRAMEWORK) -> tuple[frozenset[str], frozenset[str]]:
        """The mentioned and put-off ids of one framework, without prefix."""
        return (frozenset(local_ids(tuple(self.mentioned), framework)),
                frozenset(local_ids(tuple(self.put_off), framework)))


def findings_text(source: SourceFile) -> FindingsText:
    """The ids the body's findings sections mention, each section read with markdown_blocks.

    A findings section is a heading whose text contains "finding" or "result"
    (any level, any case: "Findings", "Audit results", "Results by
    requirement") with everything under it down to the next heading of the
    same or a higher level. An id is mentioned when it stands on its own in a
    statement (a sentence, or a table cell) there; a range such as 8.1-8.4
    mentions its two ends only. A statement that says the id was deferred,
    postponed, not audited or out of scope puts it off, and an id put off
    anywhere in the section is not mentioned, whatever else the section says.
    """
    body = source.parsed.body
    found = [s for s in sections(body) if any(word in s.heading.lower() for word in FINDINGS_HEADINGS)]
    mentioned: set[str] = set()
    put_off: set[str] = set()
    for section in found:
        for block in section.blocks:
            for statement in _STATEMENT_END.split(block):
                ids = {canonical(found) for found in _ID.findall(statement)}
                (put_off if _DEFERRAL.search(statement) else mentioned).update(ids)
    line = source.parsed.body_line + found[0].line if found else 0
    # Saying once that an id was put off outweighs any other mention of it: "9.3: pack seen.
    # Verification of 9.3 deferred" did not audit 9.3.
    return FindingsText(bool(found), line, frozenset(mentioned - put_off), frozenset(put_off))


def canonical(identifier: str) -> str:
    """An id as `qualified` spells it (`ISO42001:8.1` is `8.1`); an unknown prefix's as written."""
    return parse(identifier).qualified


def finding_targets(source: SourceFile) -> list[tuple[int, str]]:
    """(index, clause_or_control) of every well-formed entry of `findings`."""
    entries = source.data.get("findings")
    if not isinstance(entries, list):
        return []
    return [
        (index, entry["clause_or_control"])
        for index, entry in enumerate(entries)
        if isinstance(entry, dict) and isinstance(entry.get("clause_or_control"), str)
    ]


def addressed(claimed_id: str, by: Iterable[str]) -> bool:
    """A claimed id is addressed by a statement about it or about anything within it."""
    return any(covers(item, claimed_id) for item in by)

