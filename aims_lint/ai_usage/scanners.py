"""Every scanner discovery runs, in the order their uses are reported for one file."""

from __future__ import annotations

from aims_lint.ai_usage import model_files, sbom
from aims_lint.ai_usage.code import CodeAndConfig
from aims_lint.ai_usage.manifests.gomod import GoMod
from aims_lint.ai_usage.manifests.maven import PomXml
from aims_lint.ai_usage.manifests.npm import PackageJson, PackageLock
from aims_lint.ai_usage.manifests.pypi import Pyproject, PythonLock, Requirements
from aims_lint.ai_usage.manifests.ruby import Gemfile, GemfileLock
from aims_lint.ai_usage.scanner import Scanner

SCANNERS: tuple[Scanner, ...] = (
    # dependency manifests and lock files (AIMS1201)
    Requirements(),
    Pyproject(),
    PythonLock(),
    PackageJson(),
    PackageLock(),
    GoMod(),
    GemfileLock(),
    Gemfile(),
    PomXml(),
    # hub model ids, provider hosts and key variable names (AIMS1203-AIMS1205)
    CodeAndConfig(),
    # model files by their headers (AIMS1202) and SBOMs by their content (AIMS1206)
    *model_files.SCANNERS,
    *sbom.SCANNERS,
)
