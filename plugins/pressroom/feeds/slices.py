"""Which feeds a site has: one per slice of its public releases (all, type, topic, campaign, spokesperson)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

# The order slices are listed on the Subscribe page, with each kind's heading there.
SLICE_KINDS = {
    "all": "Everything",
    "type": "By type",
    "topic": "By topic",
    "campaign": "By campaign",
    "spokesperson": "By person",
}


@dataclass(frozen=True)
class Entry:
    """One release as every feed format needs it: plain values, URLs already absolute."""

    id: str
    title: str
    url: str
    published: dt.datetime
    updated: dt.datetime | None
    summary: str
    content_html: str
    type_label: str
    topics: tuple[tuple[str, str], ...] = ()
    image_url: str = ""
    # Who is credited with the release, as (name, absolute address of their page or ""): its spokespeople,
    # or the organisation.
    authors: tuple[tuple[str, str], ...] = ()

    @property
    def last_changed(self) -> dt.datetime:
        return self.updated or self.published


@dataclass(frozen=True)
class SliceKey:
    """What a slice is about (its kind and the id of the type, topic, campaign or person) and how
    its feeds present it: `title` says what the feed is, `page_path` is its HTML listing's folder."""

    kind: str
    id: str
    name: str
    page_path: str
    title: str
    description: str


@dataclass
class Slice:
    key: SliceKey
    entries: list[Entry] = field(default_factory=list)

    @property
    def path_stem(self) -> str:
        """Where its files go under feeds/: `all`, or `KIND/ID`."""
        return "all" if self.key.kind == "all" else f"{self.key.kind}/{self.key.id}"


@dataclass(frozen=True)
class Tagged:
    """An entry with the slices it belongs to, besides the `all` slice."""

    entry: Entry
    slices: tuple[SliceKey, ...]


def group_into_slices(tagged: Iterable[Tagged], everything: SliceKey, max_items: int) -> list[Slice]:
    """Every slice that has at least one entry, newest entries first, each capped at `max_items`.

    A slice with no public release gets no feed, so every feed's home page link leads to a real page.
    """
    slices: dict[SliceKey, Slice] = {}
    for item in sorted(tagged, key=lambda item: item.entry.published, reverse=True):
        for key in (everything, *item.slices):
            slices.setdefault(key, Slice(key)).entries.append(item.entry)
    for feed_slice in slices.values():
        del feed_slice.entries[max_items:]
    order = list(SLICE_KINDS)
    return sorted(slices.values(), key=lambda s: (order.index(s.key.kind), s.key.name.casefold()))
