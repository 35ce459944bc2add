"""Validation: stop the build, before anything is written, if any source has a mistake."""

import sys

from pelican import signals

from pressroom.content_model.site import SOURCES_SETTING

from .site_check import check_site, report


class ContentInvalid(SystemExit):
    """Ends the build with status 1 and the full report, without a traceback."""

    def __init__(self, result):
        super().__init__(report(result))
        self.result = result


def validate_before_build(pelican) -> None:
    result = check_site(pelican.settings)
    if result.errors:
        raise ContentInvalid(result)
    pelican.settings[SOURCES_SETTING] = result.sources
    if result.warnings:
        print(report(result), file=sys.stderr)


def register() -> None:
    signals.initialized.connect(validate_before_build)
