"""schema.org JSON-LD as plain dicts: the template serialises them with `tojson`, never by hand."""

from __future__ import annotations

SCHEMA = "https://schema.org"


def without_empty(node: dict) -> dict:
    return {key: value for key, value in node.items() if value not in (None, "", [], {})}


def image_object(image) -> dict | None:
    if image is None:
        return None
    return without_empty(
        {"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}
    )


def organization(name: str, url: str, logo=None) -> dict:
    return without_empty(
        {
            "@type": "Organization",
            "@id": f"{url.rstrip('/')}/#organization" if url else "",
            "name": name,
            "url": url,
            "logo": image_object(logo),
        }
    )


def person(someone, page_url: str = "") -> dict:
    """A Person; `page_url` is their page on this site, which also names them across documents."""
    works_for = {"@type": "Organization", "name": someone.organisation} if someone.organisation else None
    return without_empty(
        {
            "@type": "Person",
            "@id": f"{page_url}#person" if page_url else "",
            "name": someone.name,
            "url": page_url,
            "jobTitle": someone.role,
            "worksFor": works_for,
        }
    )


def profile(someone, page_url: str) -> dict:
    """The Person a person's own page is about: who they are, with their bio."""
    return without_empty({**person(someone, page_url), "description": someone.bio})


def someone_named(someone) -> dict:
    """A person a release names (a presentation's `Someone`), by their page when they have one."""
    return person(someone.person, someone.page.link if someone.page else "")


def quotation(quote) -> dict:
    return {"@type": "Quotation", "text": quote.text, "creator": someone_named(quote.by)}


def responded_work(responds_to) -> dict:
    publisher = {"@type": "Organization", "name": responds_to.publisher} if responds_to.publisher else None
    return without_empty(
        {
            "@type": "CreativeWork",
            "name": responds_to.title,
            "url": responds_to.address,
            "publisher": publisher,
            "datePublished": responds_to.date.at.date().isoformat() if responds_to.date else None,
        }
    )


def correction(change) -> dict:
    return {"@type": "CorrectionComment", "text": change.note, "datePublished": change.moment.iso}


def news_article(shown, image, publisher: dict, language: str) -> dict:
    """The release as a NewsArticle by its spokespeople (else the organisation): its quotes are
    Quotations, its history corrections. `shown` is the release's presentation; its addresses are the
    page's (absolute once SITEURL is set)."""
    url = shown.link
    modified = shown.updated or shown.published
    return without_empty(
        {
            "@type": "NewsArticle",
            "@id": f"{url}#article",
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "headline": shown.headline,
            "description": shown.standfirst,
            "articleSection": shown.kind.label,
            "keywords": [topic.text for topic in shown.topics],
            "inLanguage": language,
            "datePublished": shown.published.iso,
            "dateModified": modified.iso,
            "author": [someone_named(someone) for someone in shown.spokespeople] or [publisher],
            "publisher": publisher,
            "image": [image_object(image)] if image else None,
            "about": responded_work(shown.responds_to) if shown.responds_to else None,
            "hasPart": [quotation(quote) for quote in shown.quotes],
            # The history ends with the first publication, which corrects nothing.
            "correction": [correction(change) for change in shown.history[:-1]],
        }
    )


def postal_address(address) -> dict:
    return without_empty(
        {
            "@type": "PostalAddress",
            "streetAddress": address.street,
            "addressLocality": address.locality,
            "addressRegion": address.region,
            "postalCode": address.postcode,
            "addressCountry": address.country,
        }
    )


def venue(event) -> dict:
    """The Place people come to. Without a structured address, the venue's words are the address
    (schema.org allows text there: comms staff write 'Riverside Hall, 12 Quay Street, Bristol BS1 4XY')."""
    address = postal_address(event.address) if event.address else event.venue
    return without_empty({"@type": "Place", "name": event.venue, "address": address})


ATTENDANCE_MODES = {
    "hybrid": f"{SCHEMA}/MixedEventAttendanceMode",
    "online": f"{SCHEMA}/OnlineEventAttendanceMode",
    "in person": f"{SCHEMA}/OfflineEventAttendanceMode",
}


def attendance(event) -> tuple[str, dict | list | None]:
    """Online, in person or both (mixed), as the presentation decided, with where each happens."""
    online = (
        without_empty({"@type": "VirtualLocation", "url": event.online_address})
        if event.online_address
        else None
    )
    place = venue(event) if event.venue else None
    locations = [found for found in (place, online) if found]
    return ATTENDANCE_MODES[event.attendance], locations[0] if len(locations) == 1 else locations or None


def event(shown, image, organizer: dict) -> dict:
    details = shown.event
    url = shown.link
    mode, location = attendance(details)
    offer = {"@type": "Offer", "url": details.registration_address} if details.registration_address else None
    return without_empty(
        {
            "@type": "Event",
            "@id": f"{url}#event",
            "url": url,
            "name": shown.headline,
            "description": shown.standfirst,
            "startDate": details.start.isoformat(),
            "endDate": details.end.isoformat() if details.end else None,
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "eventAttendanceMode": mode,
            "location": location,
            "organizer": organizer,
            "performer": [someone_named(someone) for someone in details.speakers],
            "offers": offer,
            "image": [image_object(image)] if image else None,
            "subjectOf": {"@id": f"{url}#article"},
        }
    )


def release_document(shown, image, publisher: dict, language: str) -> dict:
    """The release's JSON-LD graph. A withdrawn release describes no event: nobody is invited to it."""
    graph = [news_article(shown, image, publisher, language)]
    if shown.event and not shown.withdrawn:
        graph.append(event(shown, image, publisher))
    return {"@context": SCHEMA, "@graph": graph}


def website(name: str, url: str, publisher: dict, language: str) -> dict:
    return {
        "@type": "WebSite",
        "@id": f"{url}#website",
        "name": name,
        "url": url,
        "inLanguage": language,
        "publisher": {"@id": publisher["@id"]} if "@id" in publisher else publisher,
    }


def home_document(site_name: str, home_url: str, publisher: dict, language: str) -> dict:
    return {"@context": SCHEMA, "@graph": [website(site_name, home_url, publisher, language), publisher]}


def page_document(
    kind: str, name: str, description: str, url: str, site: dict, publisher: dict, main_entity=None
) -> dict:
    """A WebPage (a site page), a CollectionPage (a listing of releases) or a ProfilePage (a person's)."""
    return without_empty(
        {
            "@context": SCHEMA,
            "@type": kind,
            "@id": url,
            "url": url,
            "name": name,
            "description": description,
            "isPartOf": site,
            "publisher": publisher,
            "mainEntity": main_entity,
        }
    )
