"""Evidence bundles for auditors: one zip pinned to one commit, byte-identical when rebuilt.

`build_evidence()` is the entry point; `bundle.py` decides what goes in,
`tree.py` writes the commit's files out of git's object store, `archive.py`
writes the manifest and the zip without any wall-clock data.
"""

from aims_lint.evidence.bundle import EvidenceError, EvidenceResult, build_evidence

__all__ = ["EvidenceError", "EvidenceResult", "build_evidence"]
