"""Which files under content/ the build takes: editors' own files are passed over everywhere, and only the
images that something public shows are published.

Text editors leave files beside the one being edited: Emacs a lock link `.#name.md` (pointing nowhere)
and `#name.md#`, Vim `.name.md.swp`, many editors `name.md~`, Word `~$name.docx`. Pelican's
IGNORE_FILES setting names them, and every walk of content/ (Pelican's, `check`'s, `invoke serve`'s)
asks `is_ignored`, so a file open in an editor never stops or changes a build.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Set
from pathlib import Path

from .schema import text_values
from .site import site_of


def is_ignored(name: str, settings: dict) -> bool:
    """Whether a file or folder name is one Pelican's IGNORE_FILES tells every walk of content/ to skip."""
    return any(fnmatch.fnmatch(name, pattern) for pattern in settings.get("IGNORE_FILES", ()))


def files_under(
    folder: Path, settings: dict, *, follow_links: bool = False, skip: Set[str] = frozenset()
) -> Iterator[Path]:
    """Every file under `folder`, sorted, but editors' files and whatever `skip` names (files, or folders
    not to enter), as Pelican walks content/ (`follow_links`, as it does where it reads sources)."""
    for parent, folders, files in os.walk(folder, followlinks=follow_links):
        folders[:] = sorted(
            name
            for name in folders
            if not is_ignored(name, settings) and str(Path(parent) / name) not in skip
        )
        for name in sorted(files):
            if not is_ignored(name, settings) and str(Path(parent) / name) not in skip:
                yield Path(parent) / name


def named_files(candidates: Iterable[str], texts: Iterable[str]) -> set[str]:
    """The `candidates` (paths under content/, such as images/photo.jpg) that any of `texts` names.

    A name counts wherever it is written (`src: images/photo.jpg`, `{static}/images/photo.jpg`,
    `/images/photo.jpg`), as the leak scan counts it; only lines naming a candidate's folder are searched.
    """
    candidates = list(candidates)
    prefixes = tuple({candidate.partition("/")[0] for candidate in candidates})
    naming = "\n".join(
        line for text in texts for line in text.splitlines() if any(prefix in line for prefix in prefixes)
    )
    return {candidate for candidate in candidates if candidate in naming}


def publish_only_named_files(generators) -> None:
    """Leave out of the output every static file (an image under content/images/) that no release, page,
    person in the directory or setting (a logo) names: the folder is where pictures wait, not what the
    site shows."""
    settings = generators[0].settings
    statics = [generator for generator in generators if hasattr(generator, "staticfiles")]
    if not any(generator.staticfiles for generator in statics):
        return
    sources = {
        item.source_path
        for generator in generators
        for name in ("articles", "drafts", "pages", "hidden_pages", "draft_pages")
        for item in getattr(generator, name, [])
    }
    texts = [Path(source).read_text("utf-8", errors="replace") for source in sorted(sources)]
    texts += [person.photo for person in site_of(settings).directory.people.values() if person.photo]
    texts += [text for _, text in text_values(settings)]
    folders = tuple(f"{folder.strip('/')}/".lstrip("/") for folder in settings.get("STATIC_PATHS", []))
    # Files elsewhere reach Pelican's list only through {static} and {attach} links, which `check` refuses.
    candidates = [
        path
        for path in (static.relative_source_path for generator in statics for static in generator.staticfiles)
        if path.startswith(folders)
    ]
    named = named_files(candidates, texts)
    for generator in statics:
        generator.staticfiles[:] = [
            static for static in generator.staticfiles if static.relative_source_path in named
        ]
