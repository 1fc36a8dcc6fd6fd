"""The walk AIMS612 (clauses) and AIMS613 (controls) share: ids of other frameworks their catalogs lack.

Both rules look at every citation of every document and differ only in the
field they judge (`clauses` or `controls`); what is missing and how the
message reads is `aims_lint.catalog.citing.other_framework_misses`. Keeping
the walk here means the two rules cannot drift apart in which documents or
citations they read.

One addition is the SoA's: an entry of an SoA whose `framework:` is not the
framework its ids belong to (a copy of the 42001 SoA labelled
`iso27001-2022`) fails on every id the two frameworks do not share. Read
alone, "'A.6.2.2' is not a control of ISO/IEC 27001:2022; did you mean
'A.6.2'?" sends the author to the wrong fix, so the message also says whose
control the id is and which framework the SoA says it decides on.
"""

from __future__ import annotations

from collections.abc import Iterator

from aims_lint.catalog import available, load_catalog
from aims_lint.catalog.citing import other_framework_misses
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, framework
from aims_lint.catalog.references import Citation
from aims_lint.corpus import Corpus
from aims_lint.doctypes import SOA
from aims_lint.document import SourceFile


def unknown_ids(corpus: Corpus, field_name: str) -> Iterator[tuple[SourceFile, str, str]]:
    """(source, pointer, message) of each id of a framework other than ISO/IEC 42001, cited in
    `field_name`, that the framework's packaged catalog does not hold as a kind that field cites."""
    for source, cited_ids in corpus.cited:
        by_pointer = {c.pointer: c for c in cited_ids}
        for pointer, message in other_framework_misses(cited_ids, field_name):
            yield source, pointer, message + _whose(source, by_pointer.get(pointer))


def _whose(source: SourceFile, citation: Citation | None) -> str:
    """For an SoA entry's own-framework id that is another framework's control: whose it is."""
    if citation is None or source.behaviour != SOA or not citation.pointer.startswith("/entries/"):
        return ""
    cited = citation.cited
    if cited.prefix is not None or cited.framework in (None, DEFAULT_FRAMEWORK):
        return ""  # a prefixed id says its framework itself; a bare one in a 42001 SoA is AIMS602's
    row = framework(cited.framework)
    own = row.title if row is not None else cited.framework
    for other in (DEFAULT_FRAMEWORK, *sorted(set(available()) - {DEFAULT_FRAMEWORK, cited.framework})):
        whose = framework(other)
        if whose is not None and load_catalog(other).control(cited.local) is not None:
            return (f" ({cited.local} is an {whose.title} control, and this SoA decides on {own}, "
                    f"framework: {cited.framework}; correct `framework:` if its entries are {whose.title}'s)")
    return ""
