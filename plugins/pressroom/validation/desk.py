"""A build for the person editing (`invoke edit`, `invoke serve`): mistakes are shown, never stopped on.

Such a build leaves out each release and page with mistakes, builds everything else, and lists every
mistake on every page; fixing a file brings it back at the next build. Only a mistake that no single
source can be left out for (in the settings, or a link inside content/ that could lead the build
anywhere) still stops it, as it stops every build.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pressroom.content_model.problems import Problem

from .site_check import SiteCheck


@dataclass(frozen=True)
class DeskCheck:
    """What a build for the person editing makes of a site check: the sources it leaves out (absolute
    paths), the mistakes it lists on every page, and the check as it stops the build (or not)."""

    set_aside: frozenset[str]
    listed: tuple[Problem, ...]
    result: SiteCheck


def stops_every_build(problem: Problem, content: Path) -> bool:
    """A mistake outside content/ (the settings) or in a link: leaving out a file would not get round it."""
    path = Path(problem.path).absolute()
    return not path.is_relative_to(content.absolute()) or path.is_symlink()


def for_the_desk(result: SiteCheck, settings: dict) -> DeskCheck:
    """Leave out every Markdown source with an error; every other error in content/ is listed, not fatal."""
    content = Path(settings["PATH"])
    errors = [problem for problem in result.errors if not stops_every_build(problem, content)]
    set_aside = frozenset(
        str(Path(problem.path).resolve()) for problem in errors if problem.path.endswith(".md")
    )
    listed = tuple(result.problems)
    kept = [problem for problem in result.problems if problem not in errors]
    sources = {path: source for path, source in result.sources.items() if path not in set_aside}
    # Broken releases a public build would hold back are simply left out here: their mistakes are on
    # every page, so no scan may look for them.
    return DeskCheck(set_aside, listed, replace(result, problems=kept, sources=sources, held_back={}))


def desk_report(desk: DeskCheck) -> str:
    """What the terminal says of the mistakes such a build lists, and what it left out."""
    lines = [str(problem) for problem in desk.listed]
    if desk.set_aside:
        lines.append(
            f"{len(desk.set_aside)} file(s) with mistakes are left out of this preview until they are "
            "fixed; every page lists the mistakes."
        )
    return "\n".join(lines)
