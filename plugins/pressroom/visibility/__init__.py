"""Visibility: the build's clock decides which releases are public; the preview build shows the rest.

In a public build a release that is not public becomes a Pelican draft as it is read, so no later
stage (listings, feeds, cards, sitemaps) ever holds it, and static files that only such releases name
(their images) are not copied; a scan of the output afterwards proves nothing identifies them.
A withdrawn release is a Pelican hidden article (the reader makes it one): its page is written, with its
notice, and no listing or index holds it; the scan lets it appear only there and in the files that
announce its withdrawal (feeds, the archive, redirects from its earlier addresses).
In a preview build (PRESSROOM_PREVIEW) it stays an article and carries the banner to show.
The guard that stops a build on any logged error is in build_guard.py, installed by the settings file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

from pelican import signals

from pressroom.content_model.decision import Visibility, decide
from pressroom.content_model.loading import markdown_renderer
from pressroom.content_model.memo import code_version
from pressroom.content_model.model import RELEASE_TYPES
from pressroom.content_model.outputs import declared_outputs
from pressroom.content_model.phases import SCAN
from pressroom.content_model.reader import HELD_BACK_SETTING, planned_article
from pressroom.content_model.site import WITHDRAWAL_NOTICES_SETTING, site_of, withdrawn_articles

from . import leaks as leaks_module
from .leaks import Found, Hidden, distinctive_passages, find_leaks, needles_digest, path_segments, readable

# The releases this build holds back, as they are read; then, once every source is read, what identifies
# each of them (a `Hidden`), for the leak scan. Two keys, so neither changes shape during the build.
HIDDEN_RELEASES_KEY = "PRESSROOM_HIDDEN_RELEASES"
HIDDEN_KEY = "PRESSROOM_HIDDEN"
# The releases this build makes public, for publishing to compare with the real time.
PUBLIC_KEY = "PRESSROOM_PUBLIC"


class EmbargoLeak(SystemExit):
    """The output names a release that is not public: the build fails, listing every place."""

    def __init__(self, leaks):
        lines = [str(leak) for leak in leaks]
        lines.append(
            f"{len(leaks)} leak(s) of releases that are not public or were withdrawn: the build has failed."
        )
        super().__init__("\n".join(lines))
        self.leaks = leaks


def start_build_lists(pelican) -> None:
    pelican.settings[HIDDEN_RELEASES_KEY] = []
    pelican.settings[HIDDEN_KEY] = []
    pelican.settings[PUBLIC_KEY] = []


def apply_visibility(generator, metadata) -> None:
    release = metadata.get("release")
    if release is None:
        return
    site = site_of(generator.settings)
    visibility = decide(release, site.now)
    if site.preview:
        metadata["visibility"] = visibility
        if release.status == "draft":
            metadata["status"] = "published"
    elif visibility.public:
        generator.settings[PUBLIC_KEY].append(release)
    else:
        if not visibility.withdrawn:
            metadata["status"] = "draft"
        generator.settings[HIDDEN_RELEASES_KEY].append(release)


def public_address(article, settings) -> str:
    """Where the release will live once public (as a draft, Pelican only knows its draft address)."""
    return site_of(settings).options.article_url.format(**article.url_format)


def source_text(path: str | Path) -> str:
    return Path(path).read_text("utf-8", errors="replace")


def directory_text(directory) -> list[str]:
    """Every value in people.yaml and topics.yaml, which public pages show (names, roles, topics, photos)."""
    entries = [
        *directory.people.values(),
        *directory.press_contacts.values(),
        *directory.topics.values(),
        *directory.campaigns.values(),
    ]
    return [str(value) for entry in entries for value in asdict(entry).values() if value]


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


def public_addresses(public, generators, settings) -> list[str]:
    """The addresses public readers reach that the build knows before writing: the public releases and
    pages (and their earlier addresses), the type and topic listings, the directory's people, topics and
    campaigns, the theme's and the published static files, the fixed part of every address setting and
    every file and folder the registry of outputs declares (robots.txt, feeds/topic/, pagefind/…); and
    the release types' ids, which releases.json and its schema give as values."""
    addresses = [
        value
        for key, value in settings.items()
        if key.endswith(("_URL", "_SAVE_AS")) and isinstance(value, str)
    ]
    addresses += [output.path for output in declared_outputs(settings)]
    directory = site_of(settings).directory
    addresses += [*directory.people, *directory.press_contacts, *directory.topics, *directory.campaigns]
    addresses += list(RELEASE_TYPES)
    for item in public:
        moved = getattr(item, "release", None) or getattr(item, "page", None)
        addresses += [item.url, *getattr(moved, "previous_urls", ())]
    for generator in generators:
        addresses += [category.url for category, _ in getattr(generator, "categories", [])]
        addresses += [tag.url for tag in getattr(generator, "tags", {})]
        addresses += [static.save_as for static in getattr(generator, "staticfiles", [])]
    for folder in settings.get("THEME_STATIC_PATHS", []):
        theme_static = Path(settings["THEME"]) / folder
        addresses += [
            f"{settings.get('THEME_STATIC_DIR', 'theme')}/{path.relative_to(theme_static).as_posix()}"
            for path in theme_static.rglob("*")
        ]
    return addresses


def hide_unpublished(generators) -> None:
    """Decide what identifies each hidden release, and keep the files only hidden releases use unpublished."""
    settings = generators[0].settings
    if site_of(settings).preview:
        return
    hidden = {id(release) for release in settings[HIDDEN_RELEASES_KEY]}
    drafts = [
        draft
        for generator in generators
        for draft in getattr(generator, "drafts", [])
        if id(getattr(draft, "release", None)) in hidden
    ]
    # Every generator shares one context, where Pelican keeps the hidden articles.
    withdrawn = [
        article for article in withdrawn_articles(generators[0].context) if id(article.release) in hidden
    ]
    # Releases with mistakes, which the reader skipped: what of them can be read.
    broken = settings.get(HELD_BACK_SETTING, {})
    if not drafts and not withdrawn and not broken:
        return
    public = [
        item
        for generator in generators
        for item in [*getattr(generator, "articles", []), *getattr(generator, "pages", [])]
    ]
    directories = directory_text(site_of(settings).directory)
    statics = [generator for generator in generators if hasattr(generator, "staticfiles")]
    static_paths = [static.relative_source_path for generator in statics for static in generator.staticfiles]
    # A withdrawn release's page is still shown, with its images: what it says hides nothing else.
    shown = [*public, *withdrawn]
    shown_sources_text = "\n".join([*(source_text(item.source_path) for item in shown), *directories])
    readable_public = public_text(public, directories)
    readable_shown = public_text(shown, directories) if withdrawn else readable_public
    settings[HIDDEN_KEY] = [
        Hidden(
            draft.release,
            public_address(draft, settings),
            distinctive_passages(draft.release, draft._content, readable_shown),
            only_used_by(source_text(draft.source_path), static_paths, shown_sources_text),
        )
        for draft in drafts
    ] + [
        Hidden(
            article.release,
            public_address(article, settings),
            distinctive_passages(article.release, article._content, readable_public),
            withdrawn=True,
            may_appear_in=frozenset([article.save_as]),
        )
        for article in withdrawn
    ]
    render = markdown_renderer(settings)
    settings[HIDDEN_KEY] += [
        Hidden(
            held.release,
            public_address(planned_article(held.release, settings), settings),
            distinctive_passages(
                held.release, held.document.render(held.document.markdown, render), readable_shown
            ),
            only_used_by(source_text(path), static_paths, shown_sources_text),
        )
        for path, held in broken.items()
    ]
    unpublished = {path for item in settings[HIDDEN_KEY] for path in item.files}
    for generator in statics:
        generator.staticfiles[:] = [
            static for static in generator.staticfiles if static.relative_source_path not in unpublished
        ]
    addresses = public_addresses(public, generators, settings)
    segments, live = path_segments(addresses), {address.strip("/") for address in addresses}
    settings[HIDDEN_KEY] = [
        replace(item, public_slug=item.release.slug in segments, public_address=item.url.strip("/") in live)
        for item in settings[HIDDEN_KEY]
    ]


def hidden_releases(settings: dict) -> list[Hidden]:
    """What identifies each release a finished public build held back or withdrew, and where each
    withdrawn one may appear: its page and the files that announce its withdrawal."""
    notices = settings.get(WITHDRAWAL_NOTICES_SETTING, {})
    return [
        replace(item, may_appear_in=item.may_appear_in | notices.get(item.release.source_path, set()))
        if item.withdrawn
        else item
        for item in settings.get(HIDDEN_KEY, [])
    ]


def scan_for_leaks(pelican) -> None:
    site = site_of(pelican.settings)
    if site.preview:
        return
    hidden = hidden_releases(pelican.settings)
    version = code_version(leaks_module.__name__) + needles_digest(hidden) + site.kind
    memo = site.memos.named("leak_scan", version)

    def remembered(text: str, search: Callable[[], Found]) -> Found:
        return memo.answer((text,), search)

    leaks = find_leaks(pelican.output_path, hidden, remembered)
    if leaks:
        raise EmbargoLeak(leaks)


def register() -> None:
    signals.initialized.connect(start_build_lists)
    signals.article_generator_context.connect(apply_visibility)
    signals.all_generators_finalized.connect(hide_unpublished)
    SCAN.connect(scan_for_leaks)


__all__ = ["PUBLIC_KEY", "EmbargoLeak", "Hidden", "Visibility", "decide", "hidden_releases", "register"]
