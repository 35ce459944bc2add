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


def person(someone) -> dict:
    works_for = {"@type": "Organization", "name": someone.organisation} if someone.organisation else None
    return without_empty(
        {"@type": "Person", "name": someone.name, "jobTitle": someone.role, "worksFor": works_for}
    )


def quotation(quote) -> dict:
    return {"@type": "Quotation", "text": quote.text, "creator": person(quote.person)}


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


def news_article(release, url: str, published, modified, image, publisher: dict, language: str) -> dict:
    """The release as a NewsArticle: its quotes are Quotations, its history corrections."""
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
            "author": [publisher],
            "publisher": publisher,
            "image": [image_object(image)] if image else None,
            "about": responded_work(release.responds_to) if release.responds_to else None,
            "hasPart": [quotation(quote) for quote in release.quotes],
            "correction": [correction(update) for update in release.change_history],
        }
    )


def attendance(event) -> tuple[str, dict | None]:
    """Online when the event has an online address (its `location` then names the platform)."""
    if event.online_url:
        place = without_empty({"@type": "VirtualLocation", "url": event.online_url, "name": event.location})
        return f"{SCHEMA}/OnlineEventAttendanceMode", place
    if event.location:
        return f"{SCHEMA}/OfflineEventAttendanceMode", {"@type": "Place", "name": event.location}
    return "", None


def event(release, url: str, image, organizer: dict) -> dict:
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
            "performer": [person(speaker.person) for speaker in details.speakers],
            "offers": offer,
            "image": [image_object(image)] if image else None,
            "subjectOf": {"@id": f"{url}#article"},
        }
    )


def release_document(release, url: str, published, modified, image, publisher: dict, language: str) -> dict:
    graph = [news_article(release, url, published, modified, image, publisher, language)]
    if release.event:
        graph.append(event(release, url, image, publisher))
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


def page_document(kind: str, name: str, description: str, url: str, site: dict, publisher: dict) -> dict:
    """A WebPage (a site page) or a CollectionPage (a listing of releases)."""
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
        }
    )
