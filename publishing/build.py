"""Build a site into a fresh folder; the caller decides when (and whether) it replaces anything."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from pressroom.content_model.clock import ClockError, build_clock
from pressroom.content_model.settings import SETTINGS_FILE_SETTING
from pressroom.content_model.storage import disk_error, holds, settled
from pressroom.visibility.build_guard import stop_builds_on_errors

# Written into every folder `build_and_replace` fills, so a later build knows it may replace that folder.
BUILD_MARKER = ".pressroom-build"
MARKER_TEXT = "Built by Pressroom: the next `invoke build` or `invoke preview` replaces this whole folder.\n"
# From Linux's <fcntl.h> and <linux/fs.h>: paths relative to the working folder, and swap the two names.
AT_FDCWD, RENAME_EXCHANGE = -100, 2


class OutputRefused(SystemExit):
    """The folder asked for as output holds something a build must not replace."""


class ClockUnreadable(SystemExit):
    """The build's clock (--at, PRESSROOM_NOW or SOURCE_DATE_EPOCH) cannot be read."""


class DiskRefused(SystemExit):
    """A file the build reads or writes was refused (a full disk, a read-only file system)."""


class SettingsUnreadable(SystemExit):
    """Pelican could not read the settings file: the command stops with its sentence."""


def settings_for(config: str | Path, **override) -> dict:
    """Read a settings file (relative to the working folder, as `pelican -s` does) with overrides; a
    setting that cannot be used is named with that file."""
    override = {SETTINGS_FILE_SETTING: Path(config).name, **override}
    try:
        return read_settings(str(Path(config).resolve()), override=override)
    except SyntaxError as error:
        raise SettingsUnreadable(
            f"{Path(config).name}:{error.lineno}: {error.msg} — the settings file is Python: correct that "
            "line (a missing quotation mark, bracket or comma) and run it again. Nothing was built."
        ) from None
    except ValueError as error:
        # Pelican's own checks: a THEME or PATH that does not exist, a setting of the wrong kind.
        raise SettingsUnreadable(
            f"{Path(config).name}: {error} — correct the setting and run it again. Nothing was built."
        ) from None


def build_into(output: Path, config: str | Path = "pelicanconf.py", **override) -> dict:
    """Build into `output` (created, must not exist yet) and return the settings used."""
    settings = settings_for(config, OUTPUT_PATH=str(output), **override)
    # A settings file that lost its guard must not make a build forgiving.
    stop_builds_on_errors()
    try:
        build_clock(settings)
    except ClockError as error:
        raise ClockUnreadable(f"The build's clock: {error}. Nothing was built.") from None
    try:
        Pelican(settings).run()
    except OSError as error:
        raise DiskRefused(
            f"The build into {output} stopped: {disk_error(error)}. Make room on the disk, or make the "
            "folder writable, and build again. Nothing was replaced."
        ) from None
    return settings


def is_earlier_build(folder: Path) -> bool:
    return (folder / BUILD_MARKER).is_file()


def refusal(target: Path, project: Path, content: Path, live: tuple[Path, ...]) -> str | None:
    """Why `target` must not be replaced by a build, or None when it may be."""
    where = target.resolve()
    if holds(where, project):
        return f"{target} is the project folder (or holds it)"
    if holds(where, content) or holds(content, where):
        return f"{target} is the content folder (or holds it, or is inside it)"
    if ".git" in where.parts:
        return f"{target} is git's own folder"
    for live_site in live:
        if target.absolute() == live_site.absolute() or where == live_site.resolve():
            return f"{target} is the live site that `invoke publish` serves"
    if target.is_symlink():
        return f"{target} is a link to another folder"
    if os.path.ismount(target):
        return f"{target} is a mount point (a disk of its own; a new folder inside it will do)"
    if target.exists() and not target.is_dir():
        return f"{target} is a file"
    if target.is_dir() and any(target.iterdir()) and not is_earlier_build(target):
        return (
            f"{target} is not empty and was not made by an earlier build (if it is a build from before "
            "builds were marked, `invoke clean` removes output/ and preview/)"
        )
    return None


def refuse_unsafe_output(target: Path, config: str | Path, content: Path, live: tuple[Path, ...]) -> None:
    reason = refusal(target, Path(config).resolve().parent, content.resolve(), live)
    if reason:
        raise OutputRefused(
            f"{reason}: a build replaces its output folder whole, so it will not build there. "
            "Choose a new or empty folder, or one an earlier build made."
        )


def exchanged(first: Path, second: Path) -> bool:
    """Swap the names of two paths in one step, so that no reader finds neither; False where the system
    or the file system cannot (Linux's renameat2 with RENAME_EXCHANGE is the only way to)."""
    try:
        rename_at = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if rename_at(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(number, os.strerror(number), str(second))


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace `target` with `staging` so readers see the old site or the new one, never half of each
    (and, where the system can swap two names at once, never nothing either)."""
    if not target.exists() and not target.is_symlink():
        staging.rename(target)
        return
    if exchanged(staging, target):
        # `staging` now names the old site.
        if staging.is_symlink():
            staging.unlink()
        else:
            shutil.rmtree(staging, ignore_errors=True)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    try:
        target.rename(retired / target.name)
        try:
            staging.rename(target)
        except OSError:
            (retired / target.name).rename(target)
            raise
    finally:
        # The old site once swapped out, or nothing when the swap was refused and undone.
        shutil.rmtree(retired, ignore_errors=True)


def build_and_replace(
    target: Path, config: str | Path = "pelicanconf.py", live: tuple[Path, ...] = (), **override
) -> dict:
    """Build beside `target`, then swap it in; if the build fails, `target` is left exactly as it was.

    `target` must be new, empty or an earlier build, and never the project, its content, git's folder
    or one of the `live` sites.
    """
    settings = settings_for(config, **override)
    target = settled(target)
    refuse_unsafe_output(target, config, Path(settings["PATH"]), live)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as error:
        raise DiskRefused(
            f"Cannot build into {target}: {disk_error(error)}. Choose a folder on a writable disk with room "
            "to spare. Nothing was built."
        ) from None
    try:
        settings = build_into(staging, config, **override)
        (staging / BUILD_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        swap_into_place(staging, target)
    except OSError as error:
        raise DiskRefused(
            f"Could not put the new build in place of {target}: {disk_error(error)}. {target} is as it was: "
            "make room on the disk, or make the folder writable, and build again."
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return settings
