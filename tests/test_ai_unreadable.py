"""Manifests discovery cannot read become `Unreadable` (AIMS1209) with a clear message and a
line, never a traceback; and a real pip-compile lock file (this project's own) is read whole."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from aims_lint.ai_usage.evidence import Kind, Unreadable, Use
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.scanners import SCANNERS
from aims_lint.ai_usage.signatures import load
from aims_lint.config import Settings

PROJECT = Path(__file__).resolve().parent.parent

BILLION_LAUGHS = """\
<?xml version="1.0"?>
<!DOCTYPE project [
  <!ENTITY a "ha">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<project><dependencies><dependency><groupId>&c;</groupId><artifactId>x</artifactId></dependency>
</dependencies></project>
"""


def _scan(path: str, data: bytes, *, complete: bool = True) -> list[Use | Unreadable]:
    file = ScannedFile(path, data, len(data) + (0 if complete else 1), complete)
    table = load(Settings())
    return [found for scanner in SCANNERS if scanner.wants(PurePosixPath(path), table)
            for found in scanner.scan(file, table)]


@pytest.mark.parametrize(("path", "data", "line", "message"), [
    ("pyproject.toml", b'[project]\ndependencies = ["openai"\n', 3, "not valid TOML"),
    ("poetry.lock", b'[[package]]\nname = "openai\n', 2, "not valid TOML"),
    ("package.json", b'{\n  "dependencies": {"openai": "^4",}\n}\n', 2, "not valid JSON"),
    ("package-lock.json", b"[1, 2]\n", 1, "is not a JSON object"),
    ("pom.xml", BILLION_LAUGHS.encode(), 2, "a document type declaration (DOCTYPE) is not accepted"),
    ("pom.xml", b"<project><dependencies></project>\n", 1, "not well-formed XML: mismatched tag"),
    ("requirements.txt", b"openai==1.0\n\xff\xfe\n", 1, "not UTF-8 text"),
    ("go.mod", "module x\nrequire github.com/openai/openai-go v0.1\n".encode("utf-16"), 1, "not UTF-8 text"),
])
def test_unreadable_manifest(path: str, data: bytes, line: int, message: str) -> None:
    found = _scan(path, data)
    assert [(type(f).__name__, f.line) for f in found] == [("Unreadable", line)]
    assert isinstance(found[0], Unreadable) and message in found[0].message


def test_a_manifest_cut_at_the_size_limit_is_not_guessed_at() -> None:
    found = _scan("package-lock.json", b'{"packages": {"node_modules/openai": {', complete=False)
    assert len(found) == 1 and isinstance(found[0], Unreadable) and "size limit" in found[0].message


def test_code_that_is_not_utf8_is_reported_not_skipped_in_silence() -> None:
    found = _scan("app.py", "openai.OpenAI()  # café\n".encode("utf-16"))
    assert [(type(f).__name__, f.line) for f in found] == [("Unreadable", 1)]
    assert isinstance(found[0], Unreadable) and "not UTF-8 text; not searched" in found[0].message


def test_this_projects_pip_compile_lock() -> None:
    """requirements/lock.txt is a real pip-compile output with hashes on continuation lines;
    the test extras lock safetensors and onnx, which are ML libraries."""
    text = (PROJECT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    found = [f for f in _scan("requirements/lock.txt", text.encode()) if isinstance(f, Use)]
    names = {u.name: u for u in found}
    assert {"onnx", "safetensors"} <= set(names)
    lines = text.splitlines()
    for name in ("onnx", "safetensors"):
        use = names[name]
        assert use.kind is Kind.DEPENDENCY
        assert lines[use.line - 1].startswith(f"{name}=={use.version}")
        assert use.column == 1 and "--hash" not in use.evidence
    assert all(isinstance(f, Use) for f in _scan("requirements/lock.txt", text.encode()))


@pytest.mark.parametrize(("path", "wanted_by"), [
    ("requirements.txt", ["python requirements"]),
    ("requirements-dev.in", ["python requirements"]),
    ("requirements/prod.txt", ["python requirements"]),
    ("notes.txt", []),
    ("pyproject.toml", ["pyproject.toml", "code and configuration"]),
    ("poetry.lock", ["python lock files"]),
    ("uv.lock", ["python lock files"]),
    ("pylock.toml", ["python lock files", "code and configuration"]),
    ("web/package.json", ["package.json", "code and configuration"]),
    ("web/package-lock.json", ["package-lock.json"]),
    ("npm-shrinkwrap.json", ["package-lock.json"]),
    ("go.mod", ["go.mod"]),
    ("Gemfile.lock", ["Gemfile.lock"]),
    ("Gemfile", ["Gemfile"]),
    ("pom.xml", ["pom.xml"]),
    ("src/app.py", ["code and configuration"]),
    ("src/app.tsx", ["code and configuration"]),
    ("cmd/main.go", ["code and configuration"]),
    ("docker-compose.yml", ["code and configuration"]),
    (".github/workflows/ci.yml", ["code and configuration"]),
    ("Dockerfile", ["code and configuration"]),
    (".env.example", ["code and configuration"]),
    ("config/.env.sample", ["code and configuration"]),
    (".env", []),  # a real environment file holds real secrets: never read
    (".env.local", []),
    (".env.production", []),
    ("dist/app.min.js", []),
    ("pnpm-lock.yaml", []),
    ("README.md", []),
])
def test_which_scanners_want_a_file(path: str, wanted_by: list[str]) -> None:
    """What docs/ai-signatures.md's table of files says, as a test."""
    assert [s.name for s in SCANNERS if s.wants(PurePosixPath(path), load(Settings()))] == wanted_by
