"""The content side of the editor's local backend: what a save writes, the mistakes of the entry being
edited and the release as the site tells it, and how each entry is described in the editor's lists.

The guard (guard.py) decides whether a request may be answered at all; this module only answers those it
lets through, reading the site's settings afresh for each, so the clock and the directory are current.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pelican.contents import Article, Static
from pelican.contents import Page as PelicanPage

from pressroom.content_model import bind_rendered_html
from pressroom.content_model.content_files import files_under
from pressroom.content_model.decision import decide_fields
from pressroom.content_model.front_matter import FrontMatterError, read_document
from pressroom.content_model.loading import context_from_settings, is_page, markdown_renderer
from pressroom.content_model.model import Release
from pressroom.content_model.presentation import article_presentation, presentation_data
from pressroom.content_model.problems import Problem, shown_path
from pressroom.content_model.reader import PressroomReader, page_metadata, planned_article
from pressroom.content_model.schema import MISSING, RELEASE_FIELDS, visibility_values
from pressroom.content_model.site import SOURCES_SETTING, site_of
from pressroom.content_model.times import in_full

from .merge import merged_file, written_as_new

# What an entry not yet saved is checked as: a file of its folder that no one could have named so.
UNSAVED_NAME = "(not yet saved).md"


class Checked(Protocol):
    """What `invoke check` answers (validation's SiteCheck): every problem, and every source that passed,
    {absolute path: (Release | Page, its document)}."""

    problems: list[Problem]
    sources: dict


@dataclass(frozen=True)
class Editing:
    """What the editor's saves and questions are answered with, for the site `settings()` describes
    (read afresh for each request) in `repository`, the folder that holds content/. `check` is what
    `invoke check` runs, given the site's settings and the sources to read from unsaved text instead of
    their files ({absolute path: text})."""

    settings: Callable[[], dict]
    check: Callable[[dict, dict[Path, str]], Checked]
    repository: Path

    def written(self, path: str, raw: str) -> str:
        """What a save of `raw` (Decap's text of a whole entry) at `path` writes: the file on disk with
        only what was changed changed, or a new file as `invoke new` writes one."""
        target = self.repository / path
        if target.suffix != ".md":
            return raw
        if not target.is_file():
            return written_as_new(raw)
        render = markdown_renderer(self.settings())
        return merged_file(target.read_text(encoding="utf-8"), raw, render)

    def previewed(self, path: str, raw: str) -> dict:
        """What the editor's preview shows of the entry at `path` (a folder's unsaved name for a new one)
        if `raw` were saved there, in the context of the whole site: the mistakes `invoke check` finds in
        it, and the release as the site tells it (`presentation_data`), or None when it makes no release
        (a page, or mistakes that stop one being made)."""
        settings = self.settings()
        target = (self.repository / path).resolve()
        checked = self.check(settings, {target: self.written(path, raw)})
        shown = shown_path(target)
        return {
            "problems": [described(problem) for problem in checked.problems if problem.path == shown],
            "presentation": told(settings, checked.sources, target),
        }

    def state(self, text: str) -> str:
        """How the editor's list describes a release: its state and moment, in words, in the site's zone."""
        settings = self.settings()
        try:
            document = read_document(text)
        except FrontMatterError:
            return "Has mistakes: open it to see them"
        context, _ = context_from_settings(settings)
        values = visibility_values(document, context)
        if any(value is None for value in values.values()) or "date" not in values:
            return "Has mistakes: open it to see them"
        now = site_of(settings).now
        visibility = decide_fields(
            values.get("status", "published"), values.get("embargo"), values["date"], now
        )
        timezone = site_of(settings).options.timezone
        if visibility.reason == "draft":
            return "Draft"
        if visibility.reason in ("embargoed", "scheduled") and visibility.until:
            verb = "Embargoed until" if visibility.reason == "embargoed" else "Scheduled for"
            return f"{verb} {in_full(visibility.until, timezone)}"
        if visibility.reason == "withdrawn":
            return "Withdrawn"
        published = max(values["date"], values.get("embargo") or values["date"])
        return f"Public since {published:%-d %B %Y}"

    def described(self, entries: list) -> list:
        """Decap's list of entries, each release's state in words where Decap shows a file's last author
        (`{{commit_author}}` in the collection's summary): nothing of it is ever written to a file."""
        settings = self.settings()
        for entry in entries:
            file = entry.get("file") if isinstance(entry, dict) else None
            if not isinstance(file, dict) or not isinstance(entry.get("data"), str):
                continue
            if is_page(self.repository / str(file.get("path", "")), settings):
                continue
            file["author"] = self.state(entry["data"])
        return entries


def described(problem: Problem) -> dict:
    """A problem as the editor's preview shows it: where, what, how to fix it, and the field's label."""
    name = problem.field.split(".")[0].split("[")[0]
    field = RELEASE_FIELDS.get(name)
    label = (field.label or name.replace("_", " ").capitalize()) if field else problem.field
    fix = problem.fix
    if field and problem.what == MISSING and problem.field == name:
        # The form has no YAML to add a line to: the field is filled in by its label.
        fix = f"fill in {label}. {field.help or field.meaning}"
    return {
        "line": problem.line,
        "field": problem.field,
        "label": label,
        "what": problem.what,
        "fix": fix,
        "severity": problem.severity,
    }


def told(settings: dict, sources: dict, target: Path) -> dict | None:
    """The release at `target` as the preview build would tell it, as JSON values: read by the project's
    reader from what the check read (the unsaved text among it), its links to other sources and images
    resolved as Pelican resolves them; None when the check made no release of it."""
    item, _document = sources.get(str(target), (None, None))
    if not isinstance(item, Release):
        return None
    reader = PressroomReader({**settings, SOURCES_SETTING: sources})
    html, metadata = reader.read(str(target))
    article = Article(html, metadata, settings, str(target), links_context(settings, sources))
    bind_rendered_html(article)
    return presentation_data(article_presentation(article, site_of(settings)))


def links_context(settings: dict, sources: dict) -> dict:
    """What Pelican looks a `{filename}` or `{static}` link up in: every release and page the check read,
    and every file under STATIC_PATHS, by their paths in the content folder."""
    root = Path(settings["PATH"]).resolve()
    generated = {}
    for path, (item, _document) in sources.items():
        planned = (
            planned_article(item, settings)
            if isinstance(item, Release)
            else PelicanPage("", page_metadata(item), settings, path)
        )
        generated[Path(path).relative_to(root).as_posix()] = planned
    static = {
        file.relative_to(root).as_posix(): Static("", {}, settings, str(file))
        for folder in settings.get("STATIC_PATHS", [])
        for file in files_under(root / folder, settings)
    }
    return {"generated_content": generated, "static_content": static, "localsiteurl": site_of(settings).url}
