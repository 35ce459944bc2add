"""One public release as a plain record for releases.json: only JSON types, every address absolute."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath

from pressroom.content_model.model import (
    Address,
    Event,
    Person,
    Quote,
    Release,
    RespondsTo,
    Topic,
    Withdrawal,
)


def release_id(release: Release) -> str:
    """The source file's name without .md, as the feeds' entry ids use: it survives a retitle or new slug."""
    return PurePosixPath(release.source_path).stem


def published_moment(release: Release) -> dt.datetime:
    """When the release became public: its date, or its embargo when that came later."""
    if release.embargo and release.embargo > release.date:
        return release.embargo
    return release.date


def person_record(person: Person) -> dict:
    record = {"name": person.name, "role": person.role or None, "organisation": person.organisation or None}
    record["id"] = person.id or None
    return record


def topic_record(topic: Topic) -> dict:
    return {"id": topic.id, "name": topic.name}


def quote_record(quote: Quote) -> dict:
    return {"text": quote.text, "by": person_record(quote.person)}


def responds_to_record(responds_to: RespondsTo) -> dict:
    return {
        "title": responds_to.title,
        "publisher": responds_to.publisher or None,
        "url": responds_to.url or None,
        "date": responds_to.date.isoformat() if responds_to.date else None,
    }


def address_record(address: Address) -> dict:
    return {
        "street": address.street,
        "locality": address.locality,
        "postcode": address.postcode or None,
        "region": address.region or None,
        "country": address.country or None,
    }


def event_record(event: Event) -> dict:
    return {
        "start": event.start.isoformat(),
        "end": event.end.isoformat() if event.end else None,
        "location": event.location or None,
        "address": address_record(event.address) if event.address else None,
        "online_url": event.online_url or None,
        "registration_url": event.registration_url or None,
        "speakers": [{**person_record(speaker.person), "chair": speaker.chair} for speaker in event.speakers],
    }


def withdrawal_record(withdrawal: Withdrawal) -> dict:
    return {"date": withdrawal.date.isoformat(), "reason": withdrawal.reason}


def release_record(release: Release, record_id: str, url: str) -> dict:
    """Every archived field of `release`; absent optional values are null, so each record has every key."""
    return {
        "id": record_id,
        "type": release.type.id,
        "title": release.title,
        "date": release.date.date().isoformat(),
        "published": published_moment(release).isoformat(),
        "updated": [{"date": update.date.isoformat(), "note": update.note} for update in release.updated],
        "url": url,
        "summary": release.summary,
        "spokespeople": [person_record(person) for person in release.spokespeople],
        "people": [person_record(person) for person in release.people],
        "quotes": [quote_record(quote) for quote in release.quotes],
        "topics": [topic_record(topic) for topic in release.topics],
        "campaign": topic_record(release.campaign) if release.campaign else None,
        "responds_to": responds_to_record(release.responds_to) if release.responds_to else None,
        "event": event_record(release.event) if release.event else None,
        "withdrawn": withdrawal_record(release.withdrawn) if release.withdrawn else None,
    }


def archive_document(records: list[dict], schema_url: str, version: str) -> dict:
    """releases.json: the records in the order given, naming the schema (and its version) they follow."""
    return {"$schema": schema_url, "version": version, "releases": records}
