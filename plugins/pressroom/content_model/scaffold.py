"""A new release's front matter, written from the schema so `invoke new` never drifts from validation."""

from __future__ import annotations

import datetime as dt

import yaml

from .model import RELEASE_TYPES
from .problems import did_you_mean


def release_front_matter(kind: str, title: str, today: dt.date, slugify) -> tuple[str, str]:
    """Return (relative path, file text) for a draft release of `kind` titled `title`."""
    if kind not in RELEASE_TYPES:
        raise ValueError(
            f"'{kind}' is not a release type — {did_you_mean(kind, RELEASE_TYPES, '')} "
            f"use one of {', '.join(RELEASE_TYPES)}"
        )
    slug = slugify(title)
    data: dict[str, object] = {
        "title": title,
        "date": today.isoformat(),
        "type": kind,
        "status": "draft",
        "summary": "One or two plain sentences: what happened and why it matters (at most 300 characters).",
        "spokespeople": [],
        "quotes": [],
        "topics": [],
    }
    if kind == "policy-response":
        data["responds_to"] = {"title": "Name of the report or announcement", "publisher": "Who published it"}
    if kind == "event":
        start = dt.datetime.combine(today + dt.timedelta(days=14), dt.time(12, 30))
        data["event"] = {
            "start": start.isoformat(timespec="minutes"),
            "end": (start + dt.timedelta(hours=1)).isoformat(timespec="minutes"),
            "location": "Online",
            "speakers": [],
        }
    data["notes_to_editors"] = "About us: a short paragraph for journalists.\n"
    body = (
        "Write the lead paragraph here: who, what, when, where, why.\n\n"
        "Quotes listed under `quotes:` appear after this paragraph; to place quote 2 elsewhere,\n"
        "write a paragraph containing only [[quote 2]].\n"
    )
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"releases/{today:%Y}/{today.isoformat()}-{slug}.md", f"---\n{front}---\n{body}"
