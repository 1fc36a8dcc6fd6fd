"""SSH signatures of a bundle's manifest, made and checked by OpenSSH's own `ssh-keygen -Y`.

Why ssh-keygen and not a crypto library: it is on every machine that has
git's SSH signing, it reads every key type and ssh-agent, and its
allowed-signers format is the one the roles registry already exports for
git (`approvals/signers.py`). One namespace, `aims-lint-evidence`, is used
for bundles only, so a signature made for a commit or an e-mail can never
pass for a bundle's, nor the other way round.

Signing takes the message from a file, not from standard input: for a key
with a passphrase, ssh-keygen asks on the terminal, and without one it would
read the passphrase from standard input, which then must not hold the manifest.
Checking is offline and never trusts the signature's own claims: the
signature is checked against the message first (`check-novalidate`), and only
then is its key looked up in an allowed-signers file (`find-principals`,
`verify`).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from aims_lint.atomic import write_atomic

NAMESPACE = "aims-lint-evidence"
_KEY = re.compile(r"with (\S+) key (SHA256:[A-Za-z0-9+/=]+)")


class SignatureError(Exception):
    """ssh-keygen could not sign (no such key, wrong passphrase), or cannot run at all; says why."""


@dataclass(frozen=True)
class SignatureVerdict:
    """What a signature proves about a message.

    `valid`: the signature matches the message, by the key it carries.
    `trusted`: that key is in the allowed-signers file, for this namespace, now.
    """

    valid: bool
    trusted: bool = False
    key: str = ""  # e.g. "ED25519 key SHA256:..." when valid
    principals: tuple[str, ...] = ()  # who the allowed-signers file says holds the key
    reason: str = ""  # ssh-keygen's words when not valid or not trusted


def sign(message: bytes, key: Path) -> bytes:
    """The armoured signature of `message` by the private key at `key` (or its ssh-agent half)."""
    with tempfile.TemporaryDirectory(prefix="aims-sign-") as folder:
        target = Path(folder) / "manifest.json"
        write_atomic(target, message, durable=False)
        done = _keygen(["-Y", "sign", "-n", NAMESPACE, "-f", str(key), str(target)], b"")
        if done.returncode != 0:
            raise SignatureError(f"ssh-keygen could not sign with {key}: {_last_line(done.stderr)}")
        return Path(f"{target}.sig").read_bytes()


def check(
    message: bytes, signature: bytes, allowed_signers: Path | None, day: date | None = None
) -> SignatureVerdict:
    """Whether `signature` signs `message`, and whether `allowed_signers` vouches for its key,
    now or, given `day`, at noon that day (for its valid-after and valid-before options)."""
    with tempfile.TemporaryDirectory(prefix="aims-verify-") as folder:
        sig = Path(folder) / "manifest.json.sig"
        write_atomic(sig, signature, durable=False)
        done = _keygen(["-Y", "check-novalidate", "-n", NAMESPACE, "-s", str(sig)], message)
        found = _KEY.search(done.stdout.decode("utf-8", "replace"))
        if done.returncode != 0 or found is None:
            return SignatureVerdict(False, reason=_last_line(done.stderr))
        key = f"{found.group(1)} key {found.group(2)}"
        if allowed_signers is None:
            return SignatureVerdict(True, key=key, reason="no allowed-signers file was given")
        return _trust(message, sig, allowed_signers, key, day)


def _trust(message: bytes, sig: Path, allowed: Path, key: str, day: date | None) -> SignatureVerdict:
    # Noon is inside the day whichever way ssh-keygen compares with a valid-before of midnight.
    when = [] if day is None else [f"-Overify-time={day:%Y%m%d}1200"]
    found = _keygen(["-Y", "find-principals", "-s", str(sig), "-f", str(allowed), *when], b"")
    principals = tuple(p for p in found.stdout.decode("utf-8", "replace").splitlines() if p.strip())
    if found.returncode != 0 or not principals:
        # ssh-keygen does not say which: an unknown key, or a line whose options exclude it.
        reason = (f"no entry in {allowed} allows this key for {NAMESPACE} {_on(day)} (the key "
                  "is not listed, or its namespaces, valid-after or valid-before exclude it)")
        return SignatureVerdict(True, key=key, reason=reason)
    why = b""
    for principal in principals:
        done = _keygen(["-Y", "verify", "-f", str(allowed), "-I", principal, "-n", NAMESPACE,
                        "-s", str(sig), *when], message)
        if done.returncode == 0:
            return SignatureVerdict(True, trusted=True, key=key, principals=(principal,))
        why = done.stderr
    # Listed, but not for this namespace or not on this day (valid-after, valid-before).
    reason = f"{allowed} does not allow the key for {NAMESPACE} {_on(day)}: {_last_line(why)}"
    return SignatureVerdict(True, key=key, principals=principals, reason=reason)


def _on(day: date | None) -> str:
    return "now" if day is None else f"on {day.isoformat()}"


def _keygen(args: Sequence[str], message: bytes) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["ssh-keygen", *args], input=message, capture_output=True,
                              check=False, env={**os.environ, "LC_ALL": "C"})
    except FileNotFoundError:
        raise SignatureError("ssh-keygen is not installed or not on PATH (it comes with OpenSSH)") from None
    except OSError as exc:
        raise SignatureError(f"cannot run ssh-keygen: {exc.strerror or exc}") from None


def _last_line(stderr: bytes) -> str:
    # ssh-keygen says what it is doing first ("Signing file ...") and why it failed last.
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else "no details"
