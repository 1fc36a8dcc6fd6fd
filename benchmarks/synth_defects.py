"""A synthetic document being written, and the realistic defects one may carry.

Each defect is a mistake people make when they edit front matter by hand: an
impossible date, an owner typed as a person or a misspelt role, a deleted
field, a colon in an unquoted title, an id copied from another file, a key
pasted twice, a status typo, a review left overdue, a reference to an id that
does not exist, a closing fence lost in a merge.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Draft:
    """Front-matter fields as YAML text (already quoted where needed), in file order."""

    doc_type: str
    doc_id: str
    title: str
    fields: dict[str, str]
    folder: str = ""
    extra: list[str] = field(default_factory=list)  # raw lines appended to the front matter
    close_fence: bool = True
    defect: str | None = None
    controls: list[str] = field(default_factory=list)  # Annex A controls it claims, for the SoA

    @property
    def path(self) -> str:
        folder = self.folder or {"policy": "policies", "procedure": "procedures", "soa": "policies"}[
            self.doc_type
        ]
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")
        return f"{folder}/{self.doc_id.lower()}-{slug}.md"

    def render(self) -> str:
        lines = ["---", *(f"{k}: {v}" for k, v in self.fields.items()), *self.extra]
        if self.close_fence:
            lines.append("---")
        return "\n".join(lines) + "\n\n"


def quoted(text: str) -> str:
    """A YAML plain scalar when safe, else double-quoted (titles often contain ': ')."""
    if ": " in text or " #" in text or text[:1] in "[]{}&*!|>'\"%@`#,?:-":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


Used = dict[str, list[str]]


def _bad_date(rng: random.Random, draft: Draft, _used: Used) -> None:
    key = next(k for k in ("next_review", "event_date", "approved_on") if k in draft.fields)
    draft.fields[key] = rng.choice(["2027-02-30", "14.09.2026", "2026-13-01", "next spring"])


def _unknown_owner(rng: random.Random, draft: Draft, _used: Used) -> None:
    draft.fields["owner"] = rng.choice(["ml-leed", "Yuki Sato", "security-team", "aims_manager"])


def _missing_field(rng: random.Random, draft: Draft, _used: Used) -> None:
    candidates = [k for k in ("classification", "owner", "clauses", "version", "event_date")
                  if k in draft.fields]
    del draft.fields[rng.choice(candidates)]


def _yaml_error(rng: random.Random, draft: Draft, _used: Used) -> None:
    if ": " in draft.title:  # the classic: a colon in an unquoted title
        draft.fields["title"] = draft.title
    else:
        draft.fields["controls"] = draft.fields["controls"].rstrip("]") or "["


def _duplicate_id(rng: random.Random, draft: Draft, used: Used) -> None:
    earlier = used.get(draft.doc_type, [])[:-1]
    if not earlier:
        _status_typo(rng, draft, used)
        return
    draft.fields["id"] = rng.choice(earlier)


def _duplicate_key(rng: random.Random, draft: Draft, _used: Used) -> None:
    draft.extra.append(f"owner: {rng.choice(['dpo', 'ciso'])}")


def _status_typo(rng: random.Random, draft: Draft, _used: Used) -> None:
    draft.fields["status"] = rng.choice(["aproved", "Approved", "final", "in review"])


def _overdue(rng: random.Random, draft: Draft, used: Used) -> None:
    if "next_review" not in draft.fields:
        _bad_date(rng, draft, used)
        return
    draft.fields.update(status="approved", approved_on="2024-06-03", last_reviewed="2024-06-03",
                        effective_on="2024-06-10", next_review="2025-06-03")


def _unknown_reference(rng: random.Random, draft: Draft, used: Used) -> None:
    """An id typed with one zero too many (REC-0123 as REC-00123): no document has it."""
    prefix, _, digits = rng.choice(used[rng.choice(sorted(used))]).partition("-")
    typo = f"{prefix}-0{digits}"
    cited = draft.fields.get("related", "[]").strip("[]")
    draft.fields["related"] = f"[{cited + ', ' if cited else ''}{typo}]"


def _unclosed_fence(_rng: random.Random, draft: Draft, _used: Used) -> None:
    draft.close_fence = False


Defect = Callable[[random.Random, Draft, Used], None]
DEFECTS: dict[str, Defect] = {
    "bad-date": _bad_date,
    "unknown-owner": _unknown_owner,
    "missing-field": _missing_field,
    "yaml-error": _yaml_error,
    "duplicate-id": _duplicate_id,
    "duplicate-key": _duplicate_key,
    "status-typo": _status_typo,
    "overdue-review": _overdue,
    "unknown-reference": _unknown_reference,
    "unclosed-fence": _unclosed_fence,
}
_WEIGHTS = (3, 3, 3, 2, 2, 1, 1, 2, 2, 1)  # the defects the brief names come up most often


def apply_defect(rng: random.Random, draft: Draft, used: Used) -> None:
    name = rng.choices(list(DEFECTS), _WEIGHTS)[0]
    DEFECTS[name](rng, draft, used)
    draft.defect = name
