"""After a build, search every output file for any trace of a release that is not yet public."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_plus

from markupsafe import escape

from pressroom.content_model.model import Release

TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".xsl", ".ics", ".js", ".css", ".webmanifest", ""}


@dataclass(frozen=True)
class Leak:
    output_file: str
    release: str
    found: str

    def __str__(self) -> str:
        return (
            f"{self.output_file}: contains {self.found} of the release that is not yet public, {self.release}"
        )


def spellings(text: str) -> set[str]:
    """How a piece of text can appear in HTML, JSON, XML or a URL once a template has written it."""
    forms = {
        text,
        html.escape(text),
        html.escape(text, quote=False),
        str(escape(text)),
        json.dumps(text)[1:-1],
    }
    forms |= {quote(text, safe=""), quote_plus(text), quote(text)}
    return {form for form in forms if form}


def needles(release: Release, url: str) -> list[tuple[str, re.Pattern]]:
    """Patterns for the title in any spelling, the address, and the slug where it names a file or path.

    A bare slug can be an ordinary word ("update"), so it counts only between the characters that
    surround it in a path, a URL or a quoted value.
    """
    title = "|".join(re.escape(form) for form in sorted(spellings(release.title), key=len, reverse=True))
    slug = rf"(?:^|(?<=[/\"'])){re.escape(release.slug)}(?=[/.\"'?#]|$)"
    found = [("the title", re.compile(title)), ("the slug", re.compile(slug, re.MULTILINE))]
    if url:
        found.append(("the address", re.compile(re.escape(url.strip("/")))))
    return found


def find_leaks(output: Path, hidden: list[tuple[Release, str]]) -> list[Leak]:
    """Every output file naming a hidden release (by title, slug or address), in its path or its text."""
    leaks: list[Leak] = []
    if not hidden:
        return leaks
    patterns = [
        (release, what, pattern) for release, url in hidden for what, pattern in needles(release, url)
    ]
    for path in sorted(p for p in Path(output).rglob("*") if p.is_file()):
        relative = path.relative_to(output).as_posix()
        text = path.read_text("utf-8", errors="replace") if path.suffix in TEXT_SUFFIXES else ""
        for release, what, pattern in patterns:
            if pattern.search(relative) or (text and pattern.search(text)):
                leaks.append(Leak(relative, release.source_path, what))
    return leaks
