"""Typed documents: the built-in semantics every rule and the site rely on.

The organisation's schemas in `schemas/` decide what a valid document looks
like (required fields, allowed values, patterns). These pydantic models decide
what the fields *mean*: dates are dates, owners are role ids, versions are
comparable. Unknown extra fields are kept, so an organisation's own fields
reach the site untouched. Which model a document gets is its schema's
behaviour (`aims_lint/doctypes.py`), never its type name.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, local_ids

INACTIVE_STATUSES: frozenset[str] = frozenset({"retired", "superseded"})


class _Base(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True, str_strip_whitespace=True)


class SigningKey(_Base):
    """An SSH public key a holder signs approvals with, and the days it may (approvals/signers.py)."""

    key: str
    valid_after: date | None = None
    valid_before: date | None = None


class Holder(_Base):
    name: str | None = None
    email: str | None = None
    github: str | None = None
    since: date | None = None
    keys: tuple[SigningKey, ...] = ()

    @field_validator("keys", mode="before")
    @classmethod
    def _plain_keys(cls, value: object) -> object:
        # A plain string is a key valid on every day; the mapping form bounds it.
        if isinstance(value, (list, tuple)):
            return [{"key": item} if isinstance(item, str) else item for item in value]
        return value


class PastHolder(Holder):
    """Who held a role before, from one day to another (both included)."""

    held_from: date | None = Field(default=None, alias="from")
    until: date | None = None


class Role(_Base):
    id: str
    title: str
    holder: Holder | None = None
    responsibilities: str | None = None
    previous_holders: tuple[PastHolder, ...] = ()

    @field_validator("id")
    @classmethod
    def _plain_ascii(cls, value: str) -> str:
        # A look-alike letter from another alphabet (aims-manager with a Cyrillic U+0430 for the a)
        # would otherwise register a second role that owners resolve to in silence.
        if not value.isascii() or not value.isprintable():
            raise ValueError("a role id must be plain ASCII (look-alike letters are refused)")
        return value

    @property
    def vacant(self) -> bool:
        return self.holder is None or not self.holder.name


class Document(_Base):
    """Fields shared by every document type."""

    id: str
    title: str
    type: str
    status: str
    version: str | None = None
    owner: str | None = None
    approver: str | None = None
    approved_on: date | None = None
    effective_on: date | None = None
    last_reviewed: date | None = None
    review_cycle_months: int | None = None
    next_review: date | None = None
    classification: str | None = None
    summary: str | None = None
    clauses: list[str] = Field(default_factory=list)
    controls: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.status not in INACTIVE_STATUSES

    def clause_ids(self, framework: str = DEFAULT_FRAMEWORK) -> tuple[str, ...]:
        """The clauses of `framework` in `clauses`, without prefix (ISO/IEC 42001's unless told)."""
        return local_ids(self.clauses, framework)

    def control_ids(self, framework: str = DEFAULT_FRAMEWORK) -> tuple[str, ...]:
        """The items of `framework` in `controls` (42001's Annex A controls unless told), without prefix."""
        return local_ids(self.controls, framework)


class Record(Document):
    record_kind: str
    event_date: date | None = None
    retention_years: int | None = None


class RolesRegistry(Document):
    roles: list[Role] = Field(default_factory=list)


class SoaEntry(_Base):
    control: str
    applicable: bool | None = None
    reasons: list[str] = Field(default_factory=list)
    justification: str | None = None
    implementation: str | None = None
    implemented_by: list[str] = Field(default_factory=list)


class StatementOfApplicability(Document):
    entries: list[SoaEntry] = Field(default_factory=list)

