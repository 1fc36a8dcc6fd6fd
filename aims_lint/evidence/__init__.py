"""Evidence bundles for auditors: one zip pinned to one commit, byte-identical when rebuilt.

`build_evidence()` is the entry point; `bundle.py` decides what goes in,
`tree.py` writes the commit's files out of git's object store, `archive.py`
writes the manifest and the zip without any wall-clock data, `sshsig.py`
signs the manifest with ssh-keygen when asked. `verify_bundle()`
(`verify.py`) checks a bundle: hashes, files, revision, signature.
"""

from aims_lint.evidence.bundle import EvidenceError, EvidenceResult, build_evidence
from aims_lint.evidence.verify import Check, Verification, verify_bundle

__all__ = ["Check", "EvidenceError", "EvidenceResult", "Verification", "build_evidence", "verify_bundle"]
