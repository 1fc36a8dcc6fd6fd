"""`aims-lint readiness`: lint, build the readiness report, render it as text, Markdown or JSON.

The renderers are pure functions of the `Readiness` data, so the site can show
the Markdown form and the evidence bundle can keep the JSON form of the very
same report. Values that come from documents are escaped in Markdown.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from aims_lint import own_output
from aims_lint.atomic import check_output, write_output
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, unknown_id
from aims_lint.catalog.frameworks import ids as framework_ids
from aims_lint.commands.readiness_frameworks import (
    render_framework_markdown,
    render_framework_text,
    section_markdown,
    section_text,
)
from aims_lint.config import Settings
from aims_lint.engine import lint
from aims_lint.escape import text as md
from aims_lint.readiness import (
    Blocker,
    ControlStatus,
    FrameworkReadiness,
    InformationStatus,
    Readiness,
    build_readiness,
    readiness_json,
    verdict,
)
from aims_lint.readiness.output import framework_json, narrowed

_NONE = "-"


def run_readiness(
    settings: Settings, today: date, fmt: str, output: Path | None, force: bool = False,
    framework: str | None = None,
) -> int:
    """Exit 0 when ready (with `framework`: that framework ready or fully covered), else 1."""
    if framework is not None:
        check_framework(settings, framework)
    if output:
        check_output(output, ours=own_output.READINESS[fmt], force=force, option="--output")
    report = build_readiness(lint(settings, today), settings)
    if framework is not None:
        if framework not in report.frameworks:  # configured, but this version has no catalog for it
            raise click.UsageError(f"--framework {framework}: no catalog for it in this version of aims-lint")
        rendered = render_one(report, framework, fmt)
        ready = report.frameworks[framework].ready
    else:
        rendered = RENDERERS[fmt](report)
        ready = report.ready
    if output:
        write_output(output, rendered.encode("utf-8"), ours=own_output.READINESS[fmt], force=force,
                     option="--output")
    else:
        sys.stdout.write(rendered)
    return 0 if ready else 1


def check_framework(settings: Settings, framework: str) -> None:
    """A usage error (exit 2) for a framework that is unknown or not configured, naming the configured."""
    configured = ", ".join(settings.frameworks)
    if framework not in framework_ids():
        # the one wording of a mistyped id (`unknown_id`), as settings, init, crosswalk and soa export say it
        raise click.UsageError(f"--framework {framework}: {unknown_id(framework)}")
    if framework not in settings.frameworks:
        raise click.UsageError(
            f"--framework {framework} is not configured; the configured frameworks are {configured} "
            "(add it to `frameworks` in the configuration)"
        )


def render_one(r: Readiness, framework: str, fmt: str) -> str:
    """One framework's report: ISO/IEC 42001's full text or Markdown report narrowed to its own
    blockers, another framework's section; in JSON always the framework's entry."""
    if fmt == "json":
        return json.dumps(framework_json(r, framework), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if framework == DEFAULT_FRAMEWORK:
        return RENDERERS[fmt](narrowed(r, framework))
    f = r.frameworks[framework]
    render = render_framework_text if fmt == "text" else render_framework_markdown
    return render(r.today, framework, f)


def _others(r: Readiness) -> list[tuple[str, FrameworkReadiness]]:
    """The configured frameworks besides ISO/IEC 42001, whose sections follow its report."""
    return [(fw, f) for fw, f in r.frameworks.items() if fw != DEFAULT_FRAMEWORK]


def render_json(r: Readiness) -> str:
    return json.dumps(readiness_json(r), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _headline(r: Readiness) -> list[str]:
    s = r.summary
    c, d, k = s["clauses"], s["documented_information"], s["controls"]
    f = r.findings
    return [
        verdict(r),
        f"Clauses covered: {c['covered']} of {c['total']} ({c['percent']}%)",
        f"Documented information present: {d['present']} of {d['total']} ({d['percent']}%)",
        f"Annex A controls decided: {k['included'] + k['excluded']} of {k['total']} "
        f"({k['decided_percent']}%); included {k['included']}, excluded {k['excluded']}, "
        f"undecided {k['undecided']}, not in the SoA {k['not_listed']}",
        f"Included controls implemented: {k['implemented']} of {k['included']} "
        f"({k['implemented_percent']}%); partial {k['partial']}, planned {k['planned']}, "
        f"not implemented {k['not_implemented']}",
        f"Findings: {f['errors']} error(s), {f['warnings']} warning(s), {f['suppressed']} suppressed",
    ]



def _list(ids: tuple[str, ...]) -> str:
    return ", ".join(ids) if ids else _NONE


def _where(b: Blocker) -> str:
    return f"{b.path}:{b.line}" if b.path else "(withheld)"


def _information_cell(i: InformationStatus) -> str:
    """What provides an item, or its state and why (a draft SoA is a draft, not missing)."""
    if i.present:
        return _list(i.evidence)
    return f"{i.state.upper()}: {i.reason}" if i.reason else i.state.upper()


def _control_note(k: ControlStatus) -> str:
    counted = f" (counted as {k.counted_as})" if k.counted_as and k.counted_as != k.implementation else ""
    why = f"; {k.reason}" if k.reason and k.decision == "included" else ""
    return f"{counted}{why}"


def render_text(r: Readiness) -> str:
    lines = [f"Certification readiness against {r.standard}, as of {r.today}", ""]
    lines += [f"  {line}" for line in _headline(r)]
    if r.blockers:
        lines += ["", "Blockers"]
        lines += [f"  {_where(b)}: {b.code}: {b.message}" for b in r.blockers]
    lines += ["", "Documented information"]
    for i in r.documented_information:
        mark = "[x]" if i.present else "[ ]"
        lines.append(f"  {mark} {i.clause:<6} {i.title}: {_information_cell(i)}")
    lines += ["", "Clauses"]
    for c in r.clauses:
        where = _list(c.documents + c.records) if c.covered else f"NOT COVERED: {c.reason}"
        extra = f" (drafts: {', '.join(c.drafts)})" if c.drafts and c.covered else ""
        gap = f"; missing: {', '.join(c.missing)}" if c.missing else ""
        lines.append(f"  {c.id:<6} {c.title}: {where}{extra}{gap}")
    lines += ["", f"Annex A controls (SoA: {r.soa or 'none'})"]
    for k in r.controls:
        lines.append(
            f"  {k.id:<8} {k.decision:<10} {k.implementation or _NONE:<15} "
            f"{k.title}: {_list(tuple(sorted(set(k.implemented_by) | set(k.documents))))}{_control_note(k)}"
        )
    for fw, f in _others(r):
        lines += ["", *section_text(fw, f)]
    return "\n".join(lines) + "\n"


def render_markdown(r: Readiness) -> str:
    lines = ["# Certification readiness", "", f"Against {r.standard}, as of {r.today}.", ""]
    lines += [f"- {line}" for line in _headline(r)]
    if r.blockers:
        lines += ["", "## Blockers", "", "| Code | Where | Blocker |", "|---|---|---|"]
        lines += [f"| {md(b.code)} | {md(_where(b))} | {md(b.message)} |" for b in r.blockers]
    lines += ["", "## Documented information", "", "| Present | Clause | Item | Provided by |",
              "|---|---|---|---|"]
    for i in r.documented_information:
        state, cell = ("yes", _list(i.evidence)) if i.present else (f"**{i.state}**", i.reason)
        lines.append(f"| {state} | {i.clause} | {md(i.title)} | {md(cell)} |")
    lines += ["", "## Clauses", "", "| Clause | Title | Documents and records | In progress | Missing |",
              "|---|---|---|---|---|"]
    for c in r.clauses:
        where = md(_list(c.documents + c.records)) if c.covered else f"**not covered**: {md(c.reason)}"
        gaps = f"{md(_list(c.drafts))} | {md(_list(c.missing))}"
        lines.append(f"| {c.id} | {md(c.title)} | {where} | {gaps} |")
    lines += ["", "## Annex A controls", "", f"Decisions read from {md(r.soa or 'no SoA')}.", "",
              "| Control | Title | Decision | Implementation | Implemented by | Listed by |",
              "|---|---|---|---|---|---|"]
    for k in r.controls:
        implementation = md((k.implementation or _NONE) + _control_note(k))
        lines.append(f"| {k.id} | {md(k.title)} | {k.decision} | {implementation} | "
                     f"{md(_list(k.implemented_by))} | {md(_list(k.documents))} |")
    for fw, f in _others(r):
        lines += ["", *section_markdown(fw, f)]
    return "\n".join(lines) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
