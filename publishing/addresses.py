"""The addresses a build serves from content, so a publish that would take a live one away by mistake stops.

Each publish keeps, beside its build, which source file made each address it serves: a public or
withdrawn release's page and its `previous_urls`, a published page. Before the next publish goes live, its
addresses are compared with the live build's. A release still public whose live address would be gone (a
new title with no `slug`, a changed slug or date, a `previous_urls` entry removed) stops the publish, with
the line to add. One taken down on purpose (a draft again, embargoed, withdrawn, or its file deleted) does
not: a check must never keep up a page someone is taking down, so the publish says what leaves instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pressroom.content_model.decision import decide
from pressroom.content_model.front_matter import Document
from pressroom.content_model.model import Page, Release
from pressroom.content_model.problems import Problem, shown_path
from pressroom.content_model.reader import HELD_BACK_SETTING, planned_article, planned_page
from pressroom.content_model.site import SOURCES_SETTING, site_of

# {address as the site writes it, such as releases/2024/old-name/: source path relative to content/}
Addresses = dict[str, str]


@dataclass(frozen=True)
class Source:
    """A file of the content as this build read it, and where it is."""

    item: Release | Page
    document: Document
    path: Path


def content_sources(settings: dict) -> dict[str, Source]:
    """Every release and page this build read without mistakes, by its path relative to content/."""
    root = Path(settings["PATH"]).resolve()
    return {
        Path(os.path.relpath(path, root)).as_posix(): Source(item, document, Path(path))
        for path, (item, document) in settings.get(SOURCES_SETTING, {}).items()
    }


def address_of(item: Release | Page, settings: dict) -> str:
    """The address of the page a release or page has, as the site writes it."""
    if isinstance(item, Release):
        return planned_article(item, settings).url
    return planned_page(item, settings).url


def served_addresses(settings: dict) -> Addresses:
    """Every address a finished build serves from a source file: each public or withdrawn release's page
    and its earlier addresses (which redirect to it), and each published page."""
    now = site_of(settings).now
    served: Addresses = {}
    for name, source in content_sources(settings).items():
        item = source.item
        if isinstance(item, Release):
            visibility = decide(item, now)
            if visibility.public or visibility.withdrawn:
                served[address_of(item, settings)] = name
                served.update(dict.fromkeys(item.previous_urls, name))
        elif item.status == "published":
            served[address_of(item, settings)] = name
            served.update(dict.fromkeys(item.previous_urls, name))
    return served


def listed(addresses: list[str]) -> str:
    shown = [f"/{address}" for address in addresses]
    return ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 else shown[0]


def flow_list(addresses: list[str]) -> str:
    """`previous_urls: [a, b]`: one line a person can paste, which the front matter reads back as written
    (an address has letters, digits, `._~-` and slashes only, none of which YAML reads specially there)."""
    return f"previous_urls: [{', '.join(addresses)}]"


def previous_urls_fix(source: Source, addresses: list[str]) -> str:
    """The exact line (or lines) that keeps `addresses` leading to a release or page, as its front matter
    is written."""
    release = source.item
    key_line = source.document.lines.get(("previous_urls",))
    first_item = source.document.lines.get(("previous_urls", 0))
    if key_line is None:
        return f'add the line "{flow_list(addresses)}" to its front matter, so each leads to its new page'
    if first_item is None or first_item == key_line:
        kept = [*release.previous_urls, *addresses]
        return f'change its previous_urls line to "{flow_list(kept)}", so each leads to its new page'
    written = source.path.read_text("utf-8").splitlines()[first_item - 1]
    indent = written[: len(written) - len(written.lstrip())] if written.lstrip().startswith("-") else "  "
    lines = " and ".join(f'"{indent}- {address}"' for address in addresses)
    return f"add {lines} under its previous_urls, each on a line of its own, so each leads to its new page"


def kept_address_problem(source: Source, addresses: list[str], settings: dict) -> Problem:
    """The sentence that stops a publish which would take `addresses` away from a release or page."""
    now_at = address_of(source.item, settings)
    field, fix = "previous_urls", previous_urls_fix(source, addresses)
    where = "its live address" if len(addresses) == 1 else "its live addresses"
    return Problem(
        shown_path(source.path),
        source.document.lines.get((field,)),
        field,
        f"this publish would remove {where} {listed(addresses)} (its page is now at /{now_at})",
        fix,
    )


def moved_to(name: str, newly_served: set[str]) -> str | None:
    """The file a source seems to have been moved to: one served now, and not before, of the same name."""
    same_name = [other for other in newly_served if Path(other).name == Path(name).name]
    return same_name[0] if len(same_name) == 1 else None


def taken_down(name: str, addresses: list[str], settings: dict, sources: dict[str, Source]) -> str:
    """What a publish says of a page it takes down on purpose."""
    path = Path(settings["PATH"]) / name
    shown = shown_path(path)
    if name in sources or str(path.resolve()) in settings.get(HELD_BACK_SETTING, {}):
        return f"Taking down {listed(addresses)}: {shown} is no longer public."
    return (
        f"WARNING: taking down {listed(addresses)}, since {shown} was deleted: links to it will find "
        "nothing. To retract a release so that its link says why, withdraw it instead (status: withdrawn)."
    )


def removed_addresses(live: Addresses, served: Addresses, settings: dict) -> tuple[list[Problem], list[str]]:
    """Compare the `live` build's addresses with those `served` by the new one: a Problem for each release
    or page still served that would lose a live address, and a line for each taken down on purpose."""
    gone: dict[str, list[str]] = {}
    for address, name in live.items():
        if address not in served:
            gone.setdefault(name, []).append(address)
    sources = content_sources(settings)
    still_served = set(served.values())
    problems, notes = [], []
    for name, addresses in gone.items():
        now_served = name if name in still_served else moved_to(name, still_served - set(live.values()))
        if now_served:
            problems.append(kept_address_problem(sources[now_served], addresses, settings))
        else:
            notes.append(taken_down(name, addresses, settings, sources))
    return problems, notes
