"""Settings: command line over `[tool.aims_lint]` (or `aims-lint.toml`) over defaults.

Unknown keys are a configuration error (exit 2), never silently ignored: a
misspelt `ignroe` must not quietly switch a rule back on in CI.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aims_lint.findings import Severity

CONFIG_FILE = "aims-lint.toml"


class ConfigError(Exception):
    """Bad configuration or schemas: reported on stderr with exit code 2."""


class Suppression(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str = Field(min_length=1, description="rule code or name")
    path: str = Field(default="*", description="glob of repo-relative paths")
    reason: str = Field(min_length=3, description="why this finding is accepted")


class SiteSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source_dir: str = "build/site-src"
    exclude_confidential: bool = False
    repo_url: str | None = None


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    root: Path = Field(default=Path("."), exclude=True)
    paths: tuple[str, ...] = ("policies", "procedures", "records")
    schemas: str = "schemas"
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = Field(default_factory=dict)
    due_soon_days: int = Field(default=30, ge=0)
    max_file_bytes: int = Field(default=1_048_576, gt=0)
    suppress: tuple[Suppression, ...] = ()
    site: SiteSettings = Field(default_factory=SiteSettings)


def find_root(start: Path) -> Path:
    """The nearest folder that configures aims_lint or holds `schemas/`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file() or _has_tool_table(folder / "pyproject.toml"):
            return folder
    for folder in (start, *start.parents):
        if (folder / "schemas").is_dir():
            return folder
    return start


def load_settings(root: Path, overrides: dict[str, Any] | None = None) -> Settings:
    values = {**_file_values(root), **{k: v for k, v in (overrides or {}).items() if v is not None}}
    try:
        return Settings(root=root, **values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(f"invalid configuration: {problems}") from None


def _file_values(root: Path) -> dict[str, Any]:
    own = root / CONFIG_FILE
    if own.is_file():
        return _read_toml(own)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        tool = _read_toml(pyproject).get("tool", {})
        return dict(tool.get("aims_lint", {}))
    return {}


def _has_tool_table(pyproject: Path) -> bool:
    if not pyproject.is_file():
        return False
    try:
        return "aims_lint" in _read_toml(pyproject).get("tool", {})
    except ConfigError:
        return False


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path.name}: cannot read configuration: {exc}") from None
