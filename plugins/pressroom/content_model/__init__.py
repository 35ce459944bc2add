"""Content model: YAML front matter read, validated and resolved into Release and Page objects."""

import logging
import sys

from pelican import signals
from pelican.generators import ArticlesGenerator

from .content_files import publish_only_named_files
from .phases import KEEP, finish_after_every_other_step
from .presentation import article_presentation
from .reader import PressroomReader
from .site import WITHDRAWAL_NOTICES_SETTING, site_of, withdrawn_articles
from .storage import cache_folder, disk_error

logger = logging.getLogger(__name__)


class SettingsInvalid(SystemExit):
    """A setting cannot be used: the build stops before anything is read, naming each one."""

    def __init__(self, problems):
        lines = [str(problem) for problem in problems]
        super().__init__("\n".join([*lines, f"{len(lines)} setting(s) cannot be used: nothing was built."]))
        self.problems = problems


def decide_site(pelican) -> None:
    """Read the settings, the clock and the people/topics directory once, before any plugin needs them;
    and stop at once, with a sentence, if a setting or the cache folder cannot be used."""
    site = site_of(pelican.settings)
    if site.option_problems:
        raise SettingsInvalid(site.option_problems)
    cache_folder(pelican.settings)
    pelican.settings[WITHDRAWAL_NOTICES_SETTING] = {}
    finish_after_every_other_step()


def keep_memos(pelican) -> None:
    """After a successful build, keep what its pure steps worked out for the next build, and log how
    much of this one was taken from what earlier builds kept."""
    memos = site_of(pelican.settings).memos
    logger.info("%s", memos.summary())
    try:
        memos.save()
    except OSError as error:
        # The build itself is whole: only the next one's time is lost.
        print(
            f"Could not keep this build's memos ({disk_error(error)}): the next build works them out again.",
            file=sys.stderr,
        )


def attach_presentations(generators) -> None:
    """Tell every release once, now that every source is read (links between them resolved): the page,
    feeds, documents and data forms of the release all walk `article.presentation`."""
    generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    site = site_of(generator.settings)
    for article in [*generator.articles, *withdrawn_articles(generator.context)]:
        release = getattr(article, "release", None)
        if release is not None:
            article.presentation = article_presentation(article, site)


def use_pressroom_reader(readers) -> None:
    for extension in PressroomReader.file_extensions:
        readers.reader_classes[extension] = PressroomReader


def bind_rendered_html(content) -> None:
    """Let the release ask its article for its HTML, resolved when first needed (after all is read).

    Pelican fills in `{filename}` and `{static}` links when `content` is read, which is only right once
    every source is known; the same placeholders can appear in the notes to editors, rendered apart.
    """
    release = getattr(content, "release", None)
    if release is None:
        return
    notes = content.metadata.get("notes_to_editors_unresolved", "")

    def rendered() -> tuple[str, str]:
        return content.content, content._update_content(notes, content.get_siteurl())

    release.rendered = rendered


def register() -> None:
    signals.initialized.connect(decide_site)
    signals.readers_init.connect(use_pressroom_reader)
    signals.content_object_init.connect(bind_rendered_html)
    signals.all_generators_finalized.connect(attach_presentations)
    signals.all_generators_finalized.connect(publish_only_named_files)
    KEEP.connect(keep_memos)
