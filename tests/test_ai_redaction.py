"""No credential a URL carries reaches any output of discovery: text, JSON, SARIF or a draft.

A real project in a temporary aims repository, read by the real scanners: tokens sit in the
query strings and fragments of dependency URLs, and in a value an SBOM's schema refuses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aims_lint.cli import main
from tests.conftest import new_repo

TODAY = "2026-12-02"
SECRETS = ("QSECRET1", "QSECRET2", "QSECRET3", "QSECRET4", "QSECRET5", "QSECRET6")
SBOM = {
    "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
    "components": [{"type": "library", "name": "x", "version": {"token": "sk-proj-" + "QSECRET6" * 20}}],
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = new_repo(tmp_path / "aims", {
        "app/requirements.txt": (
            "openai @ https://example.com/openai-1.0.whl?token=QSECRET1\n"
            "anthropic @ https://example.com/a.whl#sha256=x&token=QSECRET3\n"
            "transformers @ https://acct.blob.core.windows.net/w/t.whl?sv=2022&se=2030&sig=QSECRET4\n"
        ),
        "web/package.json": json.dumps({"dependencies": {
            "openai": "https://registry.example.com/openai.tgz?access_token=QSECRET2",
            "@anthropic-ai/sdk": "https://u:QSECRET5@registry.example.com/sdk.tgz",
        }}),
        "web/bom.cdx.json": json.dumps(SBOM),
    })
    (root / "pyproject.toml").write_text("[tool.aims_lint]\noperating_since = 2026-05-01\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def test_no_token_in_any_output_or_draft(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for form in ("text", "json", "sarif"):
        assert main(["discover", "app", "web", "--format", form, "--today", TODAY]) == 0
        outputs.append(capsys.readouterr().out)
    report = json.loads(outputs[1])
    evidence = {f["evidence"] for f in report["findings"]}
    # The uses are still found, and their URLs still say where the package came from.
    assert "openai @ https://example.com/openai-1.0.whl" in evidence
    assert any("registry.example.com/openai.tgz" in e for e in evidence)
    assert any(f["rule"] == "AIMS1209" and f["path"] == "web/bom.cdx.json" for f in report["findings"])
    main(["discover", "app", "web", "--draft", "--today", TODAY])
    capsys.readouterr()
    drafts = [p.read_text(encoding="utf-8") for p in (project / "records").glob("*found-by-discovery.md")]
    assert len(drafts) >= 2
    for text in [*outputs, *drafts]:
        assert not [s for s in SECRETS if s in text]
