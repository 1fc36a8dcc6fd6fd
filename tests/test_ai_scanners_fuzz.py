"""Scanners never raise on bad bytes: random content, alone or behind each format's magic
bytes, whole or cut to the head, gives uses or unreadable files and nothing else; so does odd
text, drawn from the formats' own tokens, for the manifest and code scanners. The model
scanners' safety net (any exception becomes an Unreadable naming it) must not be what
catches them: each format's reader handles bad bytes itself."""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aims_lint.ai_usage import model_files, sbom
from aims_lint.ai_usage.code import CodeAndConfig
from aims_lint.ai_usage.evidence import Unreadable, Use
from aims_lint.ai_usage.manifests.gomod import GoMod
from aims_lint.ai_usage.manifests.maven import PomXml
from aims_lint.ai_usage.manifests.npm import PackageJson, PackageLock
from aims_lint.ai_usage.manifests.pypi import Pyproject, PythonLock, Requirements
from aims_lint.ai_usage.manifests.ruby import Gemfile, GemfileLock
from aims_lint.ai_usage.scanner import ScannedFile
from aims_lint.ai_usage.signatures import Signatures
from tests.ai_usage_files import PACKAGED

SAFETY_NET = re.compile(r"could not read the header \(")
SCANNERS = (*model_files.SCANNERS, *sbom.SCANNERS)
PATHS = {
    "SafetensorsScanner": "m.safetensors",
    "GgufScanner": "m.gguf",
    "OnnxScanner": "m.onnx",
    "CoreMlScanner": "m.mlmodel",
    "PytorchScanner": "m.pt",
    "Hdf5Scanner": "m.h5",
    "KerasScanner": "m.keras",
    "TfliteScanner": "m.tflite",
    "PickleScanner": "m.pkl",
    "SbomScanner": "m.cdx.json",
}
MAGIC = [
    b"",
    b"GGUF\x03\x00\x00\x00",
    b"PK\x03\x04",
    model_files.HDF5_SIGNATURE,
    b"\x80\x04\x95",
    b"\x1f\x8b",
    b"\x10\x00\x00\x00TFL3",
    b"\x08\x07\x12",
    b"\x58\x00\x00\x00\x00\x00\x00\x00{",
    b'{"bomFormat": "CycloneDX"',
    b"SPDXVersion: SPDX-2.3\n",
    b"x\x9c",
    b"\xfd7zXZ",
    b"BZh",
]


def check(scanner: Any, content: bytes, head: int) -> None:
    path = PATHS[type(scanner).__name__]
    assert scanner.wants(PurePosixPath(path), PACKAGED)
    data = content[:head] if scanner.head_bytes is None or head < scanner.head_bytes else content
    file = ScannedFile(path, data, len(content), complete=len(data) == len(content))
    for item in scanner.scan(file, Signatures()):
        assert isinstance(item, Use | Unreadable) and item.path == path and item.line >= 1
        if isinstance(item, Unreadable):
            assert not SAFETY_NET.search(item.message), item.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scanner=st.sampled_from(SCANNERS),
    magic=st.sampled_from(MAGIC),
    rest=st.binary(max_size=600),
    head=st.integers(min_value=0, max_value=700),
)
def test_no_scanner_raises_on_random_bytes(scanner: Any, magic: bytes, rest: bytes, head: int) -> None:
    check(scanner, magic + rest, head)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from(["bom-ref", "type", "name", "group", "version", "purl", "modelCard", "components"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spec=st.sampled_from(["1.5", "1.6", "1.4", 1.6, None]),
    components=st.lists(st.dictionaries(KEYS, JSON, max_size=6), max_size=4),
)
def test_the_sbom_scanner_never_raises_on_odd_cyclonedx_documents(
    spec: object, components: list[Any]
) -> None:
    document = {"bomFormat": "CycloneDX", "specVersion": spec, "version": 1, "components": components}
    check(sbom.SbomScanner(), json.dumps(document).encode(), 10**6)


# The manifest and code scanners have no safety net of their own: the walk's turns an exception
# into an AIMS1209 "scanner failed" warning, which would hide a crash as an unreadable file. Here
# any exception fails the test. The text is drawn from each format's own tokens, so the parsers
# get past their first line.
TEXT_SCANNERS = {
    "requirements.txt": Requirements(), "pyproject.toml": Pyproject(), "poetry.lock": PythonLock(),
    "uv.lock": PythonLock(), "package.json": PackageJson(), "package-lock.json": PackageLock(),
    "go.mod": GoMod(), "Gemfile.lock": GemfileLock(), "Gemfile": Gemfile(), "pom.xml": PomXml(),
    "app.py": CodeAndConfig(), "app.ts": CodeAndConfig(), "config.yaml": CodeAndConfig(),
    ".env.example": CodeAndConfig(), "docker-compose.yml": CodeAndConfig(),
}
TOKENS = st.sampled_from([
    "openai", "anthropic", "torch", "transformers", "==1.0", ">=", "@", " @ https://x.example/a.whl?t=1",
    "[project]", "dependencies = [", "[tool.poetry.dependencies]", "[[package]]", 'name = "', "version = ",
    '"', "'", "{", "}", "[", "]", ":", ",", "=", "\n", " ", "#", "-r ", "-e ", "\\",
    '{"dependencies": {', '"packages": {"node_modules/openai": {', '"lockfileVersion": 3',
    "module x\n", "require (", ")", "github.com/openai/openai-go v0.1", "replace ", "=>",
    "GEM\n", "  specs:\n", "    ruby-openai (7.0)\n", "gem 'ruby-openai'", "DEPENDENCIES\n",
    "<project>", "</project>", "<dependencies>", "<dependency>", "<groupId>", "</groupId>",
    "<artifactId>", "</artifactId>", "<version>${x}</version>", "<properties>", "<![CDATA[", "&amp;",
    "from_pretrained(", "pipeline(", "model=", "repo_id=", "meta-llama/Llama-3", "api.openai.com",
    "OPENAI_API_KEY", "os.environ[", "process.env.", "`", "${", "model: ", "\t", "\r\n", "\x00", "é",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(sorted(TEXT_SCANNERS)),
    text=st.lists(TOKENS, max_size=60).map("".join),
    noise=st.binary(max_size=40),
    cut=st.booleans(),
)
def test_no_manifest_or_code_scanner_raises_on_odd_text(
    path: str, text: str, noise: bytes, cut: bool
) -> None:
    scanner = TEXT_SCANNERS[path]
    assert scanner.wants(PurePosixPath(path), PACKAGED)
    content = text.encode("utf-8") + (noise if cut else b"")
    file = ScannedFile(path, content, len(content), complete=True)
    for item in scanner.scan(file, PACKAGED):
        assert isinstance(item, Use | Unreadable) and item.path == path and item.line >= 1
        assert not isinstance(item, Use) or "t=1" not in item.evidence  # query strings never shown
