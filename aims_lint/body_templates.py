"""The templates documents start from, as the sentences the template-text rule (AIMS1004) looks for.

A document's template is the one `aims-lint new` would use for it
(`scaffold.find_template`): the repository's `templates/TYPE.md` or
`templates/TYPE-KIND.md`, else the packaged one. Rules never read files, so
the engine reads the templates here, once per run, and hands them to the
rules in their `Context`; only for documents the body rules judge (approved,
of a type whose schema declares `x-aims.body`), so a repository without body
rules reads none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aims_lint.body_sections import read_body
from aims_lint.corpus import Corpus
from aims_lint.document import SourceFile
from aims_lint.frontmatter import FenceError, split_fences

TemplateKey = tuple[str, str | None]  # (type, record kind)


@dataclass(frozen=True)
class BodyTemplate:
    origin: str  # "templates/policy.md", or "packaged template policy.md"
    sentences: frozenset[str]  # case-folded; those with a `{{ value }}` left out


def template_key(source: SourceFile) -> TemplateKey | None:
    if source.schema is None:
        return None
    kind = source.data.get("record_kind") if "record_kind" in source.schema.declared else None
    return source.schema.type, kind if isinstance(kind, str) else None


def judged(source: SourceFile) -> bool:
    """What the body rules judge: an approved document of a type that declares body rules."""
    schema = source.schema
    return schema is not None and schema.body is not None and source.data.get("status") == "approved"


def load_templates(root: Path, corpus: Corpus) -> dict[TemplateKey, BodyTemplate]:
    # Imported here: the scaffold (and click with it) is needed only when a body rule judges something.
    from aims_lint.scaffold import find_template

    found: dict[TemplateKey, BodyTemplate] = {}
    keys = {key for source in corpus.sources if judged(source) and (key := template_key(source)) is not None}
    for key in sorted(keys, key=lambda k: (k[0], k[1] or "")):
        template = find_template(root, key[0], key[1])
        if template is not None:
            found[key] = BodyTemplate(template[1], template_sentences(template[0]))
    return found


def template_sentences(template: str) -> frozenset[str]:
    try:
        body = template[split_fences(template).body :]
    except FenceError:
        body = template
    return frozenset(
        s.text.casefold() for s in read_body(body, 1).sentences if "{{" not in s.text and "}}" not in s.text
    )
