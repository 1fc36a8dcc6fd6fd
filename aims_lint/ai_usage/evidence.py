"""What discovery finds: one `Use` per piece of evidence, and the `Discovery` of a whole run.

Scanners make these and nothing else; the discovery rules and the site read them. A `Use`
never carries a secret: a scanner that matches an API-key variable keeps its name, never the
value assigned to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from aims_lint.ai_usage.textpos import redact


class Kind(StrEnum):
    """What sort of evidence a use is; the JSON field `kind`. Each has its discovery rule."""

    DEPENDENCY = "dependency"  # an AI/ML library or model SDK in a manifest or lock file (AIMS1201)
    MODEL_FILE = "model-file"  # a model artefact recognised by its header or structure (AIMS1202)
    HUB_MODEL = "hub-model"  # a hub model id (org/name) passed to a loading call (AIMS1203)
    ENDPOINT = "endpoint"  # a model provider's API host in code or configuration (AIMS1204)
    KEY_VARIABLE = "key-variable"  # the NAME of a provider's API-key variable (AIMS1205)
    SBOM_COMPONENT = "sbom-component"  # an AI library or ML model component of an SBOM (AIMS1206)


class Confidence(StrEnum):
    """How sure a scanner is that the evidence means AI use; the JSON field `confidence`."""

    HIGH = "high"  # e.g. a provider SDK in a lock file, a model file whose header parses
    MEDIUM = "medium"  # e.g. a general ML library, a hub id in a loading call
    LOW = "low"  # e.g. a key variable name in an example file, a library that is only sometimes AI


@dataclass(frozen=True, order=True)
class Use:
    """One piece of evidence of AI use, where it is, and what it names.

    `path` is posix and relative to the directory `discover` ran from, written the way the
    PATH arguments were (`../triageflow/requirements.txt`); line and column are 1-based (1, 1
    for a binary file).

    Field order is the sort order: by place first, so output is stable.
    """

    path: str
    line: int
    column: int
    kind: Kind
    name: str  # what was found: package name, model id or file name, host, variable name
    evidence: str  # the short text that shows it (a manifest line, a header summary); no secrets
    confidence: Confidence
    # The model provider or project the signature names ("openai", "hugging-face"), "" if none.
    provider: str = ""
    version: str = ""  # a version the evidence states (a pinned dependency, an SBOM component)
    # A model's id when the evidence names a model (a hub id, a model file, an ML-BOM model),
    # matched against the AI system records' `models[].id`; "" for libraries, hosts and keys.
    model: str = ""

    def __post_init__(self) -> None:
        # Every scanner's text goes through here, so no URL credential reaches any output (text,
        # JSON, SARIF, drafts, the site) whichever scanner, field or format it came by.
        for name in ("name", "evidence", "version", "model"):
            value = getattr(self, name)
            if "://" in value:
                object.__setattr__(self, name, redact(value))


@dataclass(frozen=True)
class Unreadable:
    """A file discovery meant to read and could not (an SBOM that fails its schema, a truncated
    model header): reported as a warning (AIMS1209), and the run goes on with the other files."""

    path: str
    line: int
    message: str

    def __post_init__(self) -> None:
        if "://" in self.message:  # a parser's message may quote the URL it choked on
            object.__setattr__(self, "message", redact(self.message))


@dataclass(frozen=True)
class SourceLocation:
    """Where one `sources` entry of an AI system record points, found before the rules run
    (`sources.locate`): a rule reads no file, so whether the path exists is a fact it is given."""

    record: str  # the AI system record's repo-relative path
    system: str  # its id
    index: int  # the entry's position in `sources`
    repo: str  # the configured repository's name, "" for the aims repository itself
    path: str  # as written
    resolved: str  # the absolute, resolved path (posix); "" when `repo` is not configured
    exists: bool  # whether `resolved` exists


@dataclass(frozen=True)
class Discovery:
    """A whole run: what was scanned and what was found, sorted."""

    roots: tuple[str, ...]  # the scanned paths, as given, posix
    uses: tuple[Use, ...] = ()
    unreadable: tuple[Unreadable, ...] = ()
    files_scanned: int = 0  # files a scanner wanted: read, or tried and reported unreadable
    files_visited: int = 0  # every regular file walked, a `.env` (never read) included
    # Absolute, resolved scanned roots, to decide whether an AI system's `sources` were scanned.
    resolved_roots: tuple[str, ...] = field(default=(), compare=False)
    # Where every AI system record's `sources` point, set only when reconciling (sources.locate).
    sources: tuple[SourceLocation, ...] = field(default=(), compare=False)
