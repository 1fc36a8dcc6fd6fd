"""What discovery recognises, as data: `aims_lint/data/ai_usage/signatures.yaml`, extended by
the files configuration names (`discover.signatures`, docs/inventory.md).

Placeholder contract (filled in by the signatures work): the loader reads the YAML into these
frozen tables; scanners only look names up in them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aims_lint.ai_usage.evidence import Confidence
from aims_lint.config import Settings


@dataclass(frozen=True)
class PackageSignature:
    ecosystem: str  # "pypi", "npm", "go", "rubygems", "maven"
    name: str  # normalised: PEP 503 for pypi, lower case elsewhere; Maven "group:artifact"
    category: str  # "provider-sdk", "llm-framework", "ml-library", "inference", "vector-store"
    provider: str  # who is behind it, e.g. "openai"; "" for a general library
    confidence: Confidence


@dataclass(frozen=True)
class HostSignature:
    host: str  # e.g. "api.openai.com"; a leading "*." matches any subdomain
    provider: str


@dataclass(frozen=True)
class KeySignature:
    variable: str  # e.g. "OPENAI_API_KEY"
    provider: str


@dataclass(frozen=True)
class Signatures:
    # (ecosystem, normalised name) -> signature
    packages: dict[tuple[str, str], PackageSignature] = field(default_factory=dict)
    hosts: tuple[HostSignature, ...] = ()
    keys: tuple[KeySignature, ...] = ()
    # Call names that take a hub model id as first argument or `model=`/`repo_id=`/`model_id=`,
    # e.g. "from_pretrained", "pipeline", "hf_hub_download", "SentenceTransformer".
    loaders: tuple[str, ...] = ()
    # Model file extensions (".safetensors", ".gguf", ".onnx", ...) -> format name.
    model_files: dict[str, str] = field(default_factory=dict)


def load(settings: Settings) -> Signatures:
    """The packaged signatures with the configured extension files added (to be written)."""
    return Signatures()
