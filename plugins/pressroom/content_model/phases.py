"""The finishing phases of a build, in the one order they run once Pelican has written every page.

Pelican's own signals take a build from reading to writing in a fixed order (`initialized`, the readers,
`all_generators_finalized`, the writers); but every handler of its last signal, `finalized`, runs in the
order plugins happened to connect, so whether the leak scan came before or after a file was written
depended on the order of PLUGINS. Here that order is declared instead: a plugin connects each finishing
step to the phase it belongs to, and the phases run one after another.

1. WRITE_LATE_FILES: files that describe the whole site (sitemap.xml, news-sitemap.xml, robots.txt,
   favicon.ico, _headers). Its handlers must not depend on each other.
2. SCAN: the leak scan reads every file written, these included. It runs after every handler of
   Pelican's `finalized` too, so a file a plugin writes there is scanned as well.
3. INDEX: the search index, made from the pages the scan has just passed. It is not scanned again: it
   holds only what those pages hold (their text, and values of their attributes, which a reader of the
   page's source sees as well), so anything it could give away is in a page the scan read first.
4. KEEP: what this build worked out is kept for the next (the memos), once all the rest has succeeded.

A step that finds a fault raises, and the phases after it do not run: a build whose scan fails indexes
nothing and keeps no memos.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from blinker import Signal
from pelican import signals


@dataclass(frozen=True, eq=False)
class Phase:
    """One finishing phase: its name, and the steps connected to it (each called with the Pelican)."""

    name: str
    steps: Signal = field(default_factory=Signal)

    def connect(self, step: Callable) -> None:
        """Run `step` in this phase. Held weakly, as Pelican's handlers are: define it at module level."""
        self.steps.connect(step)


WRITE_LATE_FILES = Phase("write the late files")
SCAN = Phase("scan every file written")
INDEX = Phase("index for search")
KEEP = Phase("keep for the next build")
FINISHING_PHASES = (WRITE_LATE_FILES, SCAN, INDEX, KEEP)


def run_finishing_phases(pelican) -> None:
    for phase in FINISHING_PHASES:
        phase.steps.send(pelican)


def finish_after_every_other_step() -> None:
    """Put the finishing phases last among the handlers of Pelican's `finalized`, after any a plugin has
    connected (now, or in an earlier build in this process): called as each build starts."""
    signals.finalized.disconnect(run_finishing_phases)
    signals.finalized.connect(run_finishing_phases)
