"""Any error logged during a build stops it, whichever command runs the build.

Pelican logs a plugin it cannot load (a misspelt name in PLUGINS, an import error inside the plugin) and
carries on without it: without `pressroom.visibility`, embargoed releases would be published. So the
settings file installs this guard itself, before Pelican loads any plugin: it cannot be lost with the
plugin it watches, and it also covers plain `pelican`, where `--fatal errors` is easy to forget.
"""

from __future__ import annotations

import logging

# Pelican's own loggers and every plugin of ours log under these names.
GUARDED_LOGGERS = ("pelican", "pressroom")


class BuildStopped(SystemExit):
    """Ends the build at the first error, with status 1 and the error as a sentence."""


def stopping_sentence(record: logging.LogRecord) -> str:
    message = record.getMessage().strip()
    if message.startswith("Cannot load plugin"):
        first_line, _, reason = message.partition("\n")
        return (
            f"{first_line}: {reason.strip() or 'it could not be imported'} — correct its name in PLUGINS "
            "in pelicanconf.py or the error inside it. The build has stopped: nothing was replaced."
        )
    return f"{message} — the build stops on any error: fix it and build again. Nothing was replaced."


class StopOnError(logging.Handler):
    """Turns the first ERROR record into the end of the build."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        raise BuildStopped(stopping_sentence(record))


def stop_builds_on_errors() -> None:
    """Install the guard on Pelican's and Pressroom's loggers (once, however often settings are read)."""
    for name in GUARDED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(handler, StopOnError) for handler in logger.handlers):
            logger.addHandler(StopOnError())
