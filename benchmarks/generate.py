"""Generate a synthetic management system of N documents for benchmarking `aims-lint check`.

The output is a fresh git repository (one commit; `--no-git` leaves git out)
holding the project's `schemas/`, a `pyproject.toml` with `[tool.aims_lint]`,
a roles registry, a Statement of Applicability, and N - 2 policies,
procedures and records (records filed by year) with front matter the size of
`policies/ai-policy.md` and a body of a few paragraphs. The records hang
together the way the rules expect: every AI system is followed by the impact,
risk and (when bought in) supplier assessments that cover it, and
nonconformities have corrective actions. About one document in ten then gets
one realistic defect (see `synth_defects.py`). The same seed and count always
give the same files, so timings are comparable between runs.

    python benchmarks/generate.py --count 1000 --out /tmp/aims-1000
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml
from synth_defects import DEFECTS, Draft, apply_defect, quoted
from synth_prose import ROLES, body, registry, soa, title_for

PROJECT = Path(__file__).resolve().parent.parent
MARKER = ".aims-bench"  # only folders carrying this marker are ever replaced by --force
TODAY = date(2026, 11, 22)  # the --today the benchmark judges with; valid dates are safe for it
DEFECT_RATE = 0.10
POLICY_SHARE, PROCEDURE_SHARE = 0.08, 0.09  # the rest are records, as in a real AIMS
MAX_CONTROLLED = 999  # policy and procedure ids have three digits in the schemas
RECORD_KINDS = ("training", "internal-audit", "incident", "monitoring", "management-review",
                "ai-system", "nonconformity")
CLAUSES = ("4.1", "4.2", "5.2", "5.3", "6.1.2", "6.1.4", "6.2", "7.2", "7.3", "8.2", "8.4", "9.2", "10.2")


@dataclass
class Plan:
    """What has been generated so far: ids later documents cite or clash with, work still owed."""

    rng: random.Random
    controls: tuple[str, ...]  # applicable Annex A controls documents may claim
    active: list[str] = field(default_factory=list)
    used: dict[str, list[str]] = field(default_factory=dict)  # type -> ids
    owed: deque[tuple[str, str, str]] = field(default_factory=deque)  # (kind, system id, subject)


def counts(total: int) -> tuple[int, int, int]:
    """Policies, procedures and records for `total` documents (two more: registry and SoA)."""
    rest = max(total - 2, 0)
    policies = min(round(rest * POLICY_SHARE), MAX_CONTROLLED)
    procedures = min(round(rest * PROCEDURE_SHARE), MAX_CONTROLLED)
    return policies, procedures, rest - policies - procedures


def catalog_controls() -> list[str]:
    catalog = yaml.safe_load((PROJECT / "aims_lint" / "catalog" / "iso42001.yaml").read_text("utf-8"))
    return [str(c["id"]) for c in catalog["items"] if c["kind"] == "control"]


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' if i[0].isdigit() else i for i in items) + "]"


def _pick(rng: random.Random, pool: tuple[str, ...], low: int, high: int) -> list[str]:
    return rng.sample(pool, min(len(pool), rng.randint(low, high)))


def controlled(plan: Plan, doc_type: str, number: int) -> Draft:
    """A policy or procedure reviewed this year, next review within one cycle and not due soon."""
    rng = plan.rng
    doc_id, title = f"{'POL' if doc_type == 'policy' else 'PRO'}-{number:03d}", title_for(rng, doc_type)
    reviewed = _day(rng, date(2026, 1, 5), date(2026, 10, 20))
    status = rng.choices(["approved", "in-review", "draft", "retired"], [85, 6, 6, 3])[0]
    controls = _pick(rng, plan.controls, 1, 3)
    fields = {
        "id": doc_id, "title": quoted(title), "type": doc_type, "status": status,
        "version": f'"{rng.randint(1, 4)}.{rng.randint(0, 12)}"',
        "owner": rng.choice(ROLES), "approver": rng.choice(ROLES[:2]),
        "approved_on": reviewed.isoformat(),
        "effective_on": (reviewed + timedelta(days=rng.randint(1, 20))).isoformat(),
        "last_reviewed": reviewed.isoformat(), "review_cycle_months": "12",
        "next_review": reviewed.replace(year=reviewed.year + 1).isoformat(),
        "classification": rng.choice(["public", "internal", "internal", "confidential"]),
        "summary": quoted(f"How Fennwick Labs handles {title.lower()}."),
        "clauses": _flow(_pick(rng, CLAUSES, 1, 3)), "controls": _flow(controls),
    }
    draft = Draft(doc_type, doc_id, title, fields, controls=controls)
    return _finish(plan, draft, status != "retired")


def record(plan: Plan, number: int) -> Draft:
    """The next record: an assessment an AI system is owed, else an event of this year or last."""
    rng = plan.rng
    kind, system, subject = plan.owed.popleft() if plan.owed else (rng.choice(RECORD_KINDS), "", "")
    doc_id, title = f"REC-{number:04d}", title_for(rng, kind, subject)
    # Assessments are recent, so that even high-risk systems are assessed within 12 months.
    event = _day(rng, date(2025, 12, 1) if system else date(2025, 1, 6), date(2026, 11, 1))
    status = "approved" if system else rng.choices(["approved", "draft", "in-review", "superseded"],
                                                   [88, 5, 5, 2])[0]
    fields = {
        "id": doc_id, "title": quoted(title), "type": "record", "record_kind": kind, "status": status,
        "owner": rng.choice(ROLES), "approver": rng.choice(ROLES[:3]),
        "approved_on": (event + timedelta(days=rng.randint(1, 20))).isoformat(),
        "event_date": event.isoformat(), "retention_years": str(rng.choice([3, 5, 7, 10])),
        "classification": rng.choice(["internal", "internal", "confidential"]),
        "summary": quoted(f"Evidence of {title.lower()}."),
        "clauses": _flow(_pick(rng, CLAUSES, 1, 2)), "controls": _flow(_pick(rng, plan.controls, 0, 2)),
    }
    fields.update(_kind_fields(plan, kind, doc_id, title, event))
    if system:
        fields["assesses"] = f"[{system}]"
    draft = Draft("record", doc_id, title, fields, folder=f"records/{event.year}")
    return _finish(plan, draft, status != "superseded")


def _kind_fields(plan: Plan, kind: str, doc_id: str, title: str, event: date) -> dict[str, str]:
    rng = plan.rng
    if kind == "ai-system":
        sourcing = rng.choice(["in-house", "in-house", "supplier", "hybrid"])
        subject = title.split(": ", 1)[-1]
        plan.owed.extend((k, doc_id, subject) for k in ("impact-assessment", "risk-assessment"))
        if sourcing != "in-house":
            plan.owed.append(("supplier-assessment", doc_id, subject))
        return {"lifecycle_stage": rng.choice(["development", "deployment", "operation"]),
                "risk_level": rng.choice(["low", "medium", "high"]), "sourcing": sourcing,
                "in_scope": "true"}
    if kind == "nonconformity":
        due = event + timedelta(days=45)
        done = f", done_on: {(event + timedelta(days=30)).isoformat()}" if due < TODAY else ""
        action = f"{{action: Fix the root cause, owner: {rng.choice(ROLES)}, due: {due.isoformat()}{done}}}"
        return {"nc_status": "closed" if done else "open", "corrective_actions": f"\n  - {action}"}
    return {}


def _finish(plan: Plan, draft: Draft, active: bool) -> Draft:
    """Cite up to three documents in force generated earlier; maybe add a defect."""
    if plan.active:
        cited = plan.rng.sample(plan.active[-200:], min(len(plan.active), plan.rng.randint(0, 3)))
        if cited:
            draft.fields["related"] = _flow(sorted(set(cited)))
    plan.used.setdefault(draft.doc_type, []).append(draft.doc_id)
    if plan.rng.random() < DEFECT_RATE:
        apply_defect(plan.rng, draft, plan.used)
    elif active:
        plan.active.append(draft.doc_id)
    return draft


def drafts(total: int, seed: int, controls: list[str]) -> list[Draft]:
    applicable = tuple(c for i, c in enumerate(controls) if i % 5 != 4)  # a few are excluded
    plan = Plan(random.Random(seed), applicable)
    policies, procedures, records = counts(total)
    made = [controlled(plan, "policy", n) for n in range(1, policies + 1)]
    made += [controlled(plan, "procedure", n) for n in range(1, procedures + 1)]
    made += [record(plan, n) for n in range(1, records + 1)]
    return made


def implementers(made: list[Draft]) -> dict[str, str]:
    """For each control, the first approved, defect-free policy or procedure claiming it."""
    found: dict[str, str] = {}
    for draft in made:
        if draft.defect is None and draft.fields.get("status") == "approved":
            for control in draft.controls:
                found.setdefault(control, draft.doc_id)
    return found


def qualify(fields: dict[str, str]) -> None:
    """Write the clause and control ids of one document with the `ISO42001:` prefix (issue 14): the
    same citations as bare ids, so the findings are the same and only reading the prefix costs."""
    for key in ("clauses", "controls"):
        try:
            value = yaml.safe_load(fields[key]) if key in fields else None
        except yaml.YAMLError:  # a defect broke the list (synth_defects.py): leave it as it is
            continue
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            fields[key] = "[" + ", ".join(f'"ISO42001:{v}"' for v in value) + "]"


def write_repository(out: Path, total: int, seed: int, qualified: bool = False) -> int:
    """Write the repository; returns the number of documents (registry and SoA included).
    With `qualified`, the documents cite their clauses and controls as `ISO42001:` ids."""
    (out / "policies").mkdir(parents=True)
    shutil.copytree(PROJECT / "schemas", out / "schemas")
    (out / MARKER).write_text(f"count={total} seed={seed}\n", encoding="utf-8")
    (out / "pyproject.toml").write_text(
        '[project]\nname = "synthetic-aims"\nversion = "0"\n\n[tool.aims_lint]\ndue_soon_days = 30\n',
        encoding="utf-8",
    )
    controls = catalog_controls()
    made = drafts(total, seed, controls)
    (out / "policies" / "roles.md").write_text(registry(), encoding="utf-8")
    (out / "policies" / "statement-of-applicability.md").write_text(
        soa(controls, implementers(made)), encoding="utf-8"
    )
    for draft in made:
        if qualified:
            qualify(draft.fields)
        path = out / draft.path
        path.parent.mkdir(parents=True, exist_ok=True)
        text = draft.render() + body(random.Random(f"{seed}:{draft.doc_id}"), draft.title)
        path.write_text(text, encoding="utf-8")
    return len(made) + 2


def commit_all(out: Path) -> None:
    """Make the folder a git repository with one commit, as a fresh clone would be (fixed dates)."""
    stamp = f"{TODAY.isoformat()}T09:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    identity = ["-c", "user.name=Benchmark", "-c", "user.email=bench@fennwick.example",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Synthetic AIMS for benchmarks"]):
        subprocess.run(["git", *identity, *command], cwd=out, env=env, check=True)


def _prepare(out: Path, force: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not (force and (out / MARKER).is_file()):
            raise SystemExit(f"{out} is not empty (--force replaces only a folder this script made)")
        shutil.rmtree(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic AIMS repository for benchmarks.")
    parser.add_argument("--count", type=int, required=True, help="documents, registry and SoA included")
    parser.add_argument("--out", type=Path, required=True, help="repository folder to create")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--force", action="store_true", help="replace a folder this script made")
    parser.add_argument("--no-git", action="store_true", help="do not make it a git repository")
    parser.add_argument("--qualified", action="store_true", help="cite clauses and controls as ISO42001: ids")
    args = parser.parse_args(argv)
    if args.count < 2:
        parser.error("--count must be at least 2 (the roles registry and the SoA)")
    _prepare(args.out, args.force)
    written = write_repository(args.out, args.count, args.seed, args.qualified)
    if not args.no_git:
        commit_all(args.out)
    print(f"wrote {written} documents to {args.out} (seed {args.seed}; defects: {', '.join(DEFECTS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
