"""How public releases relate to each other: neighbours in time, shared topics, people and campaigns.

Pure functions over `Entry` values, so they can be tested without building a site; the generator
turns articles into entries and the results back into articles.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """What the listings need to know about one public release. `key` is unique within a build."""

    key: str
    date: dt.datetime
    topics: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    campaign: str = ""


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    # The key breaks ties so releases published at the same moment always list in the same order.
    return sorted(entries, key=lambda entry: (entry.date, entry.key), reverse=True)


def neighbours(entries: Iterable[Entry]) -> dict[str, tuple[str | None, str | None]]:
    """For each release, the keys of the one published just before it and the one just after."""
    ordered = list(reversed(newest_first(entries)))
    found = {}
    for index, entry in enumerate(ordered):
        older = ordered[index - 1].key if index > 0 else None
        newer = ordered[index + 1].key if index + 1 < len(ordered) else None
        found[entry.key] = (older, newer)
    return found


def related(entries: Iterable[Entry], limit: int) -> dict[str, list[str]]:
    """For each release, up to `limit` others on its topics: most topics in common first, then newest."""
    ordered = newest_first(entries)
    found = {}
    for entry in ordered:
        sharing = [
            (len(entry.topics & other.topics), position, other.key)
            for position, other in enumerate(ordered)
            if other.key != entry.key and entry.topics & other.topics
        ]
        sharing.sort(key=lambda item: (-item[0], item[1]))
        found[entry.key] = [key for _, _, key in sharing[:limit]]
    return found


def by_person(entries: Iterable[Entry]) -> dict[str, list[str]]:
    """Person id → keys of the releases that quote them, name them as spokesperson or as a speaker."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for entry in newest_first(entries):
        for person in sorted(entry.people):
            grouped[person].append(entry.key)
    return dict(grouped)


def by_campaign(entries: Iterable[Entry]) -> dict[str, list[str]]:
    """Campaign id → keys of its releases, newest first."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for entry in newest_first(entries):
        if entry.campaign:
            grouped[entry.campaign].append(entry.key)
    return dict(grouped)
