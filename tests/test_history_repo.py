"""Real git repositories for the history tests, with fixed people and dates.

`GitRepo` runs the git binary with a clean configuration (no user or system
config, no signing) and pins author and committer dates, so the same steps
always give the same commit ids. `build_history()` turns a rule case's
`commits:` list into such a repository. The tests at the end check that the
helper itself is reproducible.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tests.conftest import FileSpec, new_repo, write_files
from tests.signing import Key, signing

DEFAULT_AUTHOR = "Tomás Ferreira <tomas.ferreira@fennwick.example>"
_ADDRESS = re.compile(r"^(.*?)\s*<([^<>]*)>$")


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for git: no user or system configuration leaks into a test."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C.UTF-8"})
    env.update(extra or {})
    return env


def _stamp(day: str) -> str:
    """A full timestamp: a bare date means noon UTC on that day."""
    return f"{day}T12:00:00+00:00" if len(day) == 10 else day


class GitRepo:
    def __init__(self, root: Path, *, branch: str = "main") -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", branch)
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        done = subprocess.run(["git", *args], cwd=self.root, env=clean_env(env), check=True,
                              capture_output=True, text=True)
        return done.stdout.strip()

    def commit(self, message: str, day: str, files: Mapping[str, Any] | None = None, *,
               author: str = DEFAULT_AUTHOR, committer: str | None = None,
               sign: Path | None = None) -> str:
        """Write `files` (see `apply`), stage everything and commit (signed with the SSH private
        key `sign`, when given); return the commit id."""
        apply(self.root, files or {})
        self.git("add", "-A")
        who = self._who(author, committer, day)
        signed = (*signing(sign), "commit", "-S") if sign is not None else ("commit",)
        self.git(*signed, "-q", "--allow-empty", "--no-verify", "-m", message, env=who)
        return self.git("rev-parse", "HEAD")

    def tag(self, name: str, day: str, sign: Path, *, target: str = "HEAD",
            tagger: str = DEFAULT_AUTHOR) -> str:
        """An annotated tag on `target`, SSH-signed with `sign`, dated `day`; return the tag's id."""
        self.git(*signing(sign), "tag", "-s", "-m", f"Approve {name}", name, target,
                 env=self._who(tagger, None, day))
        return self.git("rev-parse", f"refs/tags/{name}")

    def merge(self, branch: str, message: str, day: str, *, author: str = DEFAULT_AUTHOR) -> str:
        self.git("merge", "-q", "--no-ff", "-m", message, branch, env=self._who(author, None, day))
        return self.git("rev-parse", "HEAD")

    def tamper(self, text: str) -> str:
        """Replace HEAD by a copy whose message has `text` added and whose signature is kept:
        what an edit after signing looks like (the signature no longer verifies)."""
        original = self.git("cat-file", "commit", "HEAD")
        forged = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=self.root,
                                env=clean_env(), input=f"{original}\n{text}\n", check=True,
                                capture_output=True, text=True).stdout.strip()
        self.git("update-ref", "HEAD", forged)
        return forged

    def move(self, old: str, new: str) -> None:
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    def _who(self, author: str, committer: str | None, day: str) -> dict[str, str]:
        a_name, a_mail = _person(author)
        c_name, c_mail = _person(committer or author)
        stamp = _stamp(day)
        return {"GIT_AUTHOR_NAME": a_name, "GIT_AUTHOR_EMAIL": a_mail, "GIT_AUTHOR_DATE": stamp,
                "GIT_COMMITTER_NAME": c_name, "GIT_COMMITTER_EMAIL": c_mail, "GIT_COMMITTER_DATE": stamp}


def _person(who: str) -> tuple[str, str]:
    match = _ADDRESS.match(who.strip())
    return (match.group(1), match.group(2)) if match else (who, "")


def apply(root: Path, files: Mapping[str, Any]) -> None:
    """`write_files` plus `{append: text}` (add to the end of an existing file) and
    `{from: path}` (move that file here, content unchanged) and `{replace: [old, new]}` (edit
    an existing file: `old`, which must be there, becomes `new`; or a list of such pairs)."""
    plain: dict[str, FileSpec] = {}
    for rel, spec in files.items():
        if isinstance(spec, dict) and "replace" in spec:
            pairs = spec["replace"]
            text = (root / rel).read_text(encoding="utf-8")
            for old, new in pairs if isinstance(pairs[0], list) else [pairs]:
                assert str(old) in text, f"{rel} has no {old!r} to replace"
                text = text.replace(str(old), str(new))
            (root / rel).write_text(text, encoding="utf-8")
        elif isinstance(spec, dict) and "append" in spec:
            with (root / rel).open("a", encoding="utf-8") as handle:
                handle.write(str(spec["append"]))
        elif isinstance(spec, dict) and "from" in spec:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / str(spec["from"])).rename(root / rel)
        else:
            plain[rel] = spec
    write_files(root, plain)


def build_history(root: Path, commits: list[dict[str, Any]],
                  keys: Mapping[str, Key] | None = None) -> GitRepo:
    """Make `root` a repository: the first commit holds every file already there
    plus its own `files`; each further entry is one more commit. An entry may
    also name a `branch` to commit on (created from the current commit),
    `checkout` an existing branch first, or `merge` a branch into the current
    one; `sign: NAME` signs the commit with the SSH key NAME of `keys`
    (tests/signing.py), and `{tag: NAME, sign: KEY}` is no commit but a signed
    tag on the current one; `tamper: TEXT` changes the current commit's message
    after it was signed; a forge `note` attaches a record to the commit it made
    (`add_forge_note`), or a `note_raw` text for a note that is no record."""
    repo = GitRepo(root)
    keys = keys or {}
    for entry in commits:
        day = str(entry["date"])
        author = str(entry.get("author", DEFAULT_AUTHOR))
        sign = keys[str(entry["sign"])].private if entry.get("sign") else None
        if "checkout" in entry:
            repo.git("checkout", "-q", str(entry["checkout"]))
        if "branch" in entry:
            repo.git("checkout", "-q", "-B", str(entry["branch"]))
        if "tamper" in entry:
            repo.tamper(str(entry["tamper"]))
        elif "tag" in entry and sign is not None:
            repo.tag(str(entry["tag"]), day, sign, tagger=author)
        elif "merge" in entry:
            repo.merge(str(entry["merge"]), str(entry.get("message", "Merge")), day, author=author)
        else:
            repo.commit(str(entry.get("message", "Update")), day, entry.get("files"), author=author,
                        sign=sign)
        if "note" in entry:
            add_forge_note(repo, dict(entry["note"]), day)
        if "note_raw" in entry:
            repo.git("notes", "--ref", "aims-approvals", "add", "-f", "-m", str(entry["note_raw"]), "HEAD",
                     env=repo._who(DEFAULT_AUTHOR, None, day))
    return repo


def add_forge_note(repo: GitRepo, note: dict[str, Any], day: str, target: str = "HEAD") -> str:
    """Write what the approvals workflow records, as a JSON note under refs/notes/aims-approvals
    on `target`. Commit ids may be given as revisions (`HEAD`, `topic`, `HEAD~1`), resolved here:
    `merge_commit` defaults to `target`, `head` to `merge_commit`, a review's `commit_id` to `head`."""
    def resolve(rev: str) -> str:
        return repo.git("rev-parse", "--verify", f"{rev}^{{commit}}")

    record = {"pr": 1, "author": "tferreira", "commits": 1, **note}
    record["merge_commit"] = resolve(str(record.get("merge_commit", target)))
    record["head"] = resolve(str(record.get("head", record["merge_commit"])))
    record["reviews"] = [
        {"state": "APPROVED", "submitted_at": f"{day}T09:00:00Z", "dismissed": False, **review,
         "commit_id": resolve(str(review.get("commit_id", record["head"])))}
        for review in record.get("reviews", [])
    ]
    repo.git("notes", "--ref", "aims-approvals", "add", "-f", "-m", json.dumps(record, sort_keys=True),
             record["merge_commit"], env=repo._who(DEFAULT_AUTHOR, None, day))
    return str(record["merge_commit"])


def test_same_steps_give_the_same_commit_ids(tmp_path: Path) -> None:
    heads = []
    for name in ("one", "two"):
        root = new_repo(tmp_path / name)
        repo = build_history(root, [
            {"date": "2026-01-12", "message": "Start"},
            {"date": "2026-02-01", "author": "Zoë Ünal <zoe@example.org>",
             "files": {"policies/ai-policy.md": {"append": "\nMore.\n"}}},
        ])
        heads.append(repo.git("rev-parse", "HEAD"))
    assert heads[0] == heads[1]


def test_dates_and_people_are_pinned(tmp_path: Path) -> None:
    repo = build_history(new_repo(tmp_path / "r"), [
        {"date": "2026-03-04T09:30:00+02:00", "author": "Zoë Ünal <zoe@example.org>", "message": "Start"},
    ])
    shown = repo.git("log", "-1", "--format=%an|%ae|%aI|%cI")
    assert shown == "Zoë Ünal|zoe@example.org|2026-03-04T09:30:00+02:00|2026-03-04T09:30:00+02:00"
