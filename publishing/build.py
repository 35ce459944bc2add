"""Build a site into a fresh folder; the caller decides when (and whether) it replaces anything."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings


def settings_for(config: str | Path, **override) -> dict:
    """Read a settings file (relative to the working folder, as `pelican -s` does) with overrides."""
    return read_settings(str(Path(config).resolve()), override=override or None)


def build_into(output: Path, config: str | Path = "pelicanconf.py", **override) -> dict:
    """Build into `output` (created, must not exist yet) and return the settings used."""
    settings = settings_for(config, OUTPUT_PATH=str(output), **override)
    Pelican(settings).run()
    return settings


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace `target` with `staging` so readers see the old site or the new one, never half of each."""
    previous = target.with_name(target.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    if previous.exists():
        shutil.rmtree(previous)


def build_and_replace(target: Path, config: str | Path = "pelicanconf.py", **override) -> dict:
    """Build beside `target`, then swap it in; if the build fails, `target` is left exactly as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        settings = build_into(staging, config, **override)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_into_place(staging, target)
    return settings
