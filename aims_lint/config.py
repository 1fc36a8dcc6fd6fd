"""Settings: command line over `[tool.aims_lint]` (or `aims-lint.toml`) over defaults.

Unknown keys are a configuration error (exit 2), never silently ignored: a
misspelt `ignroe` must not quietly switch a rule back on in CI. The same goes
for a misspelt home: a `[tool.aims-lint]` table or an `aims_lint.toml` file
would otherwise be skipped whole, `paths` included, and the folders it names
would go unchecked.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, ids, unknown_id
from aims_lint.catalog.frameworks import framework as framework_row
from aims_lint.results import Severity

# Who a site or an evidence bundle is for (what each admits: aims_lint/audience.py).
Audience = Literal["public", "internal", "all"]
# What must back an approval beyond the front matter, weakest first (aims_lint/approvals/levels.py).
ApprovalLevel = Literal["claim", "trailer", "signed", "forge"]
DEPRECATED_EXCLUDE = (
    "site.exclude_confidential is deprecated: write audience = \"internal\" in the configuration "
    "(or pass --audience internal)"
)

CONFIG_FILE = "aims-lint.toml"
TOOL_TABLE = "aims_lint"
# Spellings people reach for (the command's name, the module's name, no separator);
# found, they are refused with the right spelling rather than ignored.
_MISSPELT_TABLES = ("aims-lint", "aimslint")
_MISSPELT_FILES = ("aims_lint.toml", "aimslint.toml")
MIN_REASON = 10  # characters: a suppression is an accepted risk, so it needs a sentence, not "ok"


class ConfigError(Exception):
    """Bad configuration or schemas: reported on stderr with exit code 2."""


class Suppression(BaseModel):
    # Stripped first, so a reason of blanks counts as no reason at all.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    rule: str = Field(min_length=1, description="rule code, name or code prefix")
    path: str = Field(default="*", description="glob of repo-relative paths")
    reason: str = Field(min_length=MIN_REASON, description="why this finding is accepted")


class SiteSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source_dir: str = "build/site-src"
    # Deprecated: read only to set `audience` (true means "internal") when that is not set.
    exclude_confidential: bool | None = None
    repo_url: str | None = None


class RepositorySettings(BaseModel):
    """One repository discovery knows by name: AI system records' `sources[].repo` name it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Its local checkout, relative to the root; `discover` with no PATH scans the ones that exist.
    path: str | None = None
    # Where the site links evidence: `url/path#Lline`, e.g. https://github.com/org/repo/blob/main.
    url: str | None = None

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        # The site writes it into links: a `javascript:` address would run in the reader's browser.
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must be a web address starting with https:// or http://")
        return value.rstrip("/") if value else value


class DiscoverSettings(BaseModel):
    """`[tool.aims_lint.discover]`: what `aims-lint discover` walks and recognises (docs/configuration.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Signature files (the packaged file's format), relative to the root; they add to the packaged table.
    signatures: tuple[str, ...] = ()
    # Globs of paths not walked, relative to each scanned PATH (`vendor/**`); the folders in
    # ai_usage/walk.py's ALWAYS_SKIPPED are never walked either.
    exclude: tuple[str, ...] = ()
    # Text files larger than this are not read (reported, AIMS1209); model files are read only as far
    # as their header, whatever their size. Larger than the documents' cap: lock files run to megabytes.
    max_file_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    repositories: dict[str, RepositorySettings] = Field(default_factory=dict)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    root: Path = Field(default=Path("."), exclude=True)
    # Folders searched for documents. None (the default): every folder a schema names in
    # `x-aims.folders` (discover.document_folders), so a new type needs no configuration.
    paths: tuple[str, ...] | None = None
    schemas: str = "schemas"
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = Field(default_factory=dict)
    due_soon_days: int = Field(default=30, ge=0, le=3660)  # beyond ten years the dates overflow
    max_file_bytes: int = Field(default=1_048_576, gt=0)
    # recurring evidence (AIMS801, AIMS803, AIMS804): how old it may get, in months
    assessment_max_age_months: int = Field(default=12, ge=1)
    management_review_months: int = Field(default=12, ge=1)
    audit_cycle_months: int = Field(default=12, ge=1)
    # The day the management system started operating (`aims-lint init` writes the day it
    # ran). Until a full interval has passed since, "no management review or internal
    # audit yet" (AIMS803, AIMS804) is a warning: only time can close it. None: no grace.
    operating_since: date | None = None
    # Readiness for Stage 1 needs at least this many months of operation since operating_since.
    min_operating_months: int = Field(default=3, ge=0, le=120)
    # A corrective action is due within this many days of its nonconformity's event_date (10.2).
    corrective_action_max_days: int = Field(default=90, ge=1, le=3660)
    # Which role may accept a risk of each level (low, medium, high, unacceptable), for example
    # {high = "top-management", medium = "aims-manager"}. The roles registry's `risk_acceptance`
    # says the same; where both name a level, this configuration wins.
    risk_acceptance: dict[str, str] = Field(default_factory=dict)
    # A risk acceptance (`accepted_on` to `expires`) runs at most this many months (AIMS867):
    # a decision to live with a risk is taken again at least this often.
    risk_acceptance_max_months: int = Field(default=12, ge=1, le=120)
    # What backs each approval (docs/approvals.md): "claim" (the front matter alone, what a
    # repository written before 0.2 gets), "trailer", "signed" or "forge". `init` writes "trailer".
    approval_evidence: ApprovalLevel = "claim"
    # Raises the level for a document type or a classification ({policy = "signed",
    # confidential = "signed"}); where several apply, the strictest wins. A key that is no type
    # and no classification is a configuration error (checked against the schemas, which name both).
    approval_evidence_by: dict[str, ApprovalLevel] = Field(default_factory=dict)
    # The frameworks the management system answers to (aims_lint/catalog/frameworks.py): ISO/IEC
    # 42001 always, and any of "iso27001-2022", "nist-ai-rmf-1.0", "eu-ai-act". Each certifiable one
    # needs its own SoA; readiness reports each; rules specific to one run only when it is configured.
    frameworks: tuple[str, ...] = (DEFAULT_FRAMEWORK,)
    suppress: tuple[Suppression, ...] = ()
    site: SiteSettings = Field(default_factory=SiteSettings)
    discover: DiscoverSettings = Field(default_factory=DiscoverSettings)
    # Who the site and the evidence bundle are for; see aims_lint/audience.py.
    audience: Audience = "all"
    # Warnings about the configuration itself (deprecated keys), for the command to print.
    notices: tuple[str, ...] = Field(default=(), exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _map_exclude_confidential(cls, data: Any) -> Any:
        """`site.exclude_confidential = true` stands for `audience = "internal"`, unless
        `audience` is given too (in the file or on the command line): then it wins."""
        site = data.get("site") if isinstance(data, dict) else None
        if not isinstance(site, dict) or "exclude_confidential" not in site:
            return data
        data = {**data, "notices": (*data.get("notices", ()), DEPRECATED_EXCLUDE)}
        if site["exclude_confidential"] is True and "audience" not in data:
            data["audience"] = "internal"
        return data

    @field_validator("risk_acceptance")
    @classmethod
    def _known_levels(cls, value: dict[str, str]) -> dict[str, str]:
        # A misspelt level (`hgih`) would otherwise name nobody and quietly leave high risks
        # to the registry alone. The levels are the risk schema's (aims_lint/risk_criteria.py).
        levels = ("low", "medium", "high", "unacceptable")
        unknown = sorted(set(value) - set(levels))
        if unknown:
            raise ValueError(f"unknown risk level {', '.join(unknown)}; the levels are {', '.join(levels)}")
        return value

    @field_validator("frameworks", mode="before")
    @classmethod
    def _known_frameworks(cls, value: Any) -> tuple[str, ...]:
        # Our own words, not pydantic's ("Input should be a valid tuple"): what the key takes, the
        # id a misspelt one meant and the ids there are (the table in aims_lint/catalog/frameworks.py).
        example = f'["{DEFAULT_FRAMEWORK}", "{ids()[1]}"]'
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            known = ", ".join(ids())
            raise PydanticCustomError("frameworks", "{message}", {"message": (
                f"must be a list of framework ids such as {example} (the frameworks are {known})")})
        unknown = [f for f in value if framework_row(f) is None]
        if unknown:
            raise PydanticCustomError("frameworks", "{message}", {"message": unknown_id(unknown[0])})
        if DEFAULT_FRAMEWORK not in value:
            raise PydanticCustomError("frameworks", "{message}", {"message": (
                f'must include "{DEFAULT_FRAMEWORK}": the AI management system itself '
                f"(for example {example})")})
        return tuple(dict.fromkeys(value))  # the order written, once each

    @field_validator("operating_since", mode="before")
    @classmethod
    def _a_calendar_date(cls, value: Any) -> Any:
        # pydantic would read a number as seconds since 1970: `operating_since = 2026` must not
        # quietly mean 1 January 1970. A TOML date, or "YYYY-MM-DD", is what is meant.
        if isinstance(value, (int, float)):
            raise ValueError("must be a date such as 2026-12-01")
        return value


def find_root(start: Path) -> Path:
    """The nearest folder that configures aims_lint or holds `schemas/`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        configured = (folder / CONFIG_FILE).is_file() or _has_tool_table(folder / "pyproject.toml")
        if configured or _misspelt(folder):  # a misspelt one marks the root too: load_settings says so
            return folder
    for folder in (start, *start.parents):
        if (folder / "schemas").is_dir():
            return folder
    return start


def load_settings(root: Path, overrides: dict[str, Any] | None = None) -> Settings:
    values = {**_file_values(root), **{k: v for k, v in (overrides or {}).items() if v is not None}}
    for key in ("root", "notices"):  # the root is where the configuration lives (or --root), never a key
        if key in values:
            raise ConfigError(f"invalid configuration in {_source(root)}: {key}: unknown key")
    try:
        return Settings.model_validate({**values, "root": root})
    except ValidationError as exc:
        problems = "; ".join(_problem(err) for err in exc.errors())
        raise ConfigError(f"invalid configuration in {_source(root)}: {problems}") from None


def _problem(err: ErrorDetails) -> str:
    where = ".".join(str(p) for p in err["loc"]) or "settings"
    if err["type"] == "extra_forbidden":
        return f"{where}: unknown key"
    if err["loc"][-1:] == ("reason",) and err["type"] in ("missing", "string_too_short", "string_type"):
        return f"{where}: a suppression needs a written reason of at least {MIN_REASON} characters"
    return f"{where}: {err['msg']}"


def _source(root: Path) -> str:
    return CONFIG_FILE if (root / CONFIG_FILE).is_file() else "[tool.aims_lint] of pyproject.toml"


def settings_source(root: Path) -> str:
    """Where the settings of `root` were read from, as a message tells someone to edit them:
    `aims-lint.toml`, `[tool.aims_lint] of pyproject.toml`, or where to write them when neither is."""
    if (root / CONFIG_FILE).is_file() or _has_tool_table(root / "pyproject.toml"):
        return _source(root)
    return f"[tool.aims_lint] of pyproject.toml or {CONFIG_FILE} (there is no configuration yet)"


def _file_values(root: Path) -> dict[str, Any]:
    wrong = _misspelt(root)
    if wrong:
        raise ConfigError(wrong)
    own = root / CONFIG_FILE
    if own.is_file():
        return _read_toml(own)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        tool = _read_toml(pyproject).get("tool", {})
        table = tool.get(TOOL_TABLE, {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError("pyproject.toml: [tool.aims_lint] must be a table")
        return dict(table)
    return {}


def _has_tool_table(pyproject: Path) -> bool:
    if not pyproject.is_file():
        return False
    try:
        tool = _read_toml(pyproject).get("tool", {})
        return isinstance(tool, dict) and TOOL_TABLE in tool
    except ConfigError:
        return False


def _misspelt(folder: Path) -> str | None:
    """Why the configuration in `folder` would be skipped, naming the right spelling; None if fine."""
    for name in _MISSPELT_FILES:
        if (folder / name).is_file():
            return f"{name} is not read: the configuration file is named {CONFIG_FILE}; rename it"
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return None
    try:
        tool = _read_toml(pyproject).get("tool", {})
    except ConfigError:
        return None  # an unreadable pyproject.toml is reported when it is read
    found = [name for name in _MISSPELT_TABLES if isinstance(tool, dict) and name in tool]
    if found:
        return (
            f"pyproject.toml: [tool.{found[0]}] is not read: the table is [tool.{TOOL_TABLE}] "
            "(with an underscore); rename it"
        )
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path.name}: cannot read configuration: {exc}") from None


def config_place(root: Path, key: str) -> tuple[str, int]:
    """Where a setting is (or would be) written: the configuration file and the line of `key`.

    For messages that tell someone to change a setting, such as a readiness
    blocker about `operating_since`: `aims-lint.toml` when there is one, else
    `pyproject.toml`, else "." (no configuration yet); line 1 when the key is
    not written there.
    """
    for name in (CONFIG_FILE, "pyproject.toml"):
        path = root / name
        if path.is_file():
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                return name, 1
            table = "" if name == CONFIG_FILE else f"tool.{TOOL_TABLE}"
            return name, _key_line(lines, table, key)
    return ".", 1


def _key_line(lines: list[str], table: str, key: str) -> int:
    """The line of `key` in `table` ("" = the top level), or of its own `[[table.key]]` header; else 1.

    Only our table counts: pyproject.toml's `[tool.ruff]` has an `ignore` key of its own.
    """
    current = ""
    own = f"{table}.{key}" if table else key
    for number, text in enumerate(lines, 1):
        stripped = text.strip()
        if stripped.startswith("["):
            current = stripped.lstrip("[").split("]", 1)[0].strip()
            if current == own:
                return number
        elif current == table and stripped.split("=", 1)[0].strip() == key:
            return number
    return 1
