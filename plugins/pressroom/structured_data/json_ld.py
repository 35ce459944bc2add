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


def quotation(quote, person_page) -> dict:
    return {
        "@type": "Quotation",
        "text": quote.text,
        "creator": person(quote.person, person_page(quote.person)),
    }


def responded_work(responds_to) -> dict:
    publisher = {"@type": "Organization", "name": responds_to.publisher} if responds_to.publisher else None
    return without_empty(
        {
            "@type": "CreativeWork",
            "name": responds_to.title,
            "url": responds_to.url,
            "publisher": publisher,
            "datePublished": responds_to.date.isoformat() if responds_to.date else None,
        }
    )


def correction(update) -> dict:
    return {"@type": "CorrectionComment", "text": update.note, "datePublished": update.date.isoformat()}


def news_article(
    release, url: str, published, modified, image, publisher: dict, language: str, person_page
) -> dict:
    """The release as a NewsArticle by its spokespeople (else the organisation): its quotes are
    Quotations, its history corrections. `person_page(person)` is the address of someone's page."""
    authors = [person(someone, person_page(someone)) for someone in release.spokespeople]
    return without_empty(
        {
            "@type": "NewsArticle",
            "@id": f"{url}#article",
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "headline": release.title,
            "description": release.summary,
            "articleSection": release.type.label,
            "keywords": [topic.name for topic in release.topics],
            "inLanguage": language,
            "datePublished": published.isoformat(),
            "dateModified": modified.isoformat(),
            "author": authors or [publisher],
            "publisher": publisher,
            "image": [image_object(image)] if image else None,
            "about": responded_work(release.responds_to) if release.responds_to else None,
            "hasPart": [quotation(quote, person_page) for quote in release.quotes],
            "correction": [correction(update) for update in release.change_history],
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
    """The Place people come to. Without a structured address, the location's words are the address
    (schema.org allows text there), so an in-person Place always has one."""
    address = postal_address(event.address) if event.address else event.location
    return without_empty({"@type": "Place", "name": event.location, "address": address})


def attendance(event) -> tuple[str, dict | list | None]:
    """Online, in person or both (mixed): an online address and a venue's address make it hybrid."""
    online = (
        without_empty(
            {
                "@type": "VirtualLocation",
                "url": event.online_url,
                # Online only, the location names the platform; hybrid, it names the venue.
                "name": "" if event.in_person else event.location,
            }
        )
        if event.online
        else None
    )
    if event.online and event.in_person:
        return f"{SCHEMA}/MixedEventAttendanceMode", [venue(event), online]
    if event.online:
        return f"{SCHEMA}/OnlineEventAttendanceMode", online
    if event.in_person:
        return f"{SCHEMA}/OfflineEventAttendanceMode", venue(event)
    return "", None


def event(release, url: str, image, organizer: dict, person_page) -> dict:
    details = release.event
    mode, location = attendance(details)
    offer = {"@type": "Offer", "url": details.registration_url} if details.registration_url else None
    return without_empty(
        {
            "@type": "Event",
            "@id": f"{url}#event",
            "url": url,
            "name": release.title,
            "description": release.summary,
            "startDate": details.start.isoformat(),
            "endDate": details.end.isoformat() if details.end else None,
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "eventAttendanceMode": mode,
            "location": location,
            "organizer": organizer,
            "performer": [
                person(speaker.person, person_page(speaker.person)) for speaker in details.speakers
            ],
            "offers": offer,
            "image": [image_object(image)] if image else None,
            "subjectOf": {"@id": f"{url}#article"},
        }
    )


def release_document(
    release, url: str, published, modified, image, publisher: dict, language: str, person_page
) -> dict:
    graph = [news_article(release, url, published, modified, image, publisher, language, person_page)]
    if release.event:
        graph.append(event(release, url, image, publisher, person_page))
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
