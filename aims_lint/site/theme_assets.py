"""The site's own stylesheet and scripts, staged with every render under `assets/aims/`."""

from __future__ import annotations

from importlib import resources

from aims_lint.site.context import SiteContext

ASSETS = ("aims.css", "aims.js", "iframe-worker/shim.js", "iframe-worker/LICENSE")


def asset_files(ctx: SiteContext) -> dict[str, str]:
    """The same files for every audience: nothing in them comes from the repository."""
    return {f"assets/aims/{name}": _asset(name) for name in ASSETS}


def _asset(name: str) -> str:
    return resources.files("aims_lint.site").joinpath("assets", name).read_text(encoding="utf-8")
