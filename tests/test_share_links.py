"""Share links: the exact address for every network, text that survives encoding, limits, and the bar."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from support.browser import serve_directory, third_party_requests
from support.site import SAMPLE_CONTENT, SAMPLE_NOW, build, read_html

from pressroom.share_links.networks import (
    BLUESKY_LIMIT,
    X_LIMIT,
    quote_share_links,
    release_share_links,
    x_weight,
)

TITLE = 'Babies & parents: is #1001days "enough"? Zoë\'s café says 👶'
URL = "https://press.example.org/releases/2024/babies/"
QUOTE = "What's next? “More” & #babies 🍼"
SPEAKER = "Zoë Ångström"

# Written out by hand: & %26, # %23, ? %3F, " %22, ' %27, ë %C3%AB, é %C3%A9, 👶 %F0%9F%91%B6, space %20.
ENCODED_TITLE = (
    "Babies%20%26%20parents%3A%20is%20%231001days%20%22enough%22%3F%20"
    "Zo%C3%AB%27s%20caf%C3%A9%20says%20%F0%9F%91%B6"
)
ENCODED_URL = "https%3A%2F%2Fpress.example.org%2Freleases%2F2024%2Fbabies%2F"
# “ %E2%80%9C, ” %E2%80%9D, — %E2%80%94, 🍼 %F0%9F%8D%BC, Å %C3%85, ö %C3%B6.
ENCODED_QUOTE = (
    "%E2%80%9CWhat%27s%20next%3F%20%E2%80%9CMore%E2%80%9D%20%26%20%23babies%20%F0%9F%8D%BC%E2%80%9D"
    "%20%E2%80%94%20Zo%C3%AB%20%C3%85ngstr%C3%B6m"
)

RELEASE_URLS = {
    "x": f"https://x.com/intent/post?text={ENCODED_TITLE}&url={ENCODED_URL}",
    "facebook": f"https://www.facebook.com/sharer/sharer.php?u={ENCODED_URL}",
    "linkedin": f"https://www.linkedin.com/sharing/share-offsite/?url={ENCODED_URL}",
    "whatsapp": f"https://wa.me/?text={ENCODED_TITLE}%20{ENCODED_URL}",
    "bluesky": f"https://bsky.app/intent/compose?text={ENCODED_TITLE}%20{ENCODED_URL}",
    "mastodon": f"https://share.joinmastodon.org/?text={ENCODED_TITLE}%20{ENCODED_URL}",
    "threads": f"https://www.threads.com/intent/post?text={ENCODED_TITLE}&url={ENCODED_URL}",
    "email": f"mailto:?subject={ENCODED_TITLE}&body={ENCODED_TITLE}%0D%0A%0D%0A{ENCODED_URL}",
}
QUOTE_URLS = {
    "x": f"https://x.com/intent/post?text={ENCODED_QUOTE}&url={ENCODED_URL}",
    "bluesky": f"https://bsky.app/intent/compose?text={ENCODED_QUOTE}%20{ENCODED_URL}",
    "whatsapp": f"https://wa.me/?text={ENCODED_QUOTE}%20{ENCODED_URL}",
    "mastodon": f"https://share.joinmastodon.org/?text={ENCODED_QUOTE}%20{ENCODED_URL}",
    "threads": f"https://www.threads.com/intent/post?text={ENCODED_QUOTE}&url={ENCODED_URL}",
    "email": (
        "mailto:?subject=Zo%C3%AB%20%C3%85ngstr%C3%B6m%3A%20" + ENCODED_TITLE + f"&body={ENCODED_QUOTE}"
        f"%0D%0A%0D%0A{ENCODED_URL}"
    ),
}


def by_network(links):
    return {link.network: link for link in links}


def parameters(address: str) -> dict[str, str]:
    """Decode a share address's query the way the network will: each parameter exactly once."""
    query = parse_qs(urlsplit(address).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values()), address
    return {name: values[0] for name, values in query.items()}


def test_release_share_addresses_are_exact():
    links = by_network(release_share_links(TITLE, URL))
    assert {network: links[network].href for network in RELEASE_URLS} == RELEASE_URLS


def test_quote_share_addresses_are_exact():
    links = by_network(quote_share_links(QUOTE, SPEAKER, TITLE, URL))
    # Facebook and LinkedIn carry only the address, so a quote shares there as its release does.
    only_the_address = {network: RELEASE_URLS[network] for network in ("facebook", "linkedin")}
    assert {network: link.href for network, link in links.items() if link.href} == {
        **QUOTE_URLS,
        **only_the_address,
    }


@pytest.mark.parametrize("network", RELEASE_URLS)
def test_decoding_a_release_share_gives_back_the_title_and_address(network):
    decoded = parameters(by_network(release_share_links(TITLE, URL))[network].href)
    text = " ".join(decoded[name] for name in ("text", "u", "url", "subject", "body") if name in decoded)
    assert URL in text
    if network not in {"facebook", "linkedin"}:
        assert TITLE in text
    if network == "email":
        assert decoded == {"subject": TITLE, "body": f"{TITLE}\r\n\r\n{URL}"}


@pytest.mark.parametrize("network", QUOTE_URLS)
def test_decoding_a_quote_share_gives_back_the_quote_its_speaker_and_the_address(network):
    decoded = parameters(by_network(quote_share_links(QUOTE, SPEAKER, TITLE, URL))[network].href)
    text = decoded.get("text") or decoded["body"]
    assert f"“{QUOTE}” — {SPEAKER}" in text
    assert URL in text or decoded.get("url") == URL


def test_copy_and_share_sheet_carry_plain_text():
    release = by_network(release_share_links(TITLE, URL))
    assert release["copy"].copy_text == URL
    assert (release["native"].shared.text, release["native"].shared.url) == (TITLE, URL)
    quote = by_network(quote_share_links(QUOTE, SPEAKER, TITLE, URL))
    assert quote["copy"].copy_text == f"“{QUOTE}” — {SPEAKER} {URL}"
    assert quote["facebook"].href == release["facebook"].href


def test_a_long_quote_is_cut_inside_its_quotation_marks_within_each_limit():
    words = "Every baby deserves a secure start in life, and every family deserves support. " * 8
    links = by_network(quote_share_links(words.strip(), SPEAKER, TITLE, URL))

    bluesky = parameters(links["bluesky"].href)["text"]
    assert len(bluesky) <= BLUESKY_LIMIT
    assert bluesky.endswith(f"…” — {SPEAKER} {URL}")

    x_text = parameters(links["x"].href)["text"]
    assert sum(x_weight(character) for character in x_text) + 1 + 23 <= X_LIMIT
    assert x_text.startswith("“Every baby") and x_text.endswith(f"…” — {SPEAKER}")
    assert len(x_text) > 200, "the cut should use the room there is"

    email = parameters(links["email"].href)["body"]
    assert words.strip() in email, "email has no limit, so the quote is whole"


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    return build(
        SAMPLE_CONTENT,
        tmp_path_factory.mktemp("share") / "output",
        "publishconf.py",
        PRESSROOM_NOW=SAMPLE_NOW,
    )


FAMILY_HUBS = "releases/2022/family-hubs-funding-response/"


def test_release_page_renders_every_share_link_from_the_plugin_data(published_site):
    page = read_html(published_site, FAMILY_HUBS)
    title = page.select_one("main h1").get_text(strip=True)
    address = f"https://press.parentinfantfoundation.org.uk/{FAMILY_HUBS}"
    expected = {link.network: link.href for link in release_share_links(title, address) if link.href}

    release_bar = next(bar for bar in page.select(".share-bar") if not bar.find_parent("figure"))
    rendered = {
        link["class"][1].removeprefix("share-"): link["href"] for link in release_bar.select("a.share-link")
    }
    assert rendered == expected
    assert release_bar.select_one("[data-share-copy]")["data-share-copy"] == address
    native = release_bar.select_one("[data-share-url]")
    assert (native["data-share-url"], native["data-share-text"]) == (address, title)


def test_share_links_are_accessible_and_safe(published_site):
    page = read_html(published_site, FAMILY_HUBS)
    links = page.select(".share-bar a.share-link")
    assert links
    for link in links:
        assert {"noopener", "noreferrer"} <= set(link["rel"])
        assert link.select_one(".visually-hidden").get_text().startswith("Share ")
        assert link.select_one(".share-mark")["aria-hidden"] == "true"
    # Copy and the share sheet need the script: hidden until it finds the browser can do them.
    for button in page.select(".share-bar button"):
        assert button.find_parent("li").has_attr("hidden")
        assert button["type"] == "button"
    marks = page.select(".share-bar .share-mark")
    assert all(mark["aria-hidden"] == "true" and 1 <= len(mark.get_text()) <= 2 for mark in marks)
    assert page.select_one('script[src$="/js/share.js"]').has_attr("defer")


def test_quotes_carry_no_share_addresses_in_the_page_so_many_quotes_stay_light(published_site):
    """theme/static/js/share.js builds each quote's bar from the release's (tests/test_csp_browser.py)."""
    page = read_html(published_site, FAMILY_HUBS)
    figures = page.select("figure.quote")
    assert len(figures) == 3
    assert all(figure.select("a, button") == [] for figure in figures)
    assert len(page.select(".share-bar[data-share-quotes]")) == 1


def test_a_draft_gets_no_share_links(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    source = content / "releases" / "2023" / "2023-06-12-helen-hayes-mp-visits-leap.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("type: news", "type: news\nstatus: draft", 1)
    )
    output = build(content, tmp_path / "output", "publishconf.py")
    assert not (output / "releases" / "2023" / "helen-hayes-mp-visits-leap").exists()
    for html in output.rglob("*.html"):
        for link in read_html(output, str(html.relative_to(output))).select(".share-bar a[href]"):
            assert "helen-hayes" not in unquote(link["href"])


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """The sample site built for the address it is served at, so every address on it is its own."""
    output = tmp_path_factory.mktemp("served") / "output"
    output.mkdir()
    with serve_directory(output) as url:
        build(SAMPLE_CONTENT, output, "publishconf.py", SITEURL=url.rstrip("/"))
        yield url.rstrip("/")


@pytest.mark.browser
def test_copy_link_puts_the_address_on_the_clipboard_and_nothing_leaves_the_site(chromium, served_site):
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        outside = third_party_requests(page, served_site)
        address = f"{served_site}/{FAMILY_HUBS}"
        page.goto(address, wait_until="load")

        release_bar = page.locator(".share-bar").last
        copy = release_bar.get_by_role("button", name="Copy link")
        copy.click()
        assert page.evaluate("navigator.clipboard.readText()") == address
        assert release_bar.get_by_role("status").inner_text() == "Copied to the clipboard."
        assert outside == []
    finally:
        context.close()
