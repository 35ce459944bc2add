"""Validation: stop the build, before anything is written, if any source has a mistake."""

import sys
from pathlib import Path

from pelican import signals

from pressroom.content_model.reader import HELD_BACK_SETTING
from pressroom.content_model.site import SOURCES_SETTING, site_of

from .site_check import check_site, report


class ContentInvalid(SystemExit):
    """Ends the build with status 1 and the full report, without a traceback."""

    def __init__(self, result):
        super().__init__(report(result))
        self.result = result


def validate_before_build(pelican) -> None:
    result = check_site(pelican.settings)
    # A preview shows drafts and embargoed releases, so their mistakes stop it like any other.
    if not site_of(pelican.settings).preview:
        result = result.for_public_build()
    if result.errors:
        raise ContentInvalid(result)
    pelican.settings[SOURCES_SETTING] = result.sources
    pelican.settings[HELD_BACK_SETTING] = {
        str(Path(path).resolve()): held for path, held in result.held_back.items()
    }
    if result.warnings:
        print(report(result), file=sys.stderr)


def register() -> None:
    signals.initialized.connect(validate_before_build)
