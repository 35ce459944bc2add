"""Build one site in this process and print its wall time and peak memory as JSON (run as a subprocess)."""

from __future__ import annotations

import argparse
import json
import resource
import time

from pelican import Pelican
from pelican.settings import read_settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--settings", required=True)
    parser.add_argument("--content", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--cache", required=True, help="cache folder (social cards): empty for a cold build")
    parser.add_argument("--plain", action="store_true", help="Pelican's defaults: no plugins, its own theme")
    parser.add_argument(
        "--without", action="append", default=[], help="leave out this plugin (pressroom.search), to cost it"
    )
    arguments = parser.parse_args()
    override = {
        "PATH": arguments.content,
        "OUTPUT_PATH": arguments.output,
        "CACHE_PATH": arguments.cache,
        "PRESSROOM_NOW": "2030-01-01T00:00Z",
    }
    if arguments.plain:
        override.update(PLUGINS=[], THEME="notmyidea", ARTICLE_PATHS=["releases"], READERS={})
        settings = read_settings(None, override=override)
    else:
        settings = read_settings(arguments.settings, override=override)
        settings["PLUGINS"] = [plugin for plugin in settings["PLUGINS"] if plugin not in arguments.without]
    started = time.perf_counter()
    Pelican(settings).run()
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Cards and PDFs may be drawn in worker processes, and Pagefind runs as one: the largest of them (the
    # kernel keeps the maximum over finished children, not their sum) is reported apart from the build.
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {"seconds": round(seconds, 3), "peak_mb": round(peak_mb, 1), "workers_mb": round(workers_mb, 1)}
        )
    )


if __name__ == "__main__":
    main()
