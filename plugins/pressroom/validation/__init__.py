"""Validation: stop the build, before anything is written, if any source has a mistake."""

import sys
from pathlib import Path

from pelican import signals

from pressroom.content_model.reader import HELD_BACK_SETTING, SET_ASIDE_SETTING
from pressroom.content_model.site import PROBLEMS_SETTING, SHOW_PROBLEMS_SETTING, SOURCES_SETTING, site_of

from .desk import desk_report, for_the_desk
from .site_check import check_site, report


class ContentInvalid(SystemExit):
    """Ends the build with status 1 and the full report, without a traceback."""

    def __init__(self, result):
        super().__init__(report(result))
        self.result = result


def validate_before_build(pelican) -> None:
    result = check_site(pelican.settings)
    if pelican.settings.get(SHOW_PROBLEMS_SETTING):
        desk = for_the_desk(result, pelican.settings)
        pelican.settings[SET_ASIDE_SETTING] = desk.set_aside
        pelican.settings[PROBLEMS_SETTING] = list(desk.listed)
        if desk.listed:
            print(desk_report(desk), file=sys.stderr)
        result = desk.result
    # A preview shows drafts and embargoed releases, so their mistakes stop it like any other.
    elif not site_of(pelican.settings).preview:
        result = result.for_public_build()
    if result.errors:
        raise ContentInvalid(result)
    pelican.settings[SOURCES_SETTING] = result.sources
    pelican.settings[HELD_BACK_SETTING] = {
        str(Path(path).resolve()): held for path, held in result.held_back.items()
    }
    if result.warnings and not pelican.settings.get(SHOW_PROBLEMS_SETTING):
        print(report(result), file=sys.stderr)


def register() -> None:
    signals.initialized.connect(validate_before_build)
