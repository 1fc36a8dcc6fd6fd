"""The signature table: one test per kind of entry (a package of each ecosystem, a host, a key
variable, a loader, a model file extension), each found in a real file, each also added by an
extension file; and the checks that refuse a bad signature file with a clear message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aims_lint.ai_usage import signatures as sigs
from aims_lint.ai_usage.evidence import Confidence, Kind, Unreadable, Use
from aims_lint.cli import main
from aims_lint.config import ConfigError, Settings
from tests.ai_scan import place, scan_tree, uses

EXTENSION = """\
# Acme's own AI services, added to the packaged signatures.
version: 1
packages:
  pypi:
    - {name: acme-llm, category: provider-sdk, provider: acme, confidence: high}
  npm:
    - {name: "@acme/*", category: provider-sdk, provider: acme, confidence: medium}
  go:
    - {name: git.acme.example/ai/client, category: provider-sdk, provider: acme, confidence: high}
  rubygems:
    - {name: acme-ai, category: provider-sdk, provider: acme, confidence: high}
  maven:
    - {name: "com.acme.ai:*", category: provider-sdk, provider: acme, confidence: high}
    # replaces the packaged entry: Acme trusts Spring AI less
    - {name: "org.springframework.ai:*", category: llm-framework, provider: "", confidence: low}
hosts:
  - {host: "llm.*.acme.example", provider: acme}
keys:
  - {variable: ACME_LLM_KEY, provider: acme, confidence: high}
loaders:
  - load_acme_model
model_files:
  .acmemodel: safetensors
"""


def _settings(root: Path) -> Settings:
    return Settings(root=root)


@pytest.fixture()
def extended(tmp_path: Path) -> sigs.Signatures:
    """The packaged table and Acme's extension, kept out of the tree the tests scan (the
    extension names a key variable itself, and a YAML file is configuration)."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "ai-signatures.yaml").write_text(EXTENSION, encoding="utf-8")
    return sigs.load(_settings(config), ["ai-signatures.yaml"])


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def _scan(root: Path, files: dict[str, str], table: sigs.Signatures) -> list[Use | Unreadable]:
    _write(root / "tree", files)
    return scan_tree(root / "tree", table)


def test_packaged_table_loads_and_is_cached() -> None:
    table = sigs.load(Settings())
    assert table is sigs.load(Settings())
    assert table.sources == (sigs.PACKAGED,)
    # every ecosystem, every kind of entry is there
    assert {eco for eco, _ in table.packages} == set(sigs.ECOSYSTEMS)
    assert table.hosts and table.keys and table.loaders and table.model_keys and table.model_files
    # boto3 is AI only when it calls Bedrock: the hosts say so, not the package
    assert table.package("pypi", "boto3") is None
    assert table.host("bedrock-runtime.us-east-1.amazonaws.com") is not None


GO_MOD = """\
module github.com/acme/summariser

go 1.23

require github.com/sashabaranov/go-openai v1.35.6

require (
\tgithub.com/anthropics/anthropic-sdk-go v0.2.0-alpha.8
\tgithub.com/cohere-ai/cohere-go/v2 v2.12.2 // indirect
\tgit.acme.example/ai/client v0.3.1
\tgolang.org/x/sync v0.9.0
)

replace github.com/tmc/langchaingo => ../langchaingo
"""

GEMFILE_LOCK = """\
GEM
  remote: https://rubygems.org/
  specs:
    acme-ai (0.4.0)
    faraday (2.12.1)
      faraday-net_http (>= 2.0, < 3.4)
    langchainrb (0.19.0)
      baran (~> 0.1.9)
    ruby-openai (7.3.1)
      faraday (>= 1)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  acme-ai
  langchainrb (~> 0.19)
  ruby-openai (~> 7.3)

BUNDLED WITH
   2.5.23
"""

GEMFILE = """\
source "https://rubygems.org"

gem "rails", "~> 8.0"
gem "ruby-openai", "7.3.1"
gem 'langchainrb'
"""

POM = """\
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>assistant</artifactId>
  <version>2.1.0</version>
  <properties>
    <langchain4j.version>0.36.2</langchain4j.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.springframework.ai</groupId>
        <artifactId>spring-ai-bom</artifactId>
        <version>1.0.0-M4</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>dev.langchain4j</groupId>
      <artifactId>langchain4j-open-ai</artifactId>
      <version>${langchain4j.version}</version>
    </dependency>
    <dependency>
      <groupId>com.theokanning.openai-gpt3-java</groupId>
      <artifactId>service</artifactId>
      <version>0.18.2</version>
    </dependency>
    <dependency>
      <groupId>com.acme.ai</groupId>
      <artifactId>acme-client</artifactId>
      <version>${project.version}</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-api</artifactId>
      <version>2.0.16</version>
    </dependency>
  </dependencies>
</project>
"""


def test_pypi_package_signature(tmp_path: Path, extended: sigs.Signatures) -> None:
    text = ("acme-llm==2.0.1\nAcme_LLM>=2\nflask==3.1.0\ntransformers==4.46.3\n"
            "acme-llm @ https://ci:t0ken-value@git.acme.example/acme_llm-2.0.1-py3-none-any.whl\n")
    found = uses(_scan(tmp_path, {"requirements-ml.txt": text}, extended), Kind.DEPENDENCY)
    assert [(u.name, u.line, u.provider, u.confidence) for u in found] == [
        ("acme-llm", 1, "acme", Confidence.HIGH),
        ("Acme_LLM", 2, "acme", Confidence.HIGH),  # PEP 503: the same package
        ("transformers", 4, "hugging-face", Confidence.HIGH),
        ("acme-llm", 5, "acme", Confidence.HIGH),
    ]
    assert found[3].evidence == "acme-llm @ https://git.acme.example/acme_llm-2.0.1-py3-none-any.whl"
    packaged = uses(scan_tree(tmp_path / "tree"), Kind.DEPENDENCY)
    assert [u.name for u in packaged] == ["transformers"]


def test_npm_package_signature(tmp_path: Path, extended: sigs.Signatures) -> None:
    text = '{"dependencies": {"@acme/llm": "1.0.0", "left-pad": "1.3.0", "openai": "^4.73.0"}}\n'
    found = uses(_scan(tmp_path, {"package.json": text}, extended), Kind.DEPENDENCY)
    assert [(u.name, u.column, u.provider, u.confidence) for u in found] == [
        ("@acme/llm", place(text, "@acme/llm")[1], "acme", Confidence.MEDIUM),
        ("openai", place(text, 'openai"')[1], "openai", Confidence.HIGH),
    ]


def test_go_module_signature(tmp_path: Path, extended: sigs.Signatures) -> None:
    found = uses(_scan(tmp_path, {"go.mod": GO_MOD}, extended), Kind.DEPENDENCY)
    assert [(u.name, u.version, u.line, u.column) for u in found] == [
        ("github.com/sashabaranov/go-openai", "v1.35.6", *place(GO_MOD, "github.com/sashabaranov")),
        ("github.com/anthropics/anthropic-sdk-go", "v0.2.0-alpha.8", *place(GO_MOD, "github.com/anthropics")),
        ("github.com/cohere-ai/cohere-go/v2", "v2.12.2", *place(GO_MOD, "github.com/cohere-ai")),
        ("git.acme.example/ai/client", "v0.3.1", *place(GO_MOD, "git.acme.example")),
    ]  # the replace directive names no new dependency


def test_rubygems_signature(tmp_path: Path, extended: sigs.Signatures) -> None:
    files = {"Gemfile.lock": GEMFILE_LOCK, "Gemfile": GEMFILE}
    found = uses(_scan(tmp_path, files, extended), Kind.DEPENDENCY)
    assert [(u.path, u.name, u.version, u.line, u.column) for u in found] == [
        ("Gemfile", "ruby-openai", "7.3.1", *place(GEMFILE, "ruby-openai")),
        ("Gemfile", "langchainrb", "", *place(GEMFILE, "langchainrb")),
        ("Gemfile.lock", "acme-ai", "0.4.0", *place(GEMFILE_LOCK, "acme-ai (")),
        ("Gemfile.lock", "langchainrb", "0.19.0", *place(GEMFILE_LOCK, "langchainrb (")),
        ("Gemfile.lock", "ruby-openai", "7.3.1", *place(GEMFILE_LOCK, "ruby-openai (")),
    ]


def test_maven_signature_and_replacement(tmp_path: Path, extended: sigs.Signatures) -> None:
    found = uses(_scan(tmp_path, {"pom.xml": POM}, extended), Kind.DEPENDENCY)
    assert [(u.name, u.version, u.line, u.column, u.confidence) for u in found] == [
        ("org.springframework.ai:spring-ai-bom", "1.0.0-M4", *place(POM, "<artifactId>spring-ai-bom"),
         Confidence.LOW),  # the extension's entry replaced the packaged one
        ("dev.langchain4j:langchain4j-open-ai", "0.36.2", *place(POM, "<artifactId>langchain4j"),
         Confidence.HIGH),
        ("com.theokanning.openai-gpt3-java:service", "0.18.2", *place(POM, "<artifactId>service"),
         Confidence.HIGH),
        ("com.acme.ai:acme-client", "2.1.0", *place(POM, "<artifactId>acme-client"), Confidence.HIGH),
    ]
    packaged = uses(scan_tree(tmp_path / "tree"), Kind.DEPENDENCY)
    assert [u.confidence for u in packaged if "springframework" in u.name] == [Confidence.HIGH]


def test_host_signature(tmp_path: Path, extended: sigs.Signatures) -> None:
    code = 'URLS = ["https://llm.eu.acme.example/v1", "https://api.mistral.ai/v1", "https://www.acme.example"]\n'
    found = uses(_scan(tmp_path, {"urls.py": code}, extended), Kind.ENDPOINT)
    assert [(u.name, u.column, u.provider) for u in found] == [
        ("llm.eu.acme.example", place(code, "llm.eu")[1], "acme"),
        ("api.mistral.ai", place(code, "api.mistral")[1], "mistral"),
    ]
    assert [u.name for u in uses(scan_tree(tmp_path / "tree"), Kind.ENDPOINT)] == ["api.mistral.ai"]


def test_key_signature(tmp_path: Path, extended: sigs.Signatures) -> None:
    code = 'package main\n\nvar key = os.Getenv("ACME_LLM_KEY")\nvar other = os.Getenv("MISTRAL_API_KEY")\n'
    docker = "FROM python:3.12-slim\nENV ACME_LLM_KEY=\"\"\n"
    found = uses(_scan(tmp_path, {"main.go": code, "Dockerfile": docker}, extended), Kind.KEY_VARIABLE)
    assert [(u.path, u.name, u.line, u.confidence) for u in found] == [
        ("Dockerfile", "ACME_LLM_KEY", 2, Confidence.HIGH),
        ("main.go", "ACME_LLM_KEY", 3, Confidence.HIGH), ("main.go", "MISTRAL_API_KEY", 4, Confidence.MEDIUM)]
    # a longer name that merely contains a key's name is not it
    _write(tmp_path / "tree", {"main.go": 'var k = os.Getenv("MY_OPENAI_API_KEY_FILE")\n'})
    assert uses(scan_tree(tmp_path / "tree", extended), Kind.KEY_VARIABLE, "main.go") == []


def test_loader_signature(tmp_path: Path, extended: sigs.Signatures) -> None:
    code = ('m = acme.load_acme_model("acme/summariser-7b")\n'
            'e = SentenceTransformer("sentence-transformers/all-mpnet-base-v2")\n'
            'x = unrelated_call("acme/not-a-model")\n')
    found = uses(_scan(tmp_path, {"load.py": code}, extended), Kind.HUB_MODEL)
    assert [(u.model, u.line, u.column, u.evidence) for u in found] == [
        ("acme/summariser-7b", *place(code, "acme/summariser"), 'load_acme_model("acme/summariser-7b")'),
        ("sentence-transformers/all-mpnet-base-v2", *place(code, "sentence-transformers/"),
         'SentenceTransformer("sentence-transformers/all-mpnet-base-v2")'),
    ]
    packaged = uses(scan_tree(tmp_path / "tree"), Kind.HUB_MODEL)
    assert [u.model for u in packaged] == ["sentence-transformers/all-mpnet-base-v2"]


def test_model_file_signature(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """An extension file's `model_files` entry makes that format's scanner read the extension,
    through `discover` itself: a real safetensors file named `.weights` is a model file."""
    import numpy
    from safetensors.numpy import save

    tensors = save({"w": numpy.zeros((2, 2), dtype=numpy.float32)})
    for name in ("m.weights", "m.safetensors", "plain.weights2"):
        (tmp_path / "models" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "models" / name).write_bytes(tensors)
    (tmp_path / "ai-signatures.yaml").write_text("version: 1\nmodel_files:\n  .weights: safetensors\n",
                                                 encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def model_files(config: str) -> list[str]:
        (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
        assert main(["discover", "models", "--format", "json", "--today", "2026-12-02"]) == 0
        found = json.loads(capsys.readouterr().out)["findings"]
        return sorted(f["path"] for f in found if f["rule"] == "AIMS1202")

    assert model_files("[tool.aims_lint]\n") == ["models/m.safetensors"]
    extended = '[tool.aims_lint.discover]\nsignatures = ["ai-signatures.yaml"]\n'
    assert model_files(extended) == ["models/m.safetensors", "models/m.weights"]


def test_extension_file_is_reread_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "ai-signatures.yaml"
    path.write_text("version: 1\nkeys:\n  - {variable: ACME_ONE, provider: acme}\n", encoding="utf-8")
    first = sigs.load(_settings(tmp_path), ["ai-signatures.yaml"])
    path.write_text("version: 1\nkeys:\n  - {variable: ACME_TWO_LONGER, provider: acme}\n", encoding="utf-8")
    second = sigs.load(_settings(tmp_path), ["ai-signatures.yaml"])
    assert first.key("ACME_ONE") is not None and second.key("ACME_ONE") is None
    assert second.key("ACME_TWO_LONGER") is not None


@pytest.mark.parametrize(("text", "message"), [
    ("packages: {}\n", "ai.yaml:1:1: (top level): version: missing; write `version: 1`"),
    ("version: 2\n", "ai.yaml:1:10: version: must be 1"),
    ("version: 1\nhost:\n  - {host: a.example, provider: a}\n",
     "ai.yaml:2:1: host: unknown key; the keys are"),
    ("version: 1\npackages:\n  cargo: []\n", "ai.yaml:3:3: packages.cargo: unknown ecosystem"),
    ("version: 1\npackages:\n  pypi:\n    - {name: x, category: llm, confidence: high}\n",
     "ai.yaml:4:27: packages.pypi[0].category: 'llm' is not one of provider-sdk"),
    ("version: 1\npackages:\n  pypi:\n    - {name: x, category: inference}\n",
     "ai.yaml:4:7: packages.pypi[0]: confidence: missing"),
    ("version: 1\npackages:\n  maven:\n    - {name: artifact, category: inference, confidence: low}\n",
     "packages.maven[0].name: 'artifact' is not groupId:artifactId"),
    ("version: 1\nhosts:\n  - {host: API.OpenAI.com, provider: openai}\n",
     "ai.yaml:3:12: hosts[0].host: 'API.OpenAI.com' is not a lower-case host name"),
    ("version: 1\nhosts:\n  - {host: 'llm.acme.*', provider: a}\n",
     "hosts[0].host: 'llm.acme.*': write out the last part of the name"),
    ("version: 1\nhosts:\n  - {host: a.example, provider: a, confidence: certain}\n",
     "hosts[0].confidence: 'certain' is not one of high, medium, low"),
    ("version: 1\nkeys:\n  - {variable: OPENAI-KEY, provider: openai}\n",
     "keys[0].variable: 'OPENAI-KEY' is not"),
    ("version: 1\nkeys:\n  - {variable: A_KEY, provder: a}\n", "keys[0].provder: unknown key"),
    ("version: 1\nloaders: [from_pretrained, 'not a name']\n", "loaders[1]: 'not a name' is not a call"),
    ("version: 1\nmodel_files:\n  gguf: gguf\n",
     "ai.yaml:3:3: model_files.gguf: is not a lower-case file extension"),
    ("version: 1\nmodel_files:\n  .acmemodel: acme\n",
     "model_files..acmemodel: unknown format 'acme': discovery reads coreml, gguf, hdf5"),
    ("version: 1\nversion: 1\n", "ai.yaml:2:1: not valid YAML: duplicate key 'version'"),
    ("version: 1\nkeys: [\n", "ai.yaml:3:1: not valid YAML"),
    ("- 1\n", "a signature file is a mapping"),
    ("version: 1\npackages:\n  npm:\n    - {name: a, category: inference, confidence: low}\n"
     "    - {name: A, category: inference, confidence: low}\n", "packages.npm: a is listed twice"),
])
def test_bad_signature_file_is_a_clear_configuration_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "ai.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        sigs.load(_settings(tmp_path), ["ai.yaml"])
    assert message in str(raised.value)


def test_every_problem_of_a_file_in_one_message(tmp_path: Path) -> None:
    (tmp_path / "ai.yaml").write_text(
        "version: 1\nhosts:\n  - {host: 'x y', provider: a}\nkeys:\n  - {variable: '', provider: a}\n",
        encoding="utf-8")
    with pytest.raises(sigs.SignatureError) as raised:
        sigs.load(_settings(tmp_path), ["ai.yaml"])
    assert "ai.yaml:3:" in str(raised.value) and "ai.yaml:5:" in str(raised.value)


def test_missing_extension_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"signature file nowhere.yaml: not found"):
        sigs.load(_settings(tmp_path), ["nowhere.yaml"])


@pytest.mark.parametrize("call", [
    'AutoModel.from_pretrained("./checkpoints/run-3")',
    'AutoModel.from_pretrained("models/bert-finetuned")',
    'AutoModel.from_pretrained("outputs/epoch-2")',
    'hf_hub_download(repo_id=repo, filename="org/config.json")',
    'AutoModel.from_pretrained(f"{org}/{name}")',
    'AutoModel.from_pretrained("bert-base-uncased")',
    'pipeline("text-generation", model=name, tokenizer="org/tok")',
    'pipelines("org/name")',
    'AutoModel.from_pretrained(path)  # "org/name" in a comment after the call',
])
def test_not_a_hub_model(tmp_path: Path, call: str) -> None:
    _write(tmp_path, {"load.py": f"from transformers import AutoModel\nm = {call}\n"})
    assert uses(scan_tree(tmp_path), Kind.HUB_MODEL) == []


@pytest.mark.parametrize(("call", "model"), [
    ('AutoModel.from_pretrained(\n    "org/name-1.5B",\n    trust_remote_code=True,\n)', "org/name-1.5B"),
    ("timm.create_model('hf-hub:timm/vit_base_patch16_224.augreg_in21k', pretrained=True)",
     "timm/vit_base_patch16_224.augreg_in21k"),
    ('hf_hub_download(repo_id="TheBloke/Mistral-7B-GGUF", filename="mistral-7b.Q4_K_M.gguf")',
     "TheBloke/Mistral-7B-GGUF"),
    ('LLM(model="Qwen/Qwen2.5-7B-Instruct", tensor_parallel_size=2)', "Qwen/Qwen2.5-7B-Instruct"),
])
def test_hub_model_forms(tmp_path: Path, call: str, model: str) -> None:
    _write(tmp_path, {"load.py": f"m = {call}\n"})
    assert [u.model for u in uses(scan_tree(tmp_path), Kind.HUB_MODEL)] == [model]


def test_an_empty_table_finds_nothing_and_fails_nowhere(tmp_path: Path) -> None:
    _write(tmp_path, {
        "requirements.txt": "openai==1.0\n",
        "app.py": 'OpenAI(base_url="https://api.openai.com")\n',
        "package.json": '{"dependencies": {"openai": "^4"}}\n',
        ".env.example": "OPENAI_API_KEY=\n",
    })
    assert scan_tree(tmp_path, sigs.Signatures()) == []
    assert len(uses(scan_tree(tmp_path))) == 4  # the packaged table finds each
