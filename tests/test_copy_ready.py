"""Copy-ready versions: each public release as .txt and as a press-release PDF, read back by a journalist."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from support.hidden_releases import HIDDEN_WORDS, content_with_hidden_releases
from support.site import build, read_html

from pressroom.content_model.front_matter import read_document
from pressroom.copy_ready import copy_ready_addresses

RELEASES = {
    "care-review-response": ("2022", "2022-05-23-care-review-response.md"),
    "family-hubs-funding-response": ("2022", "2022-04-02-family-hubs-funding-response.md"),
    "helen-hayes-mp-visits-leap": ("2023", "2023-06-12-helen-hayes-mp-visits-leap.md"),
    "mission-champions-online-event": ("2025", "2025-02-27-mission-champions-online-event.md"),
}
SPEAKERS = {
    "sally-hogg": "— Sally Hogg, Deputy Chief Executive, Parent-Infant Foundation",
    "keith-reed": "— Keith Reed, Chief Executive Officer, Parent-Infant Foundation",
}
REGISTRATION = "https://www.eventbrite.co.uk/e/labours-missions-and-the-next-generation-tickets-000000000000"


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return content_with_hidden_releases(tmp_path_factory.mktemp("copy_ready"))


@pytest.fixture(scope="module")
def site(content) -> Path:
    return build(
        content, content.parent / "output", CACHE_PATH=str(content.parent / "cache"), PRESSROOM_CSP_META=True
    )


def words(text: str) -> str:
    """Text with every run of whitespace made one space: a PDF breaks lines where a page needs."""
    return " ".join(text.split())


def source(content: Path, slug: str) -> dict:
    year, name = RELEASES[slug]
    return read_document((content / "releases" / year / name).read_text(encoding="utf-8")).data


def text_version(site: Path, slug: str) -> str:
    year = RELEASES[slug][0]
    return (site / "releases" / year / slug / f"{slug}.txt").read_text(encoding="utf-8")


def pdf_version(site: Path, slug: str) -> str:
    year = RELEASES[slug][0]
    reader = PdfReader(site / "releases" / year / slug / f"{slug}.pdf")
    return "\n".join(page.extract_text() for page in reader.pages)


def expected_quotes(data: dict) -> list[tuple[str, str]]:
    return [(words(quote["text"]), SPEAKERS[quote["by"]]) for quote in data.get("quotes", [])]


@pytest.mark.parametrize("slug", RELEASES)
def test_text_version_has_headline_quotes_with_speakers_notes_and_contact(site, content, slug):
    data, text = source(content, slug), text_version(site, slug)
    # The headline as written, so a journalist who copies it need not retype it.
    assert data["title"] in text.splitlines()
    assert words(data["summary"]) in text.splitlines()
    for quote, speaker in expected_quotes(data):
        assert f"“{quote}”\n{speaker}\n" in text
    notes = text.split("\nNOTES TO EDITORS\n", 1)[1]
    assert "About the Parent-Infant Foundation" in notes
    assert "Contact: Press office\nEmail: press@parentinfantfoundation.example\nPhone: 020 7946 0001" in text
    year = RELEASES[slug][0]
    assert text.rstrip().endswith(f"online: http://localhost:8000/releases/{year}/{slug}/")


def test_text_version_keeps_paragraphs_whole_and_lists_together(site):
    text = text_version(site, "care-review-response")
    assert "the Foundation wants it built into the future Family Help offer in every local area.\n" in text
    assert "• NHS reform of maternity and mental health services\n• the Start for Life agenda\n" in text
    assert "\nA joined-up vision across Government\n" in text


def test_an_events_text_and_pdf_give_its_registration_address(site):
    text = text_version(site, "mission-champions-online-event")
    assert f"Register: {REGISTRATION}\n" in text
    assert "When: Thursday 27 February 2025, 12:30 to 13:30 GMT\n" in text
    pdf = words(pdf_version(site, "mission-champions-online-event")).replace(" ", "")
    assert REGISTRATION in pdf


@pytest.mark.parametrize("slug", RELEASES)
def test_pdf_reads_back_with_headline_quotes_with_speakers_notes_and_contact(site, content, slug):
    data, pdf = source(content, slug), words(pdf_version(site, slug))
    assert words(data["title"]) in pdf
    for quote, speaker in expected_quotes(data):
        assert f"“{quote}” {speaker}" in pdf
    assert "About the Parent-Infant Foundation More than one baby" in pdf.split("Notes to editors", 1)[1]
    contact = pdf.split("Media contact", 1)[1]
    assert all(
        part in contact for part in ("Press office", "press@parentinfantfoundation.example", "020 7946 0001")
    )
    year = RELEASES[slug][0]
    assert f"http://localhost:8000/releases/{year}/{slug}/ Page 1 of" in pdf


def test_pdf_is_described_as_the_release_and_dated_by_it(site):
    year = RELEASES["care-review-response"][0]
    reader = PdfReader(site / "releases" / year / "care-review-response" / "care-review-response.pdf")
    assert reader.metadata.title.startswith("Care Review must put support")
    assert reader.metadata.author == "Parent-Infant Foundation"
    # Dated by the moment it was published, the start of 23 May 2022 in London (written in UTC).
    london = reader.metadata.creation_date.astimezone(ZoneInfo("Europe/London"))
    assert london.isoformat() == "2022-05-23T00:00:00+01:00"
    fonts = {font for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert all("Inter" in font.get_object()["/BaseFont"] for font in fonts)


def test_the_page_links_its_versions_and_writes_out_its_addresses(site):
    page = read_html(site, "releases/2025/mission-champions-online-event/")
    box = page.select_one("section.copy-ready")
    links = {link["type"]: link["href"] for link in box.select(".copy-ready-links a")}
    assert links == {
        "text/plain": "/releases/2025/mission-champions-online-event/mission-champions-online-event.txt",
        "application/pdf": "/releases/2025/mission-champions-online-event/mission-champions-online-event.pdf",
    }
    for href in links.values():
        assert (site / href.lstrip("/")).is_file()
    addresses = [dd.get_text(strip=True) for dd in box.select(".copy-ready-addresses dd")]
    assert addresses == ["http://localhost:8000/releases/2025/mission-champions-online-event/", REGISTRATION]
    button = box.select_one("button.copy-release")
    assert button.find_parent("li").has_attr("hidden")
    scripts = box.select("script")
    assert [script["src"] for script in scripts] == ["/theme/js/copy-release.js"]
    assert not scripts[0].string


def test_hidden_releases_get_no_text_or_pdf(site):
    versions = [*site.rglob("*.txt"), *site.rglob("*.pdf")]
    assert len([path for path in versions if path.suffix == ".pdf"]) == len(RELEASES)
    for path in versions:
        if path.suffix == ".pdf":
            text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        else:
            text = path.read_text(encoding="utf-8")
        assert not [word for word in HIDDEN_WORDS if word in text.lower()], path
        assert "EMBARGOED" not in text, path


def test_a_preview_build_writes_marked_copy_ready_files_for_embargoed_releases_only(tmp_path):
    output = build(content_with_hidden_releases(tmp_path), tmp_path / "preview", PRESSROOM_PREVIEW=True)
    marking = (
        "EMBARGOED until 00:01 GMT on Thursday 1 January 2099 — not for publication or broadcast before then"
    )
    folder = output / "releases" / "2099" / "zeppelin-survey"
    assert marking in (folder / "zeppelin-survey.txt").read_text(encoding="utf-8").splitlines()
    pages = [
        " ".join(page.extract_text().split()) for page in PdfReader(folder / "zeppelin-survey.pdf").pages
    ]
    assert pages and all(marking in page for page in pages)
    assert [path.relative_to(output) for path in output.rglob("*.pdf")] == [
        folder.relative_to(output) / "zeppelin-survey.pdf"
    ]
    box = read_html(output, "releases/2099/zeppelin-survey/").select_one(".copy-ready")
    assert [link["href"] for link in box.select(".copy-ready-links a")] == [
        "/releases/2099/zeppelin-survey/zeppelin-survey.txt",
        "/releases/2099/zeppelin-survey/zeppelin-survey.pdf",
    ]
    # A public release's and a draft's copy-ready files are only ever a public build's.
    assert not read_html(output, "releases/2022/care-review-response/").select(".copy-ready")
    assert not [*output.rglob("quokka*.txt")]


@pytest.mark.browser
def test_copy_release_text_puts_the_text_version_on_the_clipboard(site, chromium):
    from support.browser import serve_directory

    with serve_directory(site, send_headers_file=True) as base_url:
        context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on(
                "console", lambda message: errors.append(message.text) if message.type == "error" else None
            )
            page.goto(base_url + "releases/2022/care-review-response/")
            page.get_by_role("button", name="Copy release text").click()
            status = page.locator(".copy-ready-status")
            status.filter(has_text="copied").wait_for()
            copied = page.evaluate("navigator.clipboard.readText()")
        finally:
            context.close()
    assert copied == text_version(site, "care-review-response")
    assert errors == []


def test_versions_sit_beside_the_page_whether_its_address_is_a_folder_or_a_file():
    folder = copy_ready_addresses("releases/2022/x/", "releases/2022/x/index.html", "x", "", "")
    assert (folder.text_url, folder.pdf_save_as) == ("releases/2022/x/x.txt", "releases/2022/x/x.pdf")
    page = copy_ready_addresses("releases/x.html", "releases/x.html", "x", "", "")
    assert (page.text_url, page.text_save_as) == ("releases/x.txt", "releases/x.txt")
