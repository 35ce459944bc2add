"""One public release as a plain record for releases.json: only JSON types, every address absolute.

The facts a reader sees (when it was published, its address, what each quote says and who said it, its
withdrawal) come from the release's presentation, as every other form of the release has them; the
fields as they were written (its date, the people and the event's details) from the release itself."""

from __future__ import annotations

from pathlib import PurePosixPath

from pressroom.content_model.model import Address, Event, Person, Release, RespondsTo, Topic
from pressroom.content_model.presentation import Presentation, QuoteFact, Withdrawal


def release_id(release: Release) -> str:
    """The source file's name without .md, as the feeds' entry ids use: it survives a retitle or new slug."""
    return PurePosixPath(release.source_path).stem


def person_record(person: Person) -> dict:
    record = {"name": person.name, "role": person.role or None, "organisation": person.organisation or None}
    record["id"] = person.id or None
    return record


def topic_record(topic: Topic) -> dict:
    return {"id": topic.id, "name": topic.name}


def quote_record(quote: QuoteFact) -> dict:
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
    return {"date": withdrawal.moment.iso, "reason": withdrawal.reason}


def release_record(release: Release, shown: Presentation) -> dict:
    """Every archived field of `release`; absent optional values are null, so each record has every key."""
    return {
        "id": release_id(release),
        "type": release.type.id,
        "title": shown.headline,
        "date": release.date.date().isoformat(),
        "published": shown.published.iso,
        "updated": [{"date": update.date.isoformat(), "note": update.note} for update in release.updated],
        "url": shown.address,
        "summary": shown.standfirst,
        "place": shown.place or None,
        "spokespeople": [person_record(person) for person in release.spokespeople],
        "people": [person_record(person) for person in release.people],
        "quotes": [quote_record(quote) for quote in shown.quotes],
        "topics": [topic_record(topic) for topic in release.topics],
        "campaign": topic_record(release.campaign) if release.campaign else None,
        "responds_to": responds_to_record(release.responds_to) if release.responds_to else None,
        "event": event_record(release.event) if release.event else None,
        "withdrawn": withdrawal_record(shown.withdrawn) if shown.withdrawn else None,
    }


def archive_document(records: list[dict], schema_url: str, version: str) -> dict:
    """releases.json: the records in the order given, naming the schema (and its version) they follow."""
    return {"$schema": schema_url, "version": version, "releases": records}
