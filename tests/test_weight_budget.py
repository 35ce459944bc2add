"""A release with eight quotes stays under 50 KB of HTML, CSS and JavaScript, and every network stays
reachable: from the release's share bar without the script, and from each quote's own bar with it, whose
addresses are exactly the ones plugins/pressroom/share_links would give."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from support.browser import serve_directory
from support.site import SAMPLE_CONTENT, build, read_html

from pressroom.share_links.networks import RELEASE_NETWORKS, quote_share_links

BUDGET = 50 * 1024
RELEASE = "releases/2024/eight-voices/"
TITLE = "Eight voices: “a parent-infant team in every area” — and what it would cost (£5m)"
EVIDENCE = (
    "Every baby deserves a safe, loving start in life, and the evidence is clear that support for the "
    "relationship between a baby and their parents changes lives – yet too many families still wait months "
    "for help that should be there from the first days."
)
QUOTES = [
    {"by": "sally-hogg", "text": EVIDENCE},
    {"by": "keith-reed", "text": "What's next? Parents can't wait (and babies won't!) — fund teams now*."},
    {
        "by": {"name": "Zoë Ångström", "role": "Health visitor", "organisation": "Example NHS Trust"},
        "text": EVIDENCE,
    },
    {
        "by": {"name": "Dr Amina Okafor", "role": "Perinatal psychiatrist"},
        "text": "Babies 👶 need us now 🍼.",
    },
    {"by": "tamora-langley", "text": " ".join([EVIDENCE] * 3)},
    # Greek: a script the PDFs draw (a Chinese quote would be refused: no font of the PDFs draws it).
    {
        "by": {"name": "Ελένη Παππά", "role": "Parent"},
        "text": " ".join(["Τα μωρά μας χρειάζονται βοήθεια."] * 15),
    },
    {"by": "sally-hogg", "text": EVIDENCE.replace("–", "&").replace("lives", "lives #1001days")},
    {"by": "keith-reed", "text": EVIDENCE + " 100% of areas need a team; today it is 42 of 152."},
]


def eight_quote_release() -> str:
    front_matter = {
        "title": TITLE,
        "date": "2024-05-01",
        "slug": "eight-voices",
        "type": "press-release",
        "summary": "Eight leaders in health, care and early years say every area needs a specialised team.",
        "spokespeople": ["sally-hogg", "keith-reed"],
        "quotes": QUOTES,
        "topics": ["parent-infant-relationship-teams"],
    }
    body = (
        "A new report finds that fewer than half of areas have a team.\n\nThe charity calls for one in each."
    )
    return f"---\n{yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)}---\n{body}\n"


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """The release built for publishing at the address it is served on: (output folder, site address)."""
    content = tmp_path_factory.mktemp("weight") / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "releases" / "2024").mkdir()
    (content / "releases" / "2024" / "eight-voices.md").write_text(eight_quote_release(), encoding="utf-8")
    output = content.parent / "output"
    output.mkdir()
    with serve_directory(output, send_headers_file=False) as url:
        build(content, output, "publishconf.py", SITEURL=url.rstrip("/"))
        yield output, url.rstrip("/")


@pytest.fixture(scope="module")
def site(served_site) -> Path:
    return served_site[0]


def served_path(output: Path, address: str) -> Path:
    return output / urlsplit(address).path.lstrip("/")


def test_a_release_with_eight_quotes_stays_under_50_kb_of_html_css_and_javascript(site):
    page = read_html(site, RELEASE)
    assert len(page.select("figure.quote")) == 8
    assets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assets += [script["src"] for script in page.select("script[src]")]
    assert any(asset.endswith(".js") for asset in assets), "the share script is part of the weight"
    weight = (site / RELEASE / "index.html").stat().st_size
    weight += sum(served_path(site, asset).stat().st_size for asset in assets)
    assert weight < BUDGET, f"{weight} bytes"


def test_without_the_script_every_network_is_reached_from_the_release_bar(site):
    bar = read_html(site, RELEASE).select_one(".share-bar[data-share-quotes]")
    networks = {link["data-share-network"] for link in bar.select("a[href]")}
    assert networks == {network for network, _, _ in RELEASE_NETWORKS} | {"email"}


@pytest.mark.browser
def test_the_script_gives_each_quote_every_network_with_the_addresses_python_gives(chromium, served_site):
    site, url = served_site
    context = chromium.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{url}/{RELEASE}", wait_until="load")
    bars = page.evaluate(
        """() => [...document.querySelectorAll("figure.quote")].map((figure) => {
                const bar = figure.querySelector(".share-bar");
                return {
                  label: bar.querySelector(".share-bar-label").textContent,
                  links: Object.fromEntries([...bar.querySelectorAll("a[data-share-network]")]
                    .map((link) => [link.dataset.shareNetwork, link.getAttribute("href")])),
                  copy: bar.querySelector("[data-share-copy]").dataset.shareCopy,
                  copyLabel: bar.querySelector("[data-share-copy]").textContent,
                  sheet: {...bar.querySelector("[data-share-url]").dataset},
                };
            })"""
    )
    context.close()
    assert errors == []
    title = read_html(site, RELEASE).select_one("main h1").get_text()
    address = f"{url}/{RELEASE}"
    names = ["Sally Hogg", "Keith Reed", "Zoë Ångström", "Dr Amina Okafor", "Tamora Langley", "Ελένη Παππά"]
    speakers = [names[index] for index in (0, 1, 2, 3, 4, 5, 0, 1)]
    assert len(bars) == 8
    for bar, quote, speaker in zip(bars, QUOTES, speakers, strict=True):
        expected = {link.network: link for link in quote_share_links(quote["text"], speaker, title, address)}
        assert bar["label"] == "Share this quote"
        assert bar["links"] == {network: link.href for network, link in expected.items() if link.href}
        assert bar["copy"] == expected["copy"].copy_text
        assert bar["copyLabel"].endswith("Copy quote")
        shared = expected["native"].shared
        assert (bar["sheet"]["shareTitle"], bar["sheet"]["shareText"], bar["sheet"]["shareUrl"]) == (
            shared.subject,
            shared.text,
            shared.url,
        )
