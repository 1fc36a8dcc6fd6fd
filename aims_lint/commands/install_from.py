"""What the workflows `aims-lint init` writes install: one line of `.github/aims-lint-requirements.txt`.

By default the released version this toolkit is, pinned (`aims-lint==X.Y.Z`), so
every run of an adopter's CI uses the version they chose. Until a release is on
the package index, or to try a change, `init --install-from SPEC` names where
to get it instead: a git URL or a wheel. The line is a pip requirement, so
only those two shapes are accepted: anything else could be read by pip as an
option (`-e`, `--index-url`) or a second requirement.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from aims_lint import __version__

_NAME = "aims-lint"
_GIT = re.compile(r"git\+(https|ssh)://[^\s#]+(#[^\s]*)?")
_WHEEL_URL = re.compile(r"https://[^\s#]+\.whl")
_NAMED = re.compile(r"aims[-_]lint\s*@\s*(\S+)", re.IGNORECASE)


class InstallSpecError(ValueError):
    """SPEC is neither a git URL nor a wheel."""


def requirement_line(spec: str | None) -> str:
    """The pip requirement for SPEC (None: this version, pinned)."""
    if spec is None:
        return f"{_NAME}=={__version__}"
    given = spec.strip()
    named = _NAMED.fullmatch(given)
    target = named.group(1) if named else given
    if _GIT.fullmatch(target) or _WHEEL_URL.fullmatch(target):
        return f"{_NAME} @ {target}"  # a direct reference that names the project
    if not named and _is_wheel_in_repository(given):
        return given  # pip reads it relative to the repository root, where the workflows run
    raise InstallSpecError(
        f"--install-from takes a git URL (git+https://... or git+ssh://...) or a wheel (an https URL, or "
        f"a relative path inside the repository ending in .whl), not {spec!r}"
    )


def _is_wheel_in_repository(path: str) -> bool:
    if not path.endswith(".whl") or re.search(r"[\s\\]", path) or path.startswith(("-", "/", "~")):
        return False
    return ".." not in PurePosixPath(path).parts and "://" not in path
