"""The command line: options in, one library call, an exit code out. No logic here.

Exit codes: 0 no errors, 1 errors found (warnings too with --strict),
2 usage or configuration error.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from aims_lint import __version__
from aims_lint.config import ConfigError, Settings, find_root, load_settings


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
root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Repository root (default: nearest folder with [tool.aims_lint] or schemas/).",
)


def settings_for(root: Path | None, **overrides: Any) -> Settings:
    base = root.resolve() if root else find_root(Path.cwd())
    return load_settings(base, overrides)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aims-lint")
def cli() -> None:
    """Lint, report on and publish an ISO/IEC 42001 AI management system kept as code."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default=None,
    help="Output format (default: github inside GitHub Actions, else text).",
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
def check(
    paths: tuple[Path, ...],
    fmt: str | None,
    today: date,
    root: Path | None,
    strict: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output: Path | None,
) -> None:
    """Check documents (default: every document in the repository)."""
    from aims_lint.commands.check import run_check

    settings = settings_for(root, select=select or None, ignore=ignore or None)
    code = run_check(settings, today, paths, fmt, strict, output)
    sys.exit(code)


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text")
def rules_command(fmt: str) -> None:
    """List every rule with its code, severity and explanation."""
    from aims_lint.rule_docs import render_rules

    click.echo(render_rules(fmt), nl=False)


@cli.command()
@today_option
@root_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to stage the site source in (default: site.source_dir from the configuration).",
)
def render(today: date, root: Path | None, out: Path | None) -> None:
    """Stage the site source (Markdown) for MkDocs from the documents."""
    from aims_lint.site.render import render_site

    settings = settings_for(root)
    target = out or settings.root / settings.site.source_dir
    count = render_site(settings, today, target)
    click.echo(f"rendered {count} page(s) into {target}")


@cli.command()
@today_option
@root_option
@click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="MkDocs configuration (default: mkdocs.yml at the repository root).",
)
@click.option("--strict", is_flag=True, help="Refuse to build when the check has warnings too.")
def build(today: date, root: Path | None, config_file: Path | None, strict: bool) -> None:
    """Check the repository, then render and build the site (into site/)."""
    from aims_lint.commands.build import run_build

    settings = settings_for(root)
    sys.exit(run_build(settings, today, config_file or settings.root / "mkdocs.yml", strict))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code (testable without a subprocess)."""
    try:
        cli.main(args=argv, prog_name="aims-lint", standalone_mode=False)
    except ConfigError as exc:
        click.echo(f"aims-lint: configuration error: {exc}", err=True)
        return 2
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.Abort:
        return 2
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    return 0


def run() -> None:
    sys.exit(main())
