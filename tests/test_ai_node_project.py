"""Discovery scanners on a small real Node project written into a temporary folder:
package.json, a lockfileVersion 3 package-lock.json (written the way npm 10 writes one; the
tests run offline, so npm cannot make it), and code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aims_lint.ai_usage.evidence import Confidence, Kind, Unreadable, Use
from tests.ai_scan import place, scan_tree, uses

PROJECT = Path(__file__).resolve().parent.parent

PACKAGE_JSON = """\
{
  "name": "support-bot",
  "version": "1.2.0",
  "private": true,
  "type": "module",
  "scripts": {
    "start": "node src/index.mjs",
    "test": "node --test"
  },
  "dependencies": {
    "@anthropic-ai/sdk": "^0.32.1",
    "@langchain/openai": "^0.3.14",
    "express": "^4.21.1",
    "llm": "npm:openai@^4.73.0"
  },
  "devDependencies": {
    "@huggingface/transformers": "3.1.0",
    "typescript": "^5.6.3"
  }
}
"""

PACKAGE_LOCK = """\
{
  "name": "support-bot",
  "version": "1.2.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "support-bot",
      "version": "1.2.0",
      "dependencies": {
        "@anthropic-ai/sdk": "^0.32.1",
        "@langchain/openai": "^0.3.14",
        "express": "^4.21.1",
        "llm": "npm:openai@^4.73.0"
      },
      "devDependencies": {
        "@huggingface/transformers": "3.1.0",
        "typescript": "^5.6.3"
      }
    },
    "node_modules/@anthropic-ai/sdk": {
      "version": "0.32.1",
      "resolved": "https://registry.npmjs.org/@anthropic-ai/sdk/-/sdk-0.32.1.tgz",
      "integrity": "sha512-U9JwTrDvdQ9iWuABVsMLj8nJVwAyQz6QXvgLsVhryhCEPkLsbcP/MXxm+jYcAwLoV8ESbaTTjnD4kuAFa+Hyjg==",
      "license": "MIT",
      "dependencies": {
        "@types/node": "^18.11.18",
        "node-fetch": "^2.6.7"
      }
    },
    "node_modules/@huggingface/transformers": {
      "version": "3.1.0",
      "resolved": "https://registry.npmjs.org/@huggingface/transformers/-/transformers-3.1.0.tgz",
      "integrity": "sha512-5bUs3dGBb4B1Mh7mAYsJ0kYqmnLdOCYuSmXEhWxyZOdW6k0bHMQjbtj4+bHRbLpfJMHNeWOn5mnTUBGcvWwf2Q==",
      "dev": true,
      "license": "Apache-2.0",
      "dependencies": {
        "onnxruntime-node": "1.20.1"
      }
    },
    "node_modules/@langchain/core": {
      "version": "0.3.19",
      "resolved": "https://registry.npmjs.org/@langchain/core/-/core-0.3.19.tgz",
      "integrity": "sha512-pJVOAHShefu1SRO8uhzUs0Pexah/Ib66WETLMScIC2w9vXlpwQy3DzXJPJ5X7ixry9N666jYO5cHtM2Z1DnQIQ==",
      "license": "MIT",
      "peer": true
    },
    "node_modules/@langchain/openai": {
      "version": "0.3.14",
      "resolved": "https://registry.npmjs.org/@langchain/openai/-/openai-0.3.14.tgz",
      "integrity": "sha512-lNWjUo1tbvsss45IF7UQtMu1NJ6oUKvhgPYWXnX9f/d6OmuLu7D99HQ3Y88vLcUo9XjjOy417olYHignMduMjA==",
      "license": "MIT",
      "dependencies": {
        "js-tiktoken": "^1.0.12",
        "openai": "^4.71.0"
      }
    },
    "node_modules/@langchain/openai/node_modules/openai": {
      "version": "4.71.1",
      "resolved": "https://registry.npmjs.org/openai/-/openai-4.71.1.tgz",
      "integrity": "sha512-C6JNMaQ1eijM0lrjiRUL3MgThVP5RdwNAghpbJFdW0t11LzmyqON8Eh8MuUuEZ+CeD6bgYl2Fkn2BoptVxv9Ug==",
      "license": "Apache-2.0"
    },
    "node_modules/express": {
      "version": "4.21.1",
      "resolved": "https://registry.npmjs.org/express/-/express-4.21.1.tgz",
      "integrity": "sha512-YSFlK1Ee0/GC8QaO91tHcDxJiE/X4FbpAyQWkxAvG6AXCuR4HYyz4p4LsyeYG2tyLGe4sETADsNn5+F9wKhc5g==",
      "license": "MIT"
    },
    "node_modules/llm": {
      "name": "openai",
      "version": "4.73.0",
      "resolved": "https://registry.npmjs.org/openai/-/openai-4.73.0.tgz",
      "integrity": "sha512-NZstV77w3CEol9KQTRBRQ15+Sw6nxVTicAULSjYO4wn9E5gw72Mtp3fAVaBFXyyVPws4241YmFG6ya4L8v03tA==",
      "license": "Apache-2.0"
    },
    "node_modules/onnxruntime-node": {
      "version": "1.20.1",
      "resolved": "https://registry.npmjs.org/onnxruntime-node/-/onnxruntime-node-1.20.1.tgz",
      "integrity": "sha512-di/I4HDXRw+FLgq+TyHmQEDd3cEp9iFFZm0r4uJ1Wd7b/WE1VXtKWo8yemex347c6GFF/3Pv86ZfPhIWxORr0w==",
      "dev": true,
      "hasInstallScript": true,
      "license": "MIT"
    },
    "node_modules/typescript": {
      "version": "5.6.3",
      "resolved": "https://registry.npmjs.org/typescript/-/typescript-5.6.3.tgz",
      "integrity": "sha512-hjcS1mhfuyi4WW8IWtjP7brDrG2cuDZukyrYrSauoXGNgx0S7zceP07adYkJycEr56BOUTNPzbInooiN3fn1qw==",
      "dev": true,
      "license": "Apache-2.0"
    }
  }
}
"""  # noqa: E501  (npm's integrity hashes, as written)

INDEX = """\
import Anthropic from "@anthropic-ai/sdk";
import { pipeline } from "@huggingface/transformers";

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const embed = await pipeline("feature-extraction", "Xenova/all-MiniLM-L6-v2", { dtype: "fp32" });
const chat = await fetch("https://api.groq.com/openai/v1/chat/completions", {
  headers: { Authorization: `Bearer ${process.env.GROQ_API_KEY}` },
});
"""

CLIENT_TS = """\
import { HfInference } from "@huggingface/inference";

const hf = new HfInference(process.env.HF_TOKEN);
export const reply = (inputs: string) =>
  hf.textGeneration({ model: "mistralai/Mistral-7B-Instruct-v0.3", inputs });
"""

FILES = {"package.json": PACKAGE_JSON, "package-lock.json": PACKAGE_LOCK, "src/index.mjs": INDEX,
         "src/client.ts": CLIENT_TS}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> list[Use | Unreadable]:
    root = tmp_path_factory.mktemp("node-project")
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    json.loads(PACKAGE_LOCK)  # the lock is valid JSON, as npm writes it
    return scan_tree(root)


def test_package_json_sections_and_alias(project: list[Use | Unreadable]) -> None:
    found = uses(project, Kind.DEPENDENCY, "package.json")
    assert [(u.name, u.line, u.column, u.version) for u in found] == [
        ("@anthropic-ai/sdk", *place(PACKAGE_JSON, '@anthropic-ai/sdk"'), ""),
        ("@langchain/openai", *place(PACKAGE_JSON, '@langchain/openai"'), ""),
        ("openai", *place(PACKAGE_JSON, 'llm"'), ""),  # the alias installs openai
        ("@huggingface/transformers", *place(PACKAGE_JSON, '@huggingface/transformers"'), "3.1.0"),
    ]
    assert found[0].evidence == '"@anthropic-ai/sdk": "^0.32.1"'
    assert [u.provider for u in found] == ["anthropic", "langchain", "openai", "hugging-face"]


def test_package_lock_v3_installed_packages(project: list[Use | Unreadable]) -> None:
    found = uses(project, Kind.DEPENDENCY, "package-lock.json")

    def at(folder: str, name: str) -> tuple[int, int]:
        line, column = place(PACKAGE_LOCK, f'"{folder}":')
        return line, column + 1 + len(folder) - len(name)

    assert [(u.name, u.version, u.line, u.column) for u in found] == [
        ("@anthropic-ai/sdk", "0.32.1", *at("node_modules/@anthropic-ai/sdk", "@anthropic-ai/sdk")),
        ("@huggingface/transformers", "3.1.0",
         *at("node_modules/@huggingface/transformers", "@huggingface/transformers")),
        ("@langchain/core", "0.3.19", *at("node_modules/@langchain/core", "@langchain/core")),
        ("@langchain/openai", "0.3.14", *at("node_modules/@langchain/openai", "@langchain/openai")),
        ("openai", "4.71.1", *at("node_modules/@langchain/openai/node_modules/openai", "openai")),
        ("openai", "4.73.0", *at("node_modules/llm", "llm")),
        ("onnxruntime-node", "1.20.1", *at("node_modules/onnxruntime-node", "onnxruntime-node")),
    ]
    assert {u.confidence for u in found if u.name == "onnxruntime-node"} == {Confidence.MEDIUM}


def test_code_hub_models_hosts_and_keys(project: list[Use | Unreadable]) -> None:
    assert [(u.path, u.model, u.line, u.column) for u in uses(project, Kind.HUB_MODEL)] == [
        ("src/client.ts", "mistralai/Mistral-7B-Instruct-v0.3", *place(CLIENT_TS, "mistralai/")),
        ("src/index.mjs", "Xenova/all-MiniLM-L6-v2", *place(INDEX, "Xenova/")),
    ]
    assert [(u.name, u.line, u.column) for u in uses(project, Kind.ENDPOINT)] == [
        ("api.groq.com", *place(INDEX, "api.groq.com")),
    ]
    assert [(u.path, u.name, u.line) for u in uses(project, Kind.KEY_VARIABLE)] == [
        ("src/client.ts", "HF_TOKEN", place(CLIENT_TS, "HF_TOKEN")[0]),
        ("src/index.mjs", "ANTHROPIC_API_KEY", place(INDEX, "ANTHROPIC_API_KEY")[0]),
        ("src/index.mjs", "GROQ_API_KEY", place(INDEX, "GROQ_API_KEY")[0]),
    ]


def test_this_repositorys_own_lock_has_no_ai_package() -> None:
    """A real npm-written lock file (the project's test tools): read whole, nothing to report."""
    from aims_lint.ai_usage.manifests.npm import PackageLock
    from aims_lint.ai_usage.scanner import ScannedFile
    from aims_lint.ai_usage.signatures import load
    from aims_lint.config import Settings

    data = (PROJECT / "package-lock.json").read_bytes()
    file = ScannedFile("package-lock.json", data, len(data), True)
    found = list(PackageLock().scan(file, load(Settings())))
    assert found == []


LOCK_V1 = """\
{
  "name": "old-bot",
  "version": "0.9.0",
  "lockfileVersion": 1,
  "requires": true,
  "dependencies": {
    "express": {
      "version": "4.17.1",
      "resolved": "https://registry.npmjs.org/express/-/express-4.17.1.tgz"
    },
    "langchain": {
      "version": "0.0.200",
      "resolved": "https://registry.npmjs.org/langchain/-/langchain-0.0.200.tgz",
      "requires": {
        "openai": "^4.19.0"
      },
      "dependencies": {
        "openai": {
          "version": "4.19.0",
          "resolved": "https://registry.npmjs.org/openai/-/openai-4.19.0.tgz"
        }
      }
    }
  }
}
"""

NESTED_FIRST = """\
{
  "name": "support-bot",
  "overrides": {
    "dependencies": {"openai": "4.73.0"}
  },
  "dependencies": {
    "openai": "4.73.0"
  }
}
"""


def test_package_lock_v1_nested_dependencies(tmp_path: Path) -> None:
    (tmp_path / "package-lock.json").write_text(LOCK_V1, encoding="utf-8")
    found = uses(scan_tree(tmp_path), Kind.DEPENDENCY)
    def at(name: str) -> tuple[int, int]:
        line, column = place(LOCK_V1, f'"{name}": {{')
        return line, column + 1

    assert [(u.name, u.version, u.line, u.column) for u in found] == [
        ("langchain", "0.0.200", *at("langchain")),
        ("openai", "4.19.0", *at("openai")),
    ]


def test_package_json_top_level_section_not_a_nested_one(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(NESTED_FIRST, encoding="utf-8")
    found = uses(scan_tree(tmp_path), Kind.DEPENDENCY)
    line, column = place(NESTED_FIRST, '"openai": "4.73.0"\n')
    assert [(u.name, u.line, u.column, u.version) for u in found] == [("openai", line, column + 1, "4.73.0")]
