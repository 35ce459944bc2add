"""Visibility: the build's clock decides which releases are public; the preview build shows the rest.

In a public build a release that is not public becomes a Pelican draft as it is read, so no later
stage (listings, feeds, cards, sitemaps) ever holds it; a scan of the output afterwards proves it.
In a preview build (PRESSROOM_PREVIEW) it stays an article and carries the banner to show.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from pressroom.content_model.clock import NOW_SETTING, ClockError, build_clock
from pressroom.content_model.decision import Visibility, decide

from .leaks import Hidden, distinctive_passages, find_leaks, readable

PREVIEW_SETTING = "PRESSROOM_PREVIEW"
HIDDEN_KEY = "PRESSROOM_HIDDEN"
# The releases this build makes public, for publishing to compare with the real time.
PUBLIC_KEY = "PRESSROOM_PUBLIC"


class EmbargoLeak(SystemExit):
    """The output names a release that is not public: the build fails, listing every place."""

    def __init__(self, leaks):
        lines = [str(leak) for leak in leaks]
        lines.append(f"{len(leaks)} leak(s) of releases that are not public: the build has failed.")
        super().__init__("\n".join(lines))
        self.leaks = leaks


class ClockUnreadable(SystemExit):
    """The build's clock cannot be read: the build stops with the sentence saying how to write it."""


def set_clock(pelican) -> None:
    try:
        pelican.settings[NOW_SETTING] = build_clock(pelican.settings)
    except ClockError as error:
        raise ClockUnreadable(f"The build's clock: {error}. Nothing was built.") from None
    pelican.settings[HIDDEN_KEY] = []
    pelican.settings[PUBLIC_KEY] = []


def apply_visibility(generator, metadata) -> None:
    release = metadata.get("release")
    if release is None:
        return
    visibility = decide(release, generator.settings[NOW_SETTING])
    if generator.settings.get(PREVIEW_SETTING):
        metadata["visibility"] = visibility
        if release.status == "draft":
            metadata["status"] = "published"
    elif visibility.public:
        generator.settings[PUBLIC_KEY].append(release)
    else:
        metadata["status"] = "draft"
        generator.settings[HIDDEN_KEY].append(release)


def public_address(article, settings) -> str:
    """Where the release will live once public (as a draft, Pelican only knows its draft address)."""
    return settings["ARTICLE_URL"].format(**article.url_format)


def source_text(path: str) -> str:
    return Path(path).read_text("utf-8", errors="replace")


def public_text(public, directories: list[str]) -> str:
    """Everything public readers see of the content, directories included, as one readable text."""
    parts = list(directories)
    for item in public:
        parts += [item.title, item._content]
        release = getattr(item, "release", None)
        if release:
            parts += [release.summary, release.notes_to_editors, *(quote.text for quote in release.quotes)]
    return readable("\n".join(parts))


def only_used_by(source: str, static_paths: list[str], public_sources_text: str) -> tuple[str, ...]:
    """The static files a hidden release names that nothing public names."""
    return tuple(path for path in static_paths if path in source and path not in public_sources_text)


def hide_unpublished(generators) -> None:
    """Decide what identifies each hidden release, and keep the files only hidden releases use unpublished."""
    settings = generators[0].settings
    if settings.get(PREVIEW_SETTING):
        return
    hidden = {id(release) for release in settings[HIDDEN_KEY]}
    drafts = [
        draft
        for generator in generators
        for draft in getattr(generator, "drafts", [])
        if id(getattr(draft, "release", None)) in hidden
    ]
    public = [
        item
        for generator in generators
        for item in [*getattr(generator, "articles", []), *getattr(generator, "pages", [])]
    ]
    directories = [source_text(path) for path in sorted(Path(settings["PATH"]).glob("*.yaml"))]
    statics = [generator for generator in generators if hasattr(generator, "staticfiles")]
    static_paths = [static.relative_source_path for generator in statics for static in generator.staticfiles]
    public_sources_text = "\n".join([*(source_text(item.source_path) for item in public), *directories])
    readable_public = public_text(public, directories)
    settings[HIDDEN_KEY] = [
        Hidden(
            draft.release,
            public_address(draft, settings),
            distinctive_passages(draft.release, draft._content, readable_public),
            only_used_by(source_text(draft.source_path), static_paths, public_sources_text),
        )
        for draft in drafts
    ]
    unpublished = {path for item in settings[HIDDEN_KEY] for path in item.files}
    for generator in statics:
        generator.staticfiles[:] = [
            static for static in generator.staticfiles if static.relative_source_path not in unpublished
        ]


def scan_for_leaks(pelican) -> None:
    if pelican.settings.get(PREVIEW_SETTING):
        return
    leaks = find_leaks(pelican.output_path, pelican.settings.get(HIDDEN_KEY, []))
    if leaks:
        raise EmbargoLeak(leaks)


def register() -> None:
    signals.initialized.connect(set_clock)
    signals.article_generator_context.connect(apply_visibility)
    signals.all_generators_finalized.connect(hide_unpublished)
    signals.finalized.connect(scan_for_leaks)


__all__ = ["PUBLIC_KEY", "EmbargoLeak", "Visibility", "decide", "register"]
