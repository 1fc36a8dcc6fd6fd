"""A `same_as` pair should be one the crosswalk between the two frameworks maps.

`same_as` says an entry of another framework's SoA (ISO/IEC 27001:2022's)
is carried out by the implementation of an ISO/IEC 42001 control. The
packaged crosswalk (`aims_lint/catalog/crosswalks/iso42001--iso27001-2022.yaml`)
records which controls of the two frameworks relate at all; a pair it does
not map is most often a slip (the neighbouring control, or a number from the
wrong Annex), and if it is deliberate an auditor will ask why two unrelated
controls share one implementation. So it is a warning, not an error: the
finding names the 42001 controls the crosswalk does map the entry to, or
says it maps none. The crosswalk file is stored from 42001's side and is
read backwards here, from the SoA's own control. Unknown ids are AIMS620's
and AIMS613's; an SoA's framework without a packaged crosswalk to 42001 is
not judged.

Passing::

    # framework: iso27001-2022
    - control: A.5.34
      same_as: A.7.2         # the crosswalk maps A.7.2 to A.5.34

Failing::

    # framework: iso27001-2022
    - control: A.5.34
      same_as: A.7.4         # the crosswalk maps no relationship between them
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import available, load_catalog
from aims_lint.catalog.crosswalk import Crosswalk, between
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, framework
from aims_lint.results import Finding, Severity
from aims_lint.rule import Context, RuleInfo
from aims_lint.soa import Entry, Soa, control_name, statements

RULE = RuleInfo(
    "AIMS626", "soa-same-as-unmapped", Severity.WARNING,
    "A same_as pair should be one the crosswalk between the two frameworks maps.",
)


def check(ctx: Context) -> Iterator[Finding]:
    ours = load_catalog()
    for soa in statements(ctx.corpus, None):
        if soa.framework == DEFAULT_FRAMEWORK or soa.framework not in available():
            continue
        # From the SoA's framework to 42001: the stored file runs the other way, so this reads it reversed.
        walk = between(soa.framework, DEFAULT_FRAMEWORK)
        if walk is None:
            continue  # no crosswalk to judge the pair by
        own = load_catalog(soa.framework)
        for entry in soa.entries:
            if entry.same_as is None or entry.control is None:
                continue
            if ours.control(entry.same_as) is None or own.control(entry.control) is None:
                continue  # an unknown id on either side is another rule's finding
            finding = _unmapped(soa, entry, walk)
            if finding is not None:
                yield finding


def _unmapped(soa: Soa, entry: Entry, walk: Crosswalk) -> Finding | None:
    assert entry.control is not None and entry.same_as is not None  # checked by the caller
    mapped = sorted({m.target_id for m in walk.of(entry.control)}, key=_order)
    if entry.same_as in mapped:
        return None
    name = control_name(soa.framework, entry.control)
    ours, theirs = framework(DEFAULT_FRAMEWORK), framework(soa.framework)
    pair = " and ".join(row.title if row is not None else "?" for row in (ours, theirs))
    message = (f"{name} shares its implementation with {entry.same_as}, but the crosswalk between "
               f"{pair} maps no relationship between them")
    if mapped:
        message += f"; it relates {entry.control} to {', '.join(mapped)}: did you mean one of those?"
    else:
        message += f"; it relates {entry.control} to no ISO/IEC 42001 control, so check the pairing"
    return RULE.at(soa.source, entry.pointer("same_as"), message)


def _order(control: str) -> tuple[int, ...]:
    """Catalog order for dotted ids (`A.6.2.10` after `A.6.2.9`), not string order."""
    return tuple(int(part) for part in control.removeprefix("A.").split(".") if part.isdigit())
