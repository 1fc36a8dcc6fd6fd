"""Ids that are nearly right: stray characters, the wrong case, another way of writing a number.

A cited id that is no item of its catalog is usually a typo of a real one, and
the most common typos are not in the numbers at all: a no-break space pasted
from a PDF (`A.5.1\u00a0`), an en dash a word processor put in (`Art\u20135`),
full-width digits from an input method, `iso27001:a.5.1` in lower case,
`Art 27`, `Art.27` or `Art-27(1)` for the AI Act's `Art-27`, `GOVERN 1.1`
for NIST's `GOVERN-1.1`, an empty prefix (`:A.5.1`). Numbering-based
suggestions (suggest.py) cannot see these, since the id does not parse as the
catalog's numbering, so the messages would say only "unknown id". Here:

- `oddities(text)` names what is wrong with the characters ("contains a
  no-break space (U+00A0)"), for the message to say first;
- `canonical(text, field, default)` is the catalog id the text most likely
  meant, spelt as documents write it (`ISO27001:A.5.1`), when folding case,
  separators and character forms finds exactly one;
- `shown(text)` is the id as a message quotes it: cut at 60 characters, so a
  pasted paragraph does not become a wall of text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from aims_lint.catalog import load_catalog
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, FRAMEWORKS, SEPARATOR, by_prefix

MAX_SHOWN = 60  # characters of an id a message quotes
# Characters that read as a hyphen and are not one; a fold turns them (and spaces, dots) into one.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_NAMES = {
    "\u00a0": "a no-break space",
    "\u202f": "a narrow no-break space",
    "\u200b": "a zero-width space",
    "\ufeff": "a byte order mark",
    "\u2013": "an en dash",
    "\u2014": "an em dash",
    "\u2212": "a minus sign",
    "\u2011": "a non-breaking hyphen",
    "\t": "a tab",
    " ": "a space",
}
_SEPARATORS = re.compile(f"[\\s._{_DASHES}-]+")
_PARAGRAPH = re.compile(r"\([^()]*\)$")  # "Art-27(1)": a paragraph of a citable article
_LOOKS_LIKE_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9-]*|")  # any case, or empty (`:A.5.1`)


def shown(text: str) -> str:
    """`text` as a message quotes it: at most MAX_SHOWN characters, with an ellipsis when cut."""
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "\u2026"


def oddities(text: str) -> str:
    """What is wrong with the characters of an id, as a clause ("ends with a no-break space
    (U+00A0)", "contains an en dash (U+2013)"); "" when nothing is."""
    found: list[str] = []
    for char in dict.fromkeys(c for c in text if not c.isascii() or c.isspace()):
        where = [w for w, at in (("starts with", text.startswith(char)), ("ends with", text.endswith(char)))
                 if at] if char.isspace() or not char.isprintable() else []
        inside = char in text.strip(char) or not where
        places = " and ".join([*where, *(["contains"] if inside else [])])
        found.append(f"{places} {_name(char)}" + ("" if char == " " else f" (U+{ord(char):04X})"))
    return ", ".join(found)


def _name(char: str) -> str:
    if char in _NAMES:
        return _NAMES[char]
    if unicodedata.decomposition(char).startswith("<wide>"):
        return f"a full-width '{unicodedata.normalize('NFKC', char)}'"
    name = unicodedata.name(char, "")
    return f"the character {name.lower()}" if name else "an invisible character"


def canonical(text: str, field: str, default: str = DEFAULT_FRAMEWORK, others: bool = False) -> str | None:
    """The id `text` most likely meant, as a document writes it, or None (also when it is `text`).

    A prefix in any case counts (`iso27001:` is `ISO27001:`); an empty one is no prefix. The id
    after it is matched to its framework's catalog with case, spaces, dots, hyphens and dashes
    folded alike, and a trailing paragraph (`(1)`) dropped when the id with it is no item.
    """
    # format characters (a zero-width space, a byte order mark) are invisible and never part of an id
    clean = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf").strip()
    head, colon, rest = clean.partition(SEPARATOR)
    prefix: str | None = None
    framework_id, local = default, clean
    written = re.sub(r"\s+", "", re.sub(f"[{_DASHES}]", "-", head))  # "NIST AI\u2013RMF" reads as NIST-AI-RMF
    if colon and _LOOKS_LIKE_PREFIX.fullmatch(written):
        local = rest.lstrip(SEPARATOR + " ").strip()  # `ISO27001::A.5.1`: a doubled colon
        if written:
            row = by_prefix(written.upper())
            if row is None:
                return None  # an unknown prefix is AIMS610's, which suggests one
            framework_id, prefix = row.id, row.prefix
    found = _lookup(framework_id, local, field)
    if found is not None:
        answer = f"{prefix}{SEPARATOR}{found}" if prefix is not None else found
        return answer if answer != text else None
    if prefix is None and others:
        # A bare id is 42001's; `govern-1.1` or `Art 27` more likely meant another framework's item.
        # An id another framework has exactly (`A.8.34`) is left to the message that names it so.
        hits = [f"{row.prefix}{SEPARATOR}{hit}" for row in FRAMEWORKS if row.id != framework_id
                if (hit := _lookup(row.id, local, field)) is not None and hit != local]
        return hits[0] if len(hits) == 1 else None
    return None


def _lookup(framework_id: str, local: str, field: str) -> str | None:
    """The item of `framework_id` that `local` folds to: one `field` cites first, else any item
    (`Annex III 5(b)` is `Annex-III-5(b)`, which the message then says is not cited there)."""
    cited, every = _folded(framework_id, field), _folded(framework_id, None)
    if not cited:
        return None  # the framework has nothing this field cites (the AI Act has no clauses)
    while local:
        key = fold(local)
        found = cited.get(key) or every.get(key) or _squashed(framework_id, field).get(_squash(key))
        if found is not None:
            return found
        shorter = _PARAGRAPH.sub("", local)
        if shorter == local:
            return None
        local = shorter
    return None


def fold(local: str) -> str:
    """An id with case, separators and character forms folded: `Art 27`, `art.27`, `ART-27` alike."""
    folded = _SEPARATORS.sub("-", unicodedata.normalize("NFKC", local).casefold()).strip("-")
    return re.sub(r"^article-", "art-", folded)


def _squash(folded: str) -> str:
    """A folded id without its separators: `A5.1` and `A.5.1` alike (a dot left out)."""
    return folded.replace("-", "")


@cache
def _squashed(framework_id: str, field: str) -> dict[str, str]:
    """_squash(fold(id)) to id for the items `field` cites, only where no two ids squash alike
    (`A.5.11` and `A.51.1` would): a guess that could be either is no guess."""
    seen: dict[str, list[str]] = {}
    for key, item_id in _folded(framework_id, field).items():
        seen.setdefault(_squash(key), []).append(item_id)
    return {key: ids[0] for key, ids in seen.items() if len(ids) == 1}


@cache  # one index per catalog and field, built on the first near-miss only
def _folded(framework_id: str, field: str | None) -> dict[str, str]:
    """fold(id) to id for the items of `framework_id` that `field` cites (None: every item)."""
    catalog = load_catalog(framework_id)
    if field is not None:
        cited = catalog.kinds_cited_in(field)
    else:
        # Not the headings the numbering walks (objectives, themes, chapters): a guess of a heading
        # would hide the numbering's own explanation (`a.6.1` is objective A.6.1, not a control).
        holders = {kind for scheme in catalog.numbering for kind in scheme.within}
        cited = tuple(k.id for k in catalog.kinds if k.id not in holders)
    return {fold(i.id): i.id for i in catalog.items if i.kind in cited}
