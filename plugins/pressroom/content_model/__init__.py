"""Content model: YAML front matter read, validated and resolved into Release and Page objects."""

from pelican import signals
from pelican.generators import ArticlesGenerator

from .body import segment_body
from .reader import PressroomReader


def use_pressroom_reader(readers) -> None:
    for extension in PressroomReader.file_extensions:
        readers.reader_classes[extension] = PressroomReader


def attach_resolved_body(generators) -> None:
    """Split each release body once every source is read, so `{filename}` and `{static}` links resolve.

    Pelican fills in those links when `content` is read, which is only right after all content is
    known; splitting the reader's raw HTML would keep the placeholders.
    """
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        for article in [
            *generator.articles,
            *generator.translations,
            *generator.drafts,
            *generator.drafts_translations,
        ]:
            release = getattr(article, "release", None)
            if release is None:
                continue
            siteurl = article.get_siteurl()
            article.body_segments = segment_body(article.content, release.quotes)
            # The same link placeholders can appear in notes to editors, rendered apart from the body.
            article.notes_to_editors_html = article._update_content(article.notes_to_editors_html, siteurl)


def register() -> None:
    signals.readers_init.connect(use_pressroom_reader)
    signals.all_generators_finalized.connect(attach_resolved_body)
