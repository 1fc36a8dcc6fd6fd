"""What the citation rules (AIMS601, AIMS602, AIMS610-AIMS613) say about a cited id.

The rules only walk the citations and yield findings; the words live here so
that an id is always named as the document wrote it (`ISO42001:A.6.1.1`, not
the local `A.6.1.1` a reader would not find in the file), a suggestion is
spelt the way the document spells that framework, and the "which field takes
this kind" sentence is one sentence for every catalog.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from aims_lint.catalog import available, load_catalog
from aims_lint.catalog.frameworks import (
    DEFAULT_FRAMEWORK,
    FRAMEWORKS,
    SEPARATOR,
    Cited,
    by_prefix,
    framework,
    parse,
    qualified,
)
from aims_lint.catalog.model import Catalog
from aims_lint.catalog.references import Citation


def respelt(cited: Cited, local: str) -> str:
    """`local` written the way `cited` was: with its prefix when it had one (`ISO42001:` too), bare
    when it had none (a 42001 id, or an entry of another framework's SoA, which its `framework` names)."""
    return f"{cited.prefix}{SEPARATOR}{local}" if cited.prefix is not None else local


def nearest_prefix(prefix: str) -> str | None:
    """The table's prefix a mistyped one most likely meant (`ISO2700`: `ISO27001`; `NIST`: `NIST-AI-RMF`)."""
    prefixes = [f.prefix for f in FRAMEWORKS]
    written = prefix.upper()
    close = difflib.get_close_matches(written, prefixes, n=1, cutoff=0.6)
    if close:
        return close[0]
    # A shortened prefix is too short for a similarity ratio to find ("NIST" against "NIST-AI-RMF").
    started = [p for p in prefixes if p.startswith(written) or written.startswith(p)]
    return started[0] if len(started) == 1 else None


def capitalised(cited: Cited) -> str | None:
    """`iso27001:A.5.1` with its prefix in capitals, when that is a known prefix: a prefix not in
    capitals is no prefix (frameworks.py), so the id read as a 42001 id that does not exist."""
    head, colon, rest = cited.text.partition(SEPARATOR)
    if cited.prefix is not None or not colon or by_prefix(head.upper()) is None:
        return None
    return f"{head.upper()}{SEPARATOR}{rest}"


def unknown_prefix(cited: Cited) -> str:
    """AIMS610's message: the prefix is in no row of the table."""
    prefix = cited.prefix or ""
    known = ", ".join(f"{f.prefix}{SEPARATOR}" for f in FRAMEWORKS)
    message = f"'{cited.text}' names no known framework: '{prefix}{SEPARATOR}' is not a prefix"
    close = nearest_prefix(prefix)
    if close is not None:
        message += f"; did you mean '{close}{SEPARATOR}{cited.local}'?"
    return f"{message} (the prefixes are {known}; an id without one is ISO/IEC 42001's)"


def other_framework_misses(cited_ids: Iterable[Citation], field_name: str) -> Iterator[tuple[str, str]]:
    """(pointer, message) of each id of a framework other than 42001 that its catalog does not hold
    as a kind `field_name` cites (AIMS612 for clauses, AIMS613 for controls).

    Whether the framework is configured does not matter (AIMS611 says that): a wrong id is wrong
    either way. A framework in the table without a packaged catalog cannot be checked, so it is skipped.
    """
    for citation in cited_ids:
        cited = citation.cited
        if citation.field != field_name or cited.framework in (None, DEFAULT_FRAMEWORK):
            continue
        if cited.framework not in available():
            continue
        catalog = load_catalog(cited.framework)
        if catalog.cited(cited.local, field_name) is None:
            yield citation.pointer, unknown_item(catalog, cited, field_name)


def elsewhere(local: str, field_name: str) -> tuple[str, ...]:
    """The same id in the other packaged frameworks that cite it in `field_name`, qualified:
    `A.8.34` is no ISO/IEC 42001 control but is ISO/IEC 27001:2022's (`ISO27001:A.8.34`)."""
    found = []
    for fw in available():
        if fw != DEFAULT_FRAMEWORK and load_catalog(fw).cited(local, field_name) is not None:
            found.append(qualified(fw, local))
    return tuple(found)


def under_other_heading(local: str) -> bool:
    """The id's parent is a heading of another packaged framework (27001's theme `A.5` for `A.5.38`),
    so its number more likely follows that framework than ISO/IEC 42001's."""
    parent = local.rpartition(".")[0]
    for fw in available():
        catalog = load_catalog(fw)
        heading = catalog.get(parent) if fw != DEFAULT_FRAMEWORK and parent else None
        if heading is not None and not any(k.id == heading.kind and k.cited_in for k in catalog.kinds):
            return True
    return False


def unknown_annex_a(catalog: Catalog, cited: Cited, in_soa: bool) -> str:
    """AIMS602's message for an ISO/IEC 42001 control id that does not exist.

    Outside an SoA (whose entries must be its own framework's), an id that another framework has
    gets that framework's qualified id as a suggestion too; an id under another framework's heading
    that neither framework has (`A.5.38`) gets no 42001 guess, which would only mislead.
    """
    why = catalog.explain(cited.local)
    close = catalog.suggest(cited.local)
    others = () if in_soa or cited.prefix is not None else elsewhere(cited.local, "controls")
    if not why and not others and not in_soa and cited.prefix is None and under_other_heading(cited.local):
        close = None
    message = f"control '{cited.text}' is not an Annex A control"
    message += f" ({why})" if why else ""
    fixed = capitalised(cited)
    if fixed is not None:
        return f"{message}; did you mean '{fixed}'? (a framework prefix is written in capitals)"
    options = [f"'{respelt(cited, close)}'"] if close else []
    options += [f"'{other}' ({_title_of(other)})" for other in others]
    message += f"; did you mean {' or '.join(options)}?" if options else ""
    return message


def _title_of(qualified_id: str) -> str:
    row = framework(parse(qualified_id).framework or DEFAULT_FRAMEWORK)
    return row.title if row is not None else qualified_id


def kinds_named(catalog: Catalog, field_name: str) -> str:
    """The kinds a field cites, as a message names them: "subcategory or category"."""
    labels = [catalog.label(k) for k in catalog.kinds_cited_in(field_name)]
    return " or ".join(labels) if labels else "item"


def unknown_item(catalog: Catalog, cited: Cited, field_name: str) -> str:
    """AIMS612/AIMS613's message: the id is no item of its framework of a kind `field_name` cites."""
    found = catalog.get(cited.local)
    kind = next((k for k in catalog.kinds if found is not None and k.id == found.kind), None)
    if found is not None and kind is not None and kind.cited_in is not None:
        # A real item that the other field cites: an AI Act article under `clauses`.
        return (f"'{cited.text}' is {_article(kind.label)} {kind.label} of {catalog.title}; "
                f"list it under `{kind.cited_in}`, not `{field_name}`")
    why = catalog.explain(cited.local)
    close = catalog.suggest(cited.local)
    if not catalog.kinds_cited_in(field_name):
        # The framework has nothing this field cites (the AI Act has no clauses): say where its ids go.
        fields = sorted({k.cited_in for k in catalog.kinds if k.cited_in is not None})
        where = " or ".join(f"`{f}`" for f in fields)
        message = f"'{cited.text}' cannot be cited in `{field_name}`: "
        message += f"{catalog.title} has no items cited there"
        message += f"; its ids go under {where}" if where else ""
        return message + (f" ({why})" if why and found is None else "")
    if found is not None and kind is not None:
        # A real item documents do not cite (a NIST function, an AI Act chapter): say what it is,
        # unless the catalog's own words do, and offer the first citable item below it.
        why = why or f"{cited.local} is {_article(kind.label)} {kind.label}"
        below = [i.id for i in catalog.descendants(found.id) if i.kind in catalog.kinds_cited_in(field_name)]
        close = close or (below[0] if below else None)
    message = f"'{cited.text}' is not {_kinds_with_article(catalog, field_name)} of {catalog.title}"
    message += f" ({why})" if why else ""
    message += f"; did you mean '{respelt(cited, close)}'?" if close else ""
    return message


def _kinds_with_article(catalog: Catalog, field_name: str) -> str:
    named = kinds_named(catalog, field_name)
    return f"{_article(named)} {named}"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
