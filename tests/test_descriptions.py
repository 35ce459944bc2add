"""Every page describes itself: a meta description, og:description and twitter:description that agree."""

from __future__ import annotations

import pytest
from support.site import read_html

BIO = "Keith Reed is Chief Executive Officer of the Parent-Infant Foundation"
CAMPAIGN = "Making the case that the period from pregnancy to a child's second birthday"
TOPIC = "Local family hubs and the Start for Life offer"

PAGES = {
    "": "The latest press releases",
    "policy-responses/": "Policy responses",
    "topics/family-hubs/": TOPIC,
    "campaigns/first-1001-days/": CAMPAIGN,
    "people/": "Who speaks for Parent-Infant Foundation",
    "people/keith-reed/": BIO,
    "people/helen-hayes/": "Helen Hayes is the Member of Parliament",
    "archive/": "Every public release from Parent-Infant Foundation",
    "archive/2022/": "2022: releases from Parent-Infant Foundation",
    "press-office/": "Contacts for journalists",
    "subscribe/": "Every feed of Parent-Infant Foundation's releases",
    "search/": "Search every press release, policy response",
    "our-vision-the-1001-critical-days/": None,
    "releases/2022/family-hubs-funding-response/": "The Parent-Infant Foundation welcomes funding",
}


def descriptions(page) -> tuple[list[str], list[str], list[str]]:
    def contents(selector):
        return [meta["content"] for meta in page.select(f"head {selector}")]

    return (
        contents('meta[name="description"]'),
        contents('meta[property="og:description"]'),
        contents('meta[name="twitter:description"]'),
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_one_description_shared_by_its_previews(sample_site, path):
    page_path = sample_site / path / "index.html"
    if not page_path.exists():
        pytest.skip(f"the sample site has no {path}")
    meta, open_graph, twitter = descriptions(read_html(sample_site, path))
    assert len(meta) == 1, meta
    assert meta == open_graph == twitter
    assert meta[0].strip()
    if PAGES[path]:
        assert meta[0].startswith(PAGES[path])
