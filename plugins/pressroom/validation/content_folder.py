"""Files in content/ that would be published by mistake, or never read at all, each named with its fix.

Pelican copies everything under STATIC_PATHS (content/images/) as it is: a release saved there by
mistake would be readable at /images/….md before its embargo, a report PDF or a Word file likewise, and
an SVG can carry a script that runs at the site's own address. So only real JPEG, PNG, WebP and GIF
files may be there. And a release saved beside the release folders, in content/ itself, is never
built, without a word: it is named too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Set
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pressroom.content_model.content_files import files_under
from pressroom.content_model.front_matter import FrontMatterError, read_document
from pressroom.content_model.limits import file_excess
from pressroom.content_model.problems import Problem, nearest, shown_path
from pressroom.content_model.schema import IMAGE_FORMATS, IMAGE_SUFFIXES, TooManyPixels, image_format

SOURCE_SUFFIX = ".md"
# Pelican's links to other files of the content folder: to a release or page by its source
# ({filename}/releases/….md), and to files it then copies as they are ({static}/path, {attach}path), each
# also written |filename|….
FILE_LINK = re.compile(r"[{|](filename|static|attach)[|}]([^\s\"'<>()]+)")
COPIED_AS_THEY_ARE = ("static", "attach")


def folders_of(settings: dict, *names: str) -> list[Path]:
    root = Path(settings["PATH"])
    return [root / folder for name in names for folder in settings.get(name, [])]


def release_folder(path: Path) -> str:
    """Where a release belongs: content/releases/YEAR/, with its year when its date can be read."""
    try:
        date = None if file_excess(path) else read_document(path.read_text(encoding="utf-8")).data.get("date")
    except (FrontMatterError, UnicodeDecodeError, OSError):
        date = None
    year = getattr(date, "year", None) or str(date or "")[:4]
    return f"content/releases/{year if str(year).isdigit() else 'YEAR'}/"


def misplaced_source_problems(settings: dict, refused: Set[str] = frozenset()) -> list[Problem]:
    """A Markdown file anywhere in content/ outside the release, page and image folders is never built."""
    root = Path(settings["PATH"])
    read = folders_of(settings, "ARTICLE_PATHS", "PAGE_PATHS", "STATIC_PATHS")
    # A build of chosen files (`invoke serve` builds a saved release alone) leaves the others out on purpose.
    if root in read or any(path.is_file() for path in read) or not root.is_dir():
        return []
    return [
        Problem(
            shown_path(path),
            None,
            "file",
            "is outside content/releases/ and content/pages/, so it is never built",
            f"move it into {release_folder(path)} if it is a release, or content/pages/ if it is a page",
        )
        for path in files_under(root, settings, skip={*map(str, read), *refused})
        if path.suffix == SOURCE_SUFFIX
    ]


def static_file_problems(settings: dict, refused: Set[str] = frozenset()) -> list[Problem]:
    """Anything under content/images/ (STATIC_PATHS) that is not a real JPEG, PNG, WebP or GIF image."""
    return [
        problem
        for folder in folders_of(settings, "STATIC_PATHS")
        for path in files_under(folder, settings, follow_links=True, skip=refused)
        if (problem := static_file_problem(path, folder))
    ]


def static_file_problem(path: Path, folder: Path) -> Problem | None:
    shown = shown_path(path)
    try:
        found = image_format(path)
    except TooManyPixels:
        return Problem(shown, None, "file", TooManyPixels.what, TooManyPixels.fix)
    if found in IMAGE_FORMATS and path.suffix.lower() in IMAGE_SUFFIXES:
        return None
    published_as_is = f"and everything in content/{folder.name}/ is published as it is, for anyone to read"
    if path.suffix == SOURCE_SUFFIX:
        what = f"is a Markdown file, not an image, {published_as_is} (a release here is public at once)"
        fix = f"move it into {release_folder(path)} if it is a release, or content/pages/ if it is a page"
    elif found in IMAGE_FORMATS:
        what = f"is a {found} image named '{path.suffix}', {published_as_is}, under a name browsers misread"
        fix = f"rename it to {path.stem}.{found.lower().replace('jpeg', 'jpg')}"
    else:
        what = f"is not a JPEG, PNG, WebP or GIF image, {published_as_is}"
        fix = (
            "move it out of the content folder: export a picture (an SVG too) as PNG or JPEG, and publish "
            "documents such as reports where they belong, linking to them by their full address"
        )
    return Problem(shown, None, "file", what, fix)


def file_links(document) -> Iterator[tuple[str, int | None, str, str]]:
    """(field, line, "filename", "static" or "attach", path) of each file link in the body and the notes
    to editors."""
    for match in FILE_LINK.finditer(document.body):
        line = document.body_line + document.body.count("\n", 0, match.start())
        yield "body", line, match.group(1), match.group(2)
    notes = document.data.get("notes_to_editors")
    for match in FILE_LINK.finditer(notes if isinstance(notes, str) else ""):
        yield "notes_to_editors", document.line_of(("notes_to_editors",)), match.group(1), match.group(2)


def file_link_problems(sources: dict, settings: dict) -> list[Problem]:
    """`{static}` and `{attach}` make Pelican publish the file they name wherever it is: outside
    content/images/ (a report PDF in content/docs/, an SVG beside a release) nothing checks it first."""
    root = Path(settings["PATH"]).resolve()
    static = [root / folder for folder in settings.get("STATIC_PATHS", [])]
    problems = []
    for source, (_, document) in sorted(sources.items()):
        for field, line, kind, target in file_links(document):
            if kind not in COPIED_AS_THEY_ARE:
                continue
            if any(linked_file(root, Path(source), target).is_relative_to(f) for f in static):
                continue
            problems.append(
                Problem(
                    shown_path(source),
                    line,
                    field,
                    f"links to {target} with {{{kind}}}, which would publish that file as it is; only the "
                    "images in content/images/ are published",
                    "put a picture in content/images/ and link it from there; link to a document by its full "
                    "address on the website that publishes it",
                )
            )
    return problems


def linked_file(root: Path, source: Path, target: str) -> Path:
    """The file a link from `source` names, as Pelican finds it: from the content folder when the path
    starts with /, else from the source's own folder; without its #part or ?query, %-escapes read."""
    path = unquote(urlsplit(target).path)
    base = root if path.startswith("/") else source.parent
    return Path(os.path.normpath(base / path.lstrip("/")))


def missing_link_target_problems(sources: dict, settings: dict) -> list[Problem]:
    """A link to a release, page or image that is not in the content folder is published broken (Pelican
    only warns): each is named at its line, with the file meant when one of that name is elsewhere. A
    file linked outside the images folder is refused by `file_link_problems` whether it is there or not."""
    root = Path(settings["PATH"]).resolve()
    static = [root / folder for folder in settings.get("STATIC_PATHS", [])]
    known = {path.relative_to(root).as_posix() for path in files_under(root, settings)}
    problems = []
    for source, (_, document) in sorted(sources.items()):
        for field, line, kind, target in file_links(document):
            linked = linked_file(root, Path(source), target)
            if linked.is_file() and linked.is_relative_to(root):
                continue
            if kind in COPIED_AS_THEY_ARE and not any(linked.is_relative_to(folder) for folder in static):
                continue  # refused wherever it is (file_link_problems)
            same_name = sorted(path for path in known if path.rsplit("/", 1)[-1] == linked.name)
            written = linked.relative_to(root).as_posix() if linked.is_relative_to(root) else target
            meant = same_name[0] if same_name else nearest(written, known)
            example = "releases/2024/2024-03-12-a-release.md" if kind == "filename" else "images/a-photo.jpg"
            fix = (
                f"did you mean {{{kind}}}/{meant}?"
                if meant
                else f"give the file's path from the content folder, for example {{{kind}}}/{example}, or "
                "link to its full web address"
            )
            problems.append(
                Problem(
                    shown_path(source),
                    line,
                    field,
                    f"links to {target} with {{{kind}}}, but there is no such file in the content folder, so "
                    "the link would be published broken",
                    fix,
                )
            )
    return problems
