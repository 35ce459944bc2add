"""Content model: YAML front matter read, validated and resolved into Release and Page objects."""

import sys

from pelican import signals

from .content_files import publish_only_named_files
from .reader import PressroomReader
from .site import WITHDRAWAL_NOTICES_SETTING, site_of
from .storage import cache_folder, disk_error


def decide_site(pelican) -> None:
    """Read the clock and the people/topics directory once, before any plugin needs them; and stop at once,
    with a sentence, if the cache folder cannot be used."""
    site_of(pelican.settings)
    cache_folder(pelican.settings)
    pelican.settings[WITHDRAWAL_NOTICES_SETTING] = {}
    # Connected now, after every plugin registered its own handlers, so that the memos are kept after
    # the last of them (the policy check, the search index) has run at `finalized`.
    signals.finalized.connect(keep_memos)


def keep_memos(pelican) -> None:
    """After a successful build, keep what its pure steps worked out for the next build."""
    try:
        site_of(pelican.settings).memos.save()
    except OSError as error:
        # The build itself is whole: only the next one's time is lost.
        print(
            f"Could not keep this build's memos ({disk_error(error)}): the next build works them out again.",
            file=sys.stderr,
        )


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
    signals.all_generators_finalized.connect(publish_only_named_files)
