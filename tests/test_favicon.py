"""/favicon.ico is a real icon in the brand's colour, linked from every page, so browsers never get a 404."""

from __future__ import annotations

from PIL import Image
from support.site import read_html


def test_favicon_is_an_ico_with_the_sizes_browsers_pick_from(sample_site):
    with Image.open(sample_site / "favicon.ico") as icon:
        assert icon.format == "ICO"
        assert icon.info["sizes"] == {(16, 16), (32, 32), (48, 48)}
        icon.size = (48, 48)
        centre_left = icon.convert("RGB").getpixel((6, 24))
    assert centre_left == (0x4B, 0x26, 0x73), "drawn on BRAND_COLOURS['primary']"


def test_every_page_links_the_favicon(sample_site):
    for address in ("/", "releases/2022/care-review-response/", "404.html"):
        link = read_html(sample_site, address).select_one('head link[rel="icon"]')
        assert link["href"] == "/favicon.ico"


def test_the_favicon_follows_a_rebrand(build_site):
    output = build_site(BRAND_COLOURS={"primary": "#0b5f5e"})
    with Image.open(output / "favicon.ico") as icon:
        icon.size = (48, 48)
        assert icon.convert("RGB").getpixel((6, 24)) == (0x0B, 0x5F, 0x5E)
