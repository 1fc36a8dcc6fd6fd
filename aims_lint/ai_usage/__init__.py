"""AI discovery: evidence of AI use in source trees and SBOMs, reconciled with the register.

`aims-lint discover PATH...` walks source trees (never the aims repository's own documents
alone: any folder it is given), and each scanner turns what it recognises into a `Use`
(`evidence.py`): a dependency on an AI library or a model provider's SDK, a model file, a
hub model id passed to a loading call, a provider's endpoint host or API-key variable name,
an AI component of an SBOM. What it recognises is data (`aims_lint/data/ai_usage/`),
extendable in configuration. With `--reconcile`, the discovery rules (AIMS1201-AIMS1249,
`RuleInfo.discovery`) compare the uses with the AI system records' `sources` and `models`
and the supplier register. Named `ai_usage`, not `discover`, because `aims_lint/discover.py`
is the document-discovery stage of every check.

The data flow is the check's: discover (walk the trees), parse (each scanner reads a file
once, binary files only as far as their magic bytes), validate (the discovery rules), report
(`aims_lint/report/discover.py`: text, JSON and SARIF of discovery's own shape). Layers:
`run.py` and `drafts.py` sit between the outputs and the engine; the scanners may import
neither them nor the register, the rules or the outputs ([tool.importlinter] in pyproject.toml).
"""
