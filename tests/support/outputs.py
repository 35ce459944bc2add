"""What validation plans a site to write, beside what a build of it wrote: the registry of outputs must
account for every file."""

from __future__ import annotations

from pathlib import Path

from pressroom.content_model.loading import context_from_settings
from pressroom.content_model.outputs import declared_folders, folder_holding
from pressroom.validation.site_check import check_site, planned_outputs


def planned_files(settings: dict) -> set[str]:
    """Every file validation plans outside the plugins' folders, for the content the settings name."""
    result = check_site(settings)
    directory = context_from_settings(settings)[0].directory
    return set(planned_outputs(result.releases, result.pages, settings, directory))


def written_files(output: Path, settings: dict) -> set[str]:
    """Every file a build wrote outside the declared folders and the images Pelican copies from
    STATIC_PATHS (which are the content's own files, published under their own names)."""
    folders = declared_folders(settings)
    static = tuple(f"{folder}/" for folder in settings["STATIC_PATHS"])
    written = {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}
    return {path for path in written if folder_holding(path, folders) is None and not path.startswith(static)}
