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
from aims_lint.catalog.spelling import MAX_SHOWN, canonical, oddities, shown


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


def spelling_message(cited: Cited, field_name: str, regular: str, in_soa: bool = False) -> str | None:
    """`regular` (the rule's own message) with what is wrong with how the id is written, and the
    id it most likely meant (spelling.py): stray or look-alike characters, a prefix not in capitals,
    other separators (`Art 27`, `govern-1.1`). None when the spelling is not the problem.

    Bare and `ISO42001:` ids go through the same steps, so both get the same answer."""
    odd = oddities(cited.text)
    default = cited.framework if cited.prefix is None and cited.framework else DEFAULT_FRAMEWORK
    fixed = canonical(cited.text, field_name, default, others=not in_soa and default == DEFAULT_FRAMEWORK)
    if fixed is not None:
        return f"{regular}; did you mean '{fixed}'? ({f'the id {odd}' if odd else _why(cited.text)})"
    return f"{regular}; note that the id {odd}" if odd else None


def too_long(cited: Cited) -> str:
    """Why an id is no typo of any real one, when it is longer than any message quotes: its length.
    (Numbering explanations would repeat it whole, and no catalog id is near that long.)"""
    return f"an id of {len(cited.text)} characters" if len(cited.text) > MAX_SHOWN else ""


def _why(text: str) -> str:
    head, colon, _ = text.partition(SEPARATOR)
    if colon and head and head != head.upper() and by_prefix(head.upper()) is not None:
        return "a framework prefix is written in capitals"
    if colon and not head:
        return "an empty prefix is none: an id without one is ISO/IEC 42001's"
    if colon and text.partition(SEPARATOR)[2].startswith(SEPARATOR):
        return f"the prefix is followed by one '{SEPARATOR}'"
    return "ids are matched exactly: case and separators as the catalog writes them"


def unknown_prefix(cited: Cited) -> str:
    """AIMS610's message: the prefix is in no row of the table."""
    prefix = cited.prefix or ""
    known = ", ".join(f"{f.prefix}{SEPARATOR}" for f in FRAMEWORKS)
    message = f"'{shown(cited.text)}' names no known framework: '{prefix}{SEPARATOR}' is not a prefix"
    close = nearest_prefix(prefix)
    if close is not None:
        message += f"; did you mean '{shown(close + SEPARATOR + cited.local)}'?"
    return f"{message} (the prefixes are {known}; an id without one is ISO/IEC 42001's)"


def other_framework_misses(cited_ids: Iterable[Citation], field_name: str) -> Iterator[tuple[str, str]]:
    """(pointer, message) of each id of a framework other than 42001 that its catalog does not hold
    as a kind `field_name` cites (AIMS612 for clauses, AIMS613 for controls).

    Whether the framework is configured does not matter (AIMS611 says that): a wrong id is wrong
    either way. Every row of the table has its packaged catalog (tests/test_frameworks.py holds them
    to each other), so every framework's ids can be checked.
    """
    for citation in cited_ids:
        cited = citation.cited
        if citation.field != field_name or cited.framework in (None, DEFAULT_FRAMEWORK):
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
    that neither framework has (`A.5.38`) gets no 42001 guess, which would only mislead. A bare id
    and one written `ISO42001:` get the same answer, spelt as written.
    """
    regular = f"control '{shown(cited.text)}' is not an Annex A control"
    spelt = spelling_message(cited, "controls", regular, in_soa)
    if spelt is not None:
        return spelt
    if too_long(cited):
        return f"{regular} ({too_long(cited)})"
    why = catalog.explain(cited.local)
    close = catalog.suggest(cited.local)
    others = () if in_soa else elsewhere(cited.local, "controls")
    if not why and not others and not in_soa and under_other_heading(cited.local):
        close = None
    message = regular + (f" ({why})" if why else "")
    options = [f"'{respelt(cited, close)}'"] if close else []
    options += [f"'{other}' ({_title_of(other)})" for other in others]
    message += f"; did you mean {' or '.join(options)}?" if options else ""
    return message


def unknown_clause(catalog: Catalog, cited: Cited) -> str:
    """AIMS601's message for an ISO/IEC 42001 clause id that does not exist."""
    regular = f"clause '{shown(cited.text)}' is not a clause of {catalog.standard}"
    spelt = spelling_message(cited, "clauses", regular)
    if spelt is not None:
        return spelt
    if too_long(cited):
        return f"{regular} ({too_long(cited)})"
    close = catalog.suggest(cited.local)
    return regular + (f"; did you mean '{respelt(cited, close)}'?" if close else "")


def _title_of(qualified_id: str) -> str:
    row = framework(parse(qualified_id).framework or DEFAULT_FRAMEWORK)
    return row.title if row is not None else qualified_id


def kinds_named(catalog: Catalog, field_name: str) -> str:
    """The kinds a field cites, as a message names them: "subcategory or category"."""
    labels = [catalog.label(k) for k in catalog.kinds_cited_in(field_name)]
    return " or ".join(labels) if labels else "item"


def unknown_item(catalog: Catalog, cited: Cited, field_name: str) -> str:
    """AIMS612/AIMS613's message: the id is no item of its framework of a kind `field_name` cites."""
    regular = f"'{shown(cited.text)}' is not {_kinds_with_article(catalog, field_name)} of {catalog.title}"
    if not cited.local.strip(SEPARATOR + " "):
        # `EU-AI-ACT:` alone: nothing to explain or guess, only what belongs after the prefix
        belongs = _kinds_with_article(catalog, field_name)
        return (f"'{shown(cited.text)}' has no id after its prefix: write {belongs} of {catalog.title} "
                f"after '{cited.prefix}{SEPARATOR}'")
    if catalog.kinds_cited_in(field_name):
        spelt = spelling_message(cited, field_name, regular, in_soa=cited.prefix is None)
        if spelt is not None:
            return spelt
    if too_long(cited):
        return f"{regular} ({too_long(cited)})"
    found = catalog.get(cited.local)
    kind = next((k for k in catalog.kinds if found is not None and k.id == found.kind), None)
    if found is not None and kind is not None and kind.cited_in is not None:
        # A real item that the other field cites: an AI Act article under `clauses`.
        return (f"'{shown(cited.text)}' is {_article(kind.label)} {kind.label} of {catalog.title}; "
                f"list it under `{kind.cited_in}`, not `{field_name}`")
    holders = {k for scheme in catalog.numbering for k in scheme.within}
    citable_here = bool(catalog.kinds_cited_in(field_name))
    if found is not None and kind is not None and kind.id not in holders and citable_here:
        # A real item of a kind no document field cites (an Annex III point): the numbering's
        # explanation (an article an amendment adds) would be about something else.
        return f"'{shown(cited.text)}' is {_article(kind.label)} {kind.label} of {catalog.title}, " \
               f"which documents do not cite in `{field_name}`" + _where_named(found.id)
    why = catalog.explain(cited.local)
    close = catalog.suggest(cited.local)
    if not catalog.kinds_cited_in(field_name):
        # The framework has nothing this field cites (the AI Act has no clauses): say where its ids go.
        fields = sorted({k.cited_in for k in catalog.kinds if k.cited_in is not None})
        where = " or ".join(f"`{f}`" for f in fields)
        message = f"'{shown(cited.text)}' cannot be cited in `{field_name}`: "
        message += f"{catalog.title} has no items cited there"
        message += f"; its ids go under {where}" if where else ""
        return message + (f" ({why})" if why and found is None else "")
    if found is not None and kind is not None:
        # A real item documents do not cite (a NIST function, an AI Act chapter): say what it is,
        # unless the catalog's own words do, and offer the first citable item below it.
        why = why or f"{cited.local} is {_article(kind.label)} {kind.label}"
        below = [i.id for i in catalog.descendants(found.id) if i.kind in catalog.kinds_cited_in(field_name)]
        close = close or (below[0] if below else None)
    message = regular + (f" ({why})" if why else "")
    message += f"; did you mean '{respelt(cited, close)}'?" if close else ""
    return message


def _where_named(item_id: str) -> str:
    """Where an AI system names an annex item of the AI Act instead: its `ai_act_basis`."""
    for head, annex in (("Annex-III-", "annex-iii"), ("Annex-I-", "annex-i")):
        if item_id.startswith(head):
            return f"; an AI system's record names it in ai_act_basis: {annex}:{item_id[len(head):]}"
    return ""


def _kinds_with_article(catalog: Catalog, field_name: str) -> str:
    named = kinds_named(catalog, field_name)
    return f"{_article(named)} {named}"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
