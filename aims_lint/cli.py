"""The command line: options in, one library call, an exit code out. No logic here.

Exit codes: 0 no errors, 1 errors found (warnings too with --strict),
2 usage or configuration error.
"""

from __future__ import annotations

import gc
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from aims_lint import __version__
from aims_lint.atomic import WriteRefused
from aims_lint.catalog.frameworks import DEFAULT_FRAMEWORK, FRAMEWORKS
from aims_lint.config import ConfigError, Settings, find_root, load_settings

_FRAMEWORK_IDS = ", ".join(f.id for f in FRAMEWORKS)  # for help texts: the table's, never a copy


def _today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from None


today_option = click.option(
    "--today",
    callback=_today,
    metavar="YYYY-MM-DD",
    help="Judge dates as of this day instead of the real date (for reproducible runs).",
)


def _site_today(ctx: click.Context, param: click.Parameter, value: str | None) -> date:
    """A site's day: --today, else SOURCE_DATE_EPOCH's (reproducible builds), else the real date."""
    if value is None:
        from aims_lint.site.stamp import BadSourceDate, source_date

        try:
            day = source_date()
        except BadSourceDate as exc:
            raise click.UsageError(str(exc)) from None
        if day is not None:
            return day
    return _today(ctx, param, value)


site_today_option = click.option(
    "--today",
    callback=_site_today,
    metavar="YYYY-MM-DD",
    help="Judge dates as of this day, the build date in every page's footer "
         "(default: the day of SOURCE_DATE_EPOCH when set, else the real date).",
)
root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Repository root (default: nearest folder with [tool.aims_lint] or schemas/).",
)


audience_option = click.option(
    "--audience",
    type=click.Choice(["public", "internal", "all"]),
    default=None,
    help="Who it is for: public (public documents only), internal (all but confidential) "
    "or all. Default: `audience` from the configuration, else all.",
)


def settings_for(root: Path | None, **overrides: Any) -> Settings:
    base = root.resolve() if root else find_root(Path.cwd())
    settings = load_settings(base, overrides)
    for notice in settings.notices:
        click.echo(f"aims-lint: warning: {notice}", err=True)
    return settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aims-lint")
@click.option("--quiet", "-q", is_flag=True,
              help="Show no progress for long steps, even on a terminal (never shown elsewhere).")
def cli(quiet: bool) -> None:
    """Lint, report on and publish an ISO/IEC 42001 AI management system kept as code."""
    from aims_lint import progress

    progress.configure(quiet=quiet)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif", "markdown"]),
    default=None,
    help="Output format (default: github inside GitHub Actions, else text; markdown for a job summary).",
)
@today_option
@root_option
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--select",
    multiple=True,
    metavar="RULE",
    help="Run only these rules (code, name or code prefix).",
)
@click.option(
    "--ignore", multiple=True, metavar="RULE", help="Skip these rules (code, name or code prefix)."
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE.",
)
@click.option("--base", metavar="REV", default=None,
              help="Pull-request mode: also check change control against REV (e.g. origin/main).")
@click.option("--force", is_flag=True, help="Replace FILE even if aims-lint did not write it.")
@click.option("--skip-unclaimed", is_flag=True,
              help="Skip PATHS that are no document instead of reporting them (AIMS020); the "
              "pre-commit hook passes every staged Markdown file with it.")
def check(
    paths: tuple[Path, ...],
    fmt: str | None,
    today: date,
    root: Path | None,
    strict: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output: Path | None,
    base: str | None,
    force: bool,
    skip_unclaimed: bool,
) -> None:
    """Check documents (default: every document in the repository)."""
    from aims_lint.commands.check import run_check

    settings = settings_for(root, select=select or None, ignore=ignore or None)
    code = run_check(settings, today, paths, fmt, strict, output, base=base, force=force,
                     skip_unclaimed=skip_unclaimed)
    sys.exit(code)


@cli.command("discover")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text",
              help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE.")
@click.option("--force", is_flag=True, help="Replace FILE even if aims-lint did not write it.")
@click.option("--reconcile", is_flag=True,
              help="Compare what is found with the AI system records and the supplier register "
              "(exit 1 while an error finding exists).")
@click.option("--draft", is_flag=True,
              help="Write draft AI system (and supplier) records for the unregistered AI use found; "
              "never overwrites. Implies --reconcile.")
@today_option
@root_option
def discover_command(paths: tuple[Path, ...], fmt: str, output: Path | None, force: bool, reconcile: bool,
                     draft: bool, today: date, root: Path | None) -> None:
    """Find evidence of AI use in source trees (default: the configured repositories' checkouts)."""
    from aims_lint.commands.discover import run_discover

    settings = settings_for(root)
    sys.exit(run_discover(settings, today, paths, fmt, output, reconcile=reconcile or draft, draft=draft,
                          force=force))


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text")
def rules_command(fmt: str) -> None:
    """List every rule with its code, severity and explanation."""
    from aims_lint.rule_docs import render_rules

    click.echo(render_rules(fmt), nl=False)


@cli.command()
@site_today_option
@root_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to stage the site source in (default: site.source_dir from the configuration).",
)
@audience_option
@click.option("--as-of", "as_of", callback=lambda c, p, v: v and _today(c, p, v), metavar="YYYY-MM-DD",
              help="Stage the system as it stood on this day: the main line's last commit of the day, "
                   "judged as of that day (or --today).")
def render(today: date, root: Path | None, out: Path | None, audience: str | None,
           as_of: date | None) -> None:
    """Stage the site source (Markdown) for MkDocs from the documents."""
    from aims_lint.commands.render import run_render

    settings = settings_for(root, audience=audience)
    given = click.get_current_context().get_parameter_source("today") is not ParameterSource.DEFAULT
    sys.exit(run_render(settings, today, out or settings.root / settings.site.source_dir, as_of,
                        today_given=given))


@cli.command()
@site_today_option
@root_option
@click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="MkDocs configuration (default: mkdocs.yml at the repository root).",
)
@click.option("--strict", is_flag=True, help="Refuse to build when the check has warnings too.")
@click.option("--no-gate", "no_gate", is_flag=True,
              help="Build even when the check finds errors: every page gets a banner and the dashboard "
                   "lists the findings (MkDocs' strict mode still fails real build problems).")
@audience_option
def build(
    today: date, root: Path | None, config_file: Path | None, strict: bool, no_gate: bool,
    audience: str | None,
) -> None:
    """Check the repository, then render and build the site (into site/)."""
    from aims_lint.commands.build import run_build

    settings = settings_for(root, audience=audience)
    config = config_file or settings.root / "mkdocs.yml"
    sys.exit(run_build(settings, today, config, strict, gate=not no_gate))


@cli.command()
@site_today_option
@root_option
@click.option("--config-file", "-f", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="MkDocs configuration (default: mkdocs.yml at the repository root).")
@click.option("--dev-addr", "-a", default=None, metavar="IP:PORT",
              help="Address to serve on (default: MkDocs' dev_addr, 127.0.0.1:8000).")
def serve(today: date, root: Path | None, config_file: Path | None, dev_addr: str | None) -> None:
    """Render the site and serve it locally, re-rendering whenever a document changes."""
    from aims_lint.commands.serve import run_serve

    settings = settings_for(root)
    sys.exit(run_serve(settings, today, config_file or settings.root / "mkdocs.yml", dev_addr))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              help="Output format (json is stable, for dashboards and evidence bundles).")
@today_option
@root_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE.")
@click.option("--force", is_flag=True, help="Replace FILE even if aims-lint did not write it.")
# Repeatable only so that a repeat is refused by name rather than the last one silently winning.
@click.option("--framework", "chosen", metavar="ID", multiple=True,
              help=f"Report one configured framework only ({_FRAMEWORK_IDS}); exit 0 when it is ready "
                   "or fully covered. Once: without it, the report covers every configured framework.")
def readiness(fmt: str, today: date, root: Path | None, output: Path | None, force: bool,
              chosen: tuple[str, ...]) -> None:
    """Report certification readiness: clauses, Annex A controls, required documents, per framework."""
    from aims_lint.commands.readiness import run_readiness

    if len(chosen) > 1:
        raise click.UsageError(
            f"--framework given {len(chosen)} times ({', '.join(chosen)}): it reports one framework; "
            "leave it out to report every configured framework"
        )
    sys.exit(run_readiness(settings_for(root), today, fmt, output, force, chosen[0] if chosen else None))


@cli.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--name", "organisation", default="Our organisation", help="Organisation name for titles.")
@click.option("--force", is_flag=True, help="Add missing files to a non-empty folder (never overwrites).")
@click.option("--install-from", "install_from", metavar="SPEC",
              help="Where the workflows install aims-lint from: a git URL or a wheel "
                   "(default: this version, pinned). Written to .github/aims-lint-requirements.txt.")
@click.option("--frameworks", metavar="IDS", default="iso42001",
              help="Comma-separated frameworks the system answers to, written to `frameworks` in the "
                   f"configuration: {DEFAULT_FRAMEWORK} (always included), "
                   f"{', '.join(f.id for f in FRAMEWORKS if f.id != DEFAULT_FRAMEWORK)}.")
@today_option
def init_command(directory: Path, organisation: str, force: bool, install_from: str | None,
                 frameworks: str, today: date) -> None:
    """Create a blank management system in DIRECTORY for an organisation to fill in."""
    from aims_lint.commands.init import InitError, framework_list, init_repository

    try:
        chosen = framework_list(frameworks)  # before anything is written
        # Only an explicit --frameworks changes an existing configuration; the default never does.
        given = click.get_current_context().get_parameter_source("frameworks") is not ParameterSource.DEFAULT
        result = init_repository(directory, today=today, organisation=organisation, force=force,
                                 install_from=install_from, frameworks=chosen, set_frameworks=given)
    except InitError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"created {len(result.created)} file(s) in {directory}, left {len(result.skipped)} existing")
    for rel in result.updated:
        click.echo(f"updated `frameworks` in {rel} to {', '.join(chosen)} (nothing else in it changed)")
    click.echo(f"next: aims-lint check --root {directory}  (it lists what to fill in)")


@cli.command("new")
@click.argument("doc_type", metavar="TYPE")
@click.argument("title")
@click.option("--owner", metavar="ROLE", help="Owner role (default: the roles registry's owner).")
@click.option("--approver", metavar="ROLE", help="Approver role (default: the roles registry's approver).")
@click.option("--kind", metavar="RECORD_KIND", help="Record kind (records only), e.g. internal-audit.")
@today_option
@root_option
def new_command(doc_type: str, title: str, owner: str | None, approver: str | None, kind: str | None,
                today: date, root: Path | None) -> None:
    """Create a document of TYPE from its template, with the next free id; prints its path."""
    from aims_lint.commands.new import run_new
    from aims_lint.scaffold import NewRequest

    request = NewRequest(doc_type, title, owner, approver, kind)
    sys.exit(run_new(settings_for(root), today, request))


@cli.command("adopt")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--owner", metavar="ROLE", help="Owner role (default: the roles registry's owner).")
@click.option("--approver", metavar="ROLE", help="Approver role (default: the roles registry's approver).")
@click.option("--type", "doc_type", metavar="TYPE", help="Document type (default: guessed from the folder).")
@today_option
@root_option
def adopt_command(paths: tuple[Path, ...], owner: str | None, approver: str | None, doc_type: str | None,
                  today: date, root: Path | None) -> None:
    """Add front matter to existing Markdown files (files or folders), leaving the body untouched."""
    from aims_lint.commands.adopt import AdoptRequest, run_adopt

    request = AdoptRequest(paths, owner, approver, doc_type)
    sys.exit(run_adopt(settings_for(root), today, request))


@cli.command("review")
@click.argument("reference", metavar="ID")
@click.option("--by", "by", required=True, metavar="ROLE", help="Role that reviewed (and approves).")
@click.option("--date", "on", default=None, callback=lambda c, p, v: None if v is None else _today(c, p, v),
              metavar="YYYY-MM-DD", help="Day of the review (default: today).")
@click.option("--bump", type=click.Choice(["minor", "major"]), default=None,
              help="Bump the version and record the (re-)approval by ROLE.")
@click.option("--approve", is_flag=True, help="Record the approval by ROLE without bumping the version.")
@click.option("--message", is_flag=True, help="Print a commit message with Reviewed-by/Approved-by trailers.")
@today_option
@root_option
def review_command(reference: str, by: str, on: date | None, bump: str | None, approve: bool, message: bool,
                   today: date, root: Path | None) -> None:
    """Record a review of document ID (or a path) in its front matter, changing nothing else."""
    from aims_lint.commands.review import ReviewRequest, run_review

    request = ReviewRequest(reference, by, on or today, bump, approve)
    sys.exit(run_review(settings_for(root), today, request, message))


@cli.command("reviews")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "issue"]), default="text",
              help="issue: the Markdown body of the issue the scheduled workflow keeps up to date.")
@click.option("--link-base", metavar="URL", help="Link documents to URL/PATH (e.g. a blob URL at a commit).")
@today_option
@root_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@click.option("--force", is_flag=True, help="Replace FILE even if aims-lint did not write it.")
def reviews_command(
    fmt: str, link_base: str | None, today: date, root: Path | None, output: Path | None, force: bool
) -> None:
    """List reviews that are overdue or due soon, with owners and their GitHub accounts."""
    from aims_lint.commands.reviews import run_reviews

    sys.exit(run_reviews(settings_for(root), today, fmt, output, link_base, force))


@cli.command("codeowners")
@click.option("--check", "check_only", is_flag=True, help="Exit 1 if the file is stale; change nothing.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="CODEOWNERS file (default: .github/CODEOWNERS).")
@today_option
@root_option
def codeowners_command(check_only: bool, out: Path | None, today: date, root: Path | None) -> None:
    """Write CODEOWNERS so each document's owner must review changes to it."""
    from aims_lint.commands.codeowners import run_codeowners

    sys.exit(run_codeowners(settings_for(root), today, check_only, out))


@cli.group("soa")
def soa_group() -> None:
    """Work with the Statement of Applicability."""


def _soa_framework(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """`soa export --framework`: a mistyped id reads as everywhere else (`unknown_id`)."""
    from aims_lint.catalog.frameworks import framework, unknown_id

    row = framework(value)
    if row is None:
        raise click.BadParameter(unknown_id(value))
    if not row.certifiable:
        raise click.BadParameter(f"{value} has no SoA (it is not certifiable); the frameworks with one are "
                                 f"{', '.join(f.id for f in FRAMEWORKS if f.certifiable)}")
    return value


@soa_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "oscal"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to FILE (default: standard output).")
@click.option("--system-name", default="AI management system", show_default=True,
              help="Name of the system in the OSCAL plan.")
@click.option("--force", is_flag=True, help="Replace FILE even if aims-lint did not write it.")
@click.option("--framework", "framework_id", callback=_soa_framework, metavar="ID",
              default=DEFAULT_FRAMEWORK, show_default=True,
              help="Export the SoA of this framework (one SoA per certifiable framework: "
                   f"{', '.join(f.id for f in FRAMEWORKS if f.certifiable)}).")
@today_option
@root_option
def soa_export(
    fmt: str, out: Path | None, system_name: str, force: bool, framework_id: str, today: date,
    root: Path | None,
) -> None:
    """Export the SoA: one row per Annex A control (CSV, XLSX) or an OSCAL system security plan."""
    from aims_lint.commands.export import run_soa_export

    sys.exit(run_soa_export(settings_for(root), today, fmt, out, system_name, force, framework_id))


@cli.command("schema")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write DIR/TYPE.schema.json per type and DIR/TYPE-KIND.schema.json per record kind "
                   "(default: one JSON object on standard output).")
@click.option("--type", "doc_type", default=None, metavar="TYPE",
              help="Only this document type (or TYPE-KIND, a record kind).")
@click.option("--force", is_flag=True, help="Replace files in DIR even if aims-lint did not write them.")
@root_option
def schema_command(out: Path | None, doc_type: str | None, force: bool, root: Path | None) -> None:
    """Export each document type's and record kind's JSON Schema as JSON, for editors."""
    from aims_lint.commands.schema import run_schema

    sys.exit(run_schema(settings_for(root), out, doc_type, force))


@cli.command("crosswalk")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "oscal"]), default="text",
              help="oscal: an OSCAL 1.2 mapping collection (JSON).")
@click.option("--today", callback=_site_today, metavar="YYYY-MM-DD",
              help="The OSCAL document's last-modified day (default: the day of SOURCE_DATE_EPOCH "
                   "when set, else the real date).")
def crosswalk_command(source: str, target: str, fmt: str, today: date) -> None:
    """Print how the items of framework FROM map to those of framework TO (e.g. iso42001 iso27001-2022)."""
    from aims_lint.commands.crosswalk import run_crosswalk

    sys.exit(run_crosswalk(source, target, fmt, today))


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    return None if value is None else _today(_ctx, _param, value)


@cli.command("history")
@click.argument("target", metavar="ID|PATH")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--as-of", "as_of", callback=_as_of, metavar="YYYY-MM-DD", default=None,
              help="Say which approved version was in force on that day, from what git held then.")
@root_option
def history_command(target: str, fmt: str, as_of: date | None, root: Path | None) -> None:
    """Print a document's revision history from git (renames followed), as document control:
    each commit's version, what it changed, and how each version was approved."""
    from aims_lint.commands.history import run_history

    sys.exit(run_history(settings_for(root), target, fmt, as_of))


def _day_or_none(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    return None if value is None else _today(_ctx, _param, value)


@cli.group(invoke_without_command=True)
@click.option("--rev", default="HEAD", show_default=True, help="The revision the bundle is pinned to.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The zip file to write (an earlier bundle is replaced; any other file only with --force).")
@click.option("--force", is_flag=True, help="Replace FILE even if it is not an evidence bundle.")
@click.option("--today", callback=_day_or_none, metavar="YYYY-MM-DD",
              help="Judge findings as of this day (default: the commit's date, so rebuilds are identical).")
@click.option("--sign", "key", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="KEYFILE", help="Sign manifest.json with this SSH private key (ssh-keygen -Y sign, "
              "namespace aims-lint-evidence), or a public key whose private half is in ssh-agent.")
@root_option
@audience_option
@click.pass_context
def evidence(
    ctx: click.Context, rev: str, out: Path | None, today: date | None, force: bool, key: Path | None,
    root: Path | None, audience: str | None,
) -> None:
    """Build an evidence bundle (zip) for auditors, pinned to one revision.

    `aims-lint evidence verify BUNDLE.zip` checks one.
    """
    if ctx.invoked_subcommand is not None:
        _refuse_build_options(ctx)
        return
    if out is None:
        raise click.UsageError("Missing option '--out'.", ctx)
    from aims_lint.commands.evidence import run_evidence

    # Passed on its own too: only a given --audience may show more than the commit's configuration.
    settings = settings_for(root, audience=audience)
    chosen = settings.audience if audience else None
    sys.exit(run_evidence(settings, rev, out, today, audience=chosen, force=force, key=key))


def _refuse_build_options(ctx: click.Context) -> None:
    """Options before `verify` belong to the build; silently dropping them would mislead."""
    given = sorted(param.opts[0] for param in ctx.command.params if param.name and
                   ctx.get_parameter_source(param.name) is click.core.ParameterSource.COMMANDLINE)
    if given:
        raise click.UsageError(f"{', '.join(given)} build a bundle; `evidence {ctx.invoked_subcommand}` "
                               "takes its own options after its name.", ctx)


@evidence.command("verify")
@click.argument("bundle", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--allowed-signers", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, metavar="FILE",
              help="OpenSSH allowed-signers file of the keys you trust for namespace aims-lint-evidence "
              "(without it a good signature is valid but untrusted).")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The repository to check the bundle's commit in (default: the one around the "
              "current folder, if any).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--today", callback=_day_or_none, metavar="YYYY-MM-DD",
              help="Judge the allowed signers' valid-after and valid-before on this day (default: now).")
def evidence_verify(
    bundle: Path, allowed_signers: Path | None, root: Path | None, fmt: str, today: date | None
) -> None:
    """Check a bundle: hashes, files, revision, signature.

    Exit 0 only when everything verifies and the signer is trusted, else 1, naming what failed.
    """
    from aims_lint.commands.evidence import run_verify

    sys.exit(run_verify(bundle, allowed_signers, root, fmt, today))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code (testable without a subprocess)."""
    try:
        # Without standalone mode click returns (not raises) the code of ctx.exit(n).
        code = cli.main(args=argv, prog_name="aims-lint", standalone_mode=False)
    except ConfigError as exc:
        click.echo(f"aims-lint: configuration error: {exc}", err=True)
        return 2
    except WriteRefused as exc:  # not our file or folder, or edited meanwhile: nothing was written
        click.echo(f"aims-lint: {exc}", err=True)
        return 2
    except OSError as exc:  # a folder that does not exist, a disk that is full: say so, no traceback
        click.echo(f"aims-lint: {exc}", err=True)
        return 2
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.Abort:
        return 2
    except SystemExit as exc:
        if isinstance(exc.code, str):
            click.echo(f"aims-lint: {exc.code}", err=True)
            return 2
        return int(exc.code or 0)
    return code if isinstance(code, int) else 0


def run() -> None:
    code = main()
    # The process ends here. Frozen objects are skipped by the collection Python runs
    # at exit, which would otherwise walk everything still alive (up to the whole corpus
    # when a traceback keeps it in a reference cycle: a second for 10,000 documents).
    # Streams are still flushed and atexit handlers still run.
    gc.freeze()
    sys.exit(code)
