"""How public releases relate to each other: neighbours in time, shared topics, people and campaigns.

Pure functions over `Entry` values, so they can be tested without building a site; the generator
turns articles into entries and the results back into articles.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
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
    """For each release, up to `limit` others on its topics: most topics in common first, then newest.

    Its older and newer neighbours are left out, as the page links them already: a release never lists
    the same one twice.

    Releases are grouped by their exact set of topics, and there are far fewer sets than releases, so
    the work grows with the number of sets squared, not the number of releases squared (25 million
    comparisons at 5,000 releases).
    """
    ordered = newest_first(entries)
    # Topic set → (position newest first, key) of its releases, in that order.
    groups: dict[frozenset[str], list[tuple[int, str]]] = defaultdict(list)
    for position, entry in enumerate(ordered):
        if entry.topics:
            groups[entry.topics].append((position, entry.key))
    # Three more than asked for: a release and both its neighbours may be among the best matches of its set.
    nearest = {topics: best_matches(topics, groups, limit + 3) for topics in groups}
    found = {}
    for position, entry in enumerate(ordered):
        shown = {other.key for other in ordered[max(position - 1, 0) : position + 2]}
        found[entry.key] = [key for key in nearest.get(entry.topics, []) if key not in shown][:limit]
    return found


def best_matches(
    topics: frozenset[str], groups: dict[frozenset[str], list[tuple[int, str]]], count: int
) -> list[str]:
    """The first `count` keys sharing most topics with `topics`, newest first among equals."""
    by_shared: dict[int, list[list[tuple[int, str]]]] = defaultdict(list)
    for other, members in groups.items():
        if shared := len(topics & other):
            by_shared[shared].append(members)
    found: list[str] = []
    for shared in sorted(by_shared, reverse=True):
        merged = heapq.merge(*by_shared[shared])
        found.extend(key for _, key in itertools.islice(merged, count - len(found)))
        if len(found) == count:
            break
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
