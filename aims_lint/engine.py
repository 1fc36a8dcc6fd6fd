"""The pipeline in one place: discover, load, index, run rules, filter, sort.

`lint()` is what every command that needs findings calls (check, render,
readiness, evidence): one run, one corpus, one sorted list of findings.
"""

from __future__ import annotations

import fnmatch
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date

from aims_lint.approvals.levels import check_keys
from aims_lint.approvals.trust import with_trusted_signatures
from aims_lint.body_templates import load_templates
from aims_lint.config import ConfigError, Settings
from aims_lint.corpus import Corpus
from aims_lint.discover import discover, document_folders
from aims_lint.document import load
from aims_lint.history import History, Read, Revision, load_history
from aims_lint.results import CAP, Finding, LintResult, Severity
from aims_lint.rule import Context, ReadsForgeNotes, ReadsRevisions, Rule, VerifiesSignatures
from aims_lint.rules import REGISTRY, lookup
from aims_lint.schemas import load_schemas
from aims_lint.selection import select


def build_context(settings: Settings, today: date) -> Context:
    """Discover and load every document; the corpus always spans the whole repository."""
    schemas = load_schemas(settings.root, settings.schemas)
    check_keys(settings, schemas)  # a misspelt approval_evidence_by key is exit 2, never ignored
    candidates = discover(settings.root, document_folders(settings, schemas), settings.exclude)
    with paused_gc():
        corpus = Corpus([load(c, schemas, settings.max_file_bytes) for c in candidates])
    templates = load_templates(settings.root, corpus)
    return Context(corpus, settings, schemas, today, templates=templates)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while the corpus is built and checked.

    Loading keeps every document's data and node tree alive, so each automatic
    collection re-scans a growing heap of objects that are not garbage: with
    10,000 documents that tripled the load time. Reference counting still frees
    everything else; the collector resumes (if it was on) when the block ends.
    What the block built is then moved to the oldest generation without a
    scan (freeze, unfreeze), or the first collection afterwards would examine
    all of it at once (0.2 s for 10,000 documents); a full collection still
    reclaims any cycle among it later.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # never thaw what someone else froze on purpose
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def lint(settings: Settings, today: date, only: list[str] | None = None, *,
         base: str | None = None, history: History | None = None,
         skip_unclaimed: bool = False) -> LintResult:
    """Lint the repository; report findings for `only` (repo-relative files or folders) when given.

    Cross-document rules (duplicate ids, references, the SoA) always see every
    document, so checking one changed file still catches a clash with another.
    A path in `only` that is no document is reported (AIMS020), or left out
    with `skip_unclaimed` (aims_lint/selection.py). `base` turns on
    pull-request mode (compare with that revision); `history` is a history the
    caller already read (the evidence bundle reads it at a revision), used
    instead of reading the work tree's.
    """
    ctx = build_context(settings, today)
    corpus = ctx.corpus
    wanted = None
    if only is not None:
        folders = document_folders(settings, ctx.schemas)
        paths = [s.path for s in corpus.sources]
        wanted = select(only, settings.root, paths, folders, skip_unclaimed=skip_unclaimed)
        ctx = replace(ctx, unclaimed=wanted.unclaimed)
    rules = selected_rules(settings)
    with paused_gc():  # the history log is as large as the corpus, and as long-lived
        ctx, rules = _attach_history(ctx, rules, base, history)
        findings = [f for rule in rules for f in run_rule(rule, ctx)]
    settled = [apply_settings(f, settings) for f in findings]
    # Errors that `severity` turned into warnings or notes: readiness names them (aims_lint/stage1.py).
    lowered = {(f.rule, f.path) for f, s in zip(findings, settled, strict=True)
               if f.severity is Severity.ERROR and s.severity is not Severity.ERROR}
    findings = settled
    if wanted is not None:
        # "." findings are about the whole run (history unavailable, a rule that failed):
        # checking a few files must not hide them.
        keep = {*wanted.documents, *wanted.unclaimed, "."}
        findings = [f for f in findings if f.path in keep]
    checked = [s.path for s in corpus.sources if wanted is None or s.path in wanted.documents]
    run = {r.RULE.code for r in rules}
    deselected = tuple(sorted(
        (r.RULE.code for r in REGISTRY if r.RULE.code not in run and not r.RULE.discovery), key=_code_order
    ))
    if wanted is not None:
        lowered = {(rule, path) for rule, path in lowered if path in keep}
    return LintResult(capped(findings), corpus, rules, today, checked, deselected, tuple(sorted(lowered)),
                      history=ctx.history)


def _code_order(code: str) -> tuple[int, str]:
    digits = code.removeprefix("AIMS")
    return (int(digits), code) if digits.isdigit() else (-1, code)


def capped(findings: list[Finding], cap: int = CAP) -> list[Finding]:
    """The findings sorted, each rule's beyond `cap` in a document replaced by one summary.

    A 50,000-entry list must not make a 35 MB report. The summary keeps the
    rule's code and severity, stands where the first one left out stood, and
    counts once towards the exit code. Findings that differ in severity or
    suppression are counted apart, so a summary never hides an error behind
    a warning or a suppression.
    """
    groups: dict[tuple[str, str, Severity, bool], list[Finding]] = {}
    for finding in sorted(findings):
        key = (finding.path, finding.rule, finding.severity, finding.counts)
        groups.setdefault(key, []).append(finding)
    kept: list[Finding] = []
    for group in groups.values():
        kept.extend(group[:cap])
        rest = group[cap:]
        if rest:
            message = (
                f"and {len(rest):,} more {rest[0].rule} {rest[0].name} finding(s) in this file "
                f"(at most {cap} of each rule are listed per file)"
            )
            kept.append(replace(rest[0], message=message, json_path="", omitted=len(rest)))
    return sorted(kept)


def _attach_history(ctx: Context, rules: tuple[Rule, ...], base: str | None,
                    history: History | None) -> tuple[Context, tuple[Rule, ...]]:
    """Read git history once, and only when a selected rule needs it or --base asks for it.

    When history is read, AIMS907 runs too (unless ignored by name), so missing
    history is never silent, whatever --select chose.
    """
    if history is None and base is None and not any(r.RULE.needs_history for r in rules):
        return ctx, rules
    if history is None:
        documents = [s.path for s in ctx.corpus.sources]
        folders = document_folders(ctx.settings, ctx.schemas)
        history = load_history(ctx.settings, base=base, documents=documents, folders=folders)
    notice = lookup("AIMS907")
    ignored = notice is None or any(matches(notice, k) for k in ctx.settings.ignore)
    if notice is not None and notice not in rules and not ignored:
        rules = (*rules, notice)
    ctx = replace(ctx, history=history)
    ctx = replace(ctx, history=_with_revisions(ctx, rules))
    return replace(ctx, history=_with_proofs(ctx, rules)), rules


def _with_revisions(ctx: Context, rules: tuple[Rule, ...]) -> History | None:
    """The history with every past revision the selected rules declare loaded, before any rule runs."""
    history = ctx.history
    if history is None or not history.available:
        return history
    wanted: list[Read] = []
    for rule in rules:
        if isinstance(rule, ReadsRevisions):
            try:
                wanted.extend(rule.revisions(ctx))
            except Exception:  # its check() then fails on the first read, as an internal-error finding
                continue
    current = {s.path: Revision(s.parsed.data, s.parsed.body) for s, _ in ctx.corpus.typed}
    return history.with_revisions(wanted, ctx.settings.root, current, ctx.settings.max_file_bytes)


def _with_proofs(ctx: Context, rules: tuple[Rule, ...]) -> History | None:
    """The history with the approval proofs the selected rules read: signature verdicts for the
    commits they name, and the forge's notes when one of them asks (after the revisions, which
    say which commits recorded the approvals)."""
    history = ctx.history
    if history is None or not history.available:
        return history
    commits: list[str] = []
    forge = False
    for rule in rules:
        try:
            if isinstance(rule, VerifiesSignatures):
                commits.extend(rule.signed_commits(ctx))
            if isinstance(rule, ReadsForgeNotes):
                forge = forge or rule.reads_forge(ctx)
        except Exception:  # its check() then fails on the first read, as an internal-error finding
            continue
    if commits:
        # Each commit against the registry as last approved before it (approvals/trust.py).
        history = with_trusted_signatures(ctx.corpus, history, commits)
    if forge:
        history = history.with_forge()
    return history


def selected_rules(settings: Settings) -> tuple[Rule, ...]:
    # A misspelt rule in a suppression would silently suppress nothing, so it is refused too.
    suppressed = (s.rule for s in settings.suppress)
    for key in (*settings.select, *settings.ignore, *settings.severity, *suppressed):
        if not any(matches(r, key) for r in REGISTRY):
            raise ConfigError(f"unknown rule '{key}' in select, ignore, severity or suppress{_accepted(key)}")
    for key in settings.select:
        # A check selecting only discovery rules would run nothing and report a clean tree.
        if all(r.RULE.discovery for r in REGISTRY if matches(r, key)):
            raise ConfigError(
                f"'{key}' in select names discovery rules only, which never run in check: they run "
                "under `aims-lint discover` (AIMS1220-AIMS1249 with `--reconcile`)"
            )
    chosen = [
        r for r in REGISTRY
        if not r.RULE.discovery  # they judge scanned code, which only `discover` reads
        and (not settings.select or any(matches(r, k) for k in settings.select))
    ]
    return tuple(r for r in chosen if not any(matches(r, k) for k in settings.ignore))


def matches(rule: Rule, key: str) -> bool:
    """A key names a rule by code, name, or code prefix (AIMS4 = all review rules)."""
    info = rule.RULE
    if key in _CODES:  # AIMS101 is the file rule, never a prefix of AIMS1010-AIMS1019 as well
        return key == info.code
    return key == info.name or matches_prefix(info.code, key)


_CODES = frozenset(r.RULE.code for r in REGISTRY)


def matches_prefix(code: str, key: str) -> bool:
    """Whether `key` is a code prefix that selects `code` (docs/configuration.md, "Rule codes").

    A prefix selects codes of one length only, so that a prefix written for
    the three-digit rules never reaches the four-digit ones: `AIMS1` or
    `AIMS10` once also caught the body rules AIMS1001-AIMS1009, and an
    `ignore = ["AIMS1"]` meant for the file rules switched those off unseen.
    One or two digits select three-digit codes (AIMS1 = AIMS101-AIMS199);
    three or more digits that are not themselves a code select four-digit
    codes (AIMS100 = AIMS1000-AIMS1009, the body rules). A key equal to a
    code names that rule alone and is never read as a prefix (see matches).
    """
    digits = key.removeprefix("AIMS")
    if not key.startswith("AIMS") or not digits.isdigit() or not code.startswith(key):
        return False
    width = len(code) - len("AIMS")
    return width == 3 if len(digits) <= 2 else width >= 4 and len(digits) < width


def _accepted(key: str) -> str:
    """For a code prefix that selects nothing, what would: a prefix of one or two digits reaches the
    three-digit codes only, so `AIMS11` never selects the EU AI Act rules AIMS1101-AIMS1114."""
    digits = key.removeprefix("AIMS")
    if not key.startswith("AIMS") or not digits.isdigit() or len(digits) > 2:
        return ""
    four = sorted(c for c in _CODES if c.startswith(key) and len(c) > len("AIMS") + 3)
    # A three-digit stem that is itself a code names only that rule (matches), so its codes are listed.
    stems = dict.fromkeys(c[: len("AIMS") + 3] for c in four)
    longer = [w for s in stems for w in ([s] if s not in _CODES else [c for c in four if c.startswith(s)])]
    if not longer:
        return ""
    return (f": a prefix of one or two digits selects three-digit codes only, and no three-digit code "
            f"starts with {key}; for the four-digit codes that do, write {' and '.join(longer)} "
            "(docs/configuration.md, \"Rule codes and prefixes\")")


def run_rule(rule: Rule, ctx: Context) -> list[Finding]:
    try:
        return list(rule.check(ctx))
    except Exception as exc:  # one faulty rule must not hide every other finding
        info = rule.RULE
        return [
            Finding(
                ".",
                1,
                1,
                "AIMS000",
                "internal-error",
                Severity.ERROR,
                f"rule {info.code} {info.name} failed: {type(exc).__name__}: {exc}; please report this",
            )
        ]


def apply_settings(finding: Finding, settings: Settings) -> Finding:
    rule = lookup(finding.rule)
    for key, severity in settings.severity.items():
        if rule is not None and matches(rule, key):
            finding = finding.with_severity(severity)
    for suppression in settings.suppress:
        if (
            rule is not None
            and matches(rule, suppression.rule)
            and fnmatch.fnmatch(finding.path, suppression.path)
        ):
            return finding.suppress(suppression.reason)
    return finding
