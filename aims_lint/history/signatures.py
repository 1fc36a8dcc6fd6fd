"""git's verdict on the SSH signatures of approval commits, and of the signed tags that point at them.

Verification is offline and git's own: the allowed-signers text (made from
the roles registry by `approvals/signers.py`) goes into a temporary file
that `gpg.ssh.allowedSignersFile` names, and git asks `ssh-keygen` about
each signature. All the commits are verified by one `git log --no-walk
--stdin` with the `%G?` family of placeholders, and one `git for-each-ref`
finds the signed tags that point at any of them; each such tag then needs a
`git verify-tag` of its own, since git reports a tag's verdict only on
standard error, which cannot be split between several tags. Tags matter for
squash and rebase merges, which drop the branch's signatures: a signed tag
on the landed commit is the approver's signature after the fact.

git checks a key's `valid-after`/`valid-before` against the signature's
time, and that is the commit's committer date (a tag's tagger date): a date
the signer chose. So validity bounds a careless signer, not a dishonest one;
docs/approvals.md says so to the auditor.

Never raises: a failure of git is a verdict ("unverifiable", with git's
words), so the rules report it on the document instead of the run stopping.
Only SSH signatures are checked; an OpenPGP signature is "unverifiable".
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from aims_lint.atomic import write_atomic
from aims_lint.history.gitcmd import Git, HistoryUnavailable
from aims_lint.history.proofs import SignatureCheck, SignatureStatus

_RECORD, _FIELD = "\x1e", "\x00"
# One record per commit: id, %G? verdict, principal, fingerprint, committer date, ssh-keygen's words.
_LOG_FORMAT = "%x1e%H%x00%G?%x00%GS%x00%GF%x00%cI%x00%GG"
_TAG_FORMAT = ("%(objectname)%00%(objecttype)%00%(*objectname)%00%(taggerdate:iso-strict)%00"
               "%(refname:strip=2)%00%(contents:signature)%1e")
_VERDICTS: dict[str, SignatureStatus] = {
    "G": "good", "U": "unknown-key", "X": "expired", "Y": "expired", "R": "revoked",
    "E": "unverifiable", "B": "bad", "N": "none",
}
_GOOD = re.compile(r'Good "git" signature for (?P<who>\S+) with \S+ key (?P<fp>\S+)')
_UNMATCHED = re.compile(r'Good "git" signature with \S+ key (?P<fp>\S+)')
# ssh-keygen's words when the key is in the file but not valid at the signature's time.
_OUT_OF_DATES = re.compile(r"key (has expired|is not yet valid)[^\n]*")
_FILE_LINE = re.compile(r"^\S*allowed_signers:\d+: ", re.MULTILINE)
SSH_SIGNATURE = "-----BEGIN SSH SIGNATURE-----"
OTHER_FORMAT = "not an SSH signature (OpenPGP and X.509 signatures are not checked)"


def verify_signatures(git: Git, commits: Iterable[str], allowed_signers: str
                      ) -> dict[str, tuple[SignatureCheck, ...]]:
    """Each commit's own verdict first, then one per signed tag that points at it."""
    wanted = list(dict.fromkeys(commits))
    if not wanted:
        return {}
    with tempfile.TemporaryDirectory(prefix="aims-signers-") as folder:
        path = Path(folder) / "allowed_signers"
        # A private temporary folder of our own: nothing to keep, so no fsync.
        write_atomic(path, allowed_signers.encode("utf-8"), exclusive=True, durable=False)
        config = _config(path)
        try:
            own = dict(_commit_checks(git, config, wanted))
            for sha in _other_formats(git, [c for c, check in own.items() if check.status == "none"]):
                own[sha] = replace(own[sha], status="unverifiable", detail=OTHER_FORMAT)
            tags = _tag_checks(git, config, set(wanted))
        except HistoryUnavailable as exc:
            return {c: (SignatureCheck(c, "unverifiable", detail=str(exc)),) for c in wanted}
    missing = SignatureCheck("", "unverifiable", detail="git gave no verdict for this commit")
    return {c: (own.get(c, missing), *tags.get(c, ())) for c in wanted}


def _config(allowed: Path) -> tuple[str, ...]:
    # log.showSignature would mix ssh-keygen's output into the formatted log. gpg and gpgsm are
    # never run (`false` stands in): an OpenPGP signature (GitHub's own, on a squash merge) would
    # otherwise start gpg on the user's keyring, which may be set to fetch keys from the network.
    return ("-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={allowed}",
            "-c", "log.showSignature=false", "-c", "gpg.program=false", "-c", "gpg.x509.program=false")


def _commit_checks(git: Git, config: tuple[str, ...], commits: list[str]
                   ) -> Iterator[tuple[str, SignatureCheck]]:
    request = "".join(f"{c}\n" for c in commits).encode("ascii")
    out = git.feed(*config, "log", "--no-walk=unsorted", "--stdin", "--no-show-signature",
                   f"--format={_LOG_FORMAT}", data=request)
    for record in out.decode("utf-8", "replace").split(_RECORD)[1:]:
        fields = record.split(_FIELD, 5)
        if len(fields) != 6:
            continue
        sha, verdict, principal, fingerprint, when, said = fields
        status = _VERDICTS.get(verdict, "unverifiable")
        if status == "unknown-key" and _OUT_OF_DATES.search(said):
            status = "expired"  # the key is listed, but not for the signature's date
        yield sha, SignatureCheck(sha, status, principal or None, fingerprint or None,
                                  _when(when), detail=_detail(status, said))


def _other_formats(git: Git, unsigned: list[str]) -> Iterator[str]:
    """The commits git called unsigned that do carry a signature: OpenPGP or X.509, which are
    not checked (gpg is never run), so they are "unverifiable", not "none"."""
    if not unsigned:
        return
    request = "".join(f"{c}\n" for c in unsigned).encode("ascii")
    raw = git.feed("log", "--no-walk=unsorted", "--stdin", "--no-show-signature", "--pretty=raw",
                   data=request).decode("utf-8", "replace")
    for record in raw.split("\ncommit "):
        sha, _, rest = record.removeprefix("commit ").partition("\n")
        header = rest.partition("\n\n")[0]
        if any(line.startswith(("gpgsig ", "gpgsig-sha256 ")) for line in header.splitlines()):
            yield sha.strip()


def _tag_checks(git: Git, config: tuple[str, ...], commits: set[str]
                ) -> dict[str, list[SignatureCheck]]:
    """The signed tags on `commits`, by commit, in tag-name order."""
    listing = git.text("for-each-ref", "--sort=refname", f"--format={_TAG_FORMAT}", "refs/tags")
    found: dict[str, list[SignatureCheck]] = {}
    for record in listing.split(_RECORD):
        fields = record.lstrip("\n").split(_FIELD)
        if len(fields) != 6:
            continue
        tag_id, kind, target, when, name, signature = fields
        if kind != "tag" or target not in commits or not signature.strip():
            continue
        found.setdefault(target, []).append(_tag_check(git, config, tag_id, name, when, signature))
    return found


def _tag_check(git: Git, config: tuple[str, ...], tag_id: str, name: str, when: str,
               signature: str) -> SignatureCheck:
    if SSH_SIGNATURE not in signature:
        return SignatureCheck(tag_id, "unverifiable", signed_at=_when(when), tag=name,
                              detail=OTHER_FORMAT)
    done = git.attempt(*config, "verify-tag", tag_id)
    said = done.err.decode("utf-8", "replace")
    good, unmatched = _GOOD.search(said), _UNMATCHED.search(said)
    status: SignatureStatus
    if done.status == 0 and good:
        status, principal, fingerprint = "good", good["who"], good["fp"]
    elif unmatched:
        status = "expired" if _OUT_OF_DATES.search(said) else "unknown-key"
        principal, fingerprint = None, unmatched["fp"]
    else:
        status, principal, fingerprint = "bad", None, None
    return SignatureCheck(tag_id, status, principal, fingerprint, _when(when), name,
                          _detail(status, said))


def _when(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _detail(status: SignatureStatus, said: str) -> str:
    """ssh-keygen's reason for a failure, without the temporary file's path (runs must agree)."""
    if status in ("good", "none"):
        return ""
    dates = _OUT_OF_DATES.search(said)
    if dates:
        return dates.group(0).strip()
    lines = [line.strip() for line in _FILE_LINE.sub("", said).splitlines() if line.strip()]
    return "; ".join(lines[:2])
