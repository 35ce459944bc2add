"""Social cards: one 1200×630 PNG per public release, used as its preview image, drawn only when needed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from support.site import ROOT, SAMPLE_CONTENT, build, read_html, site_settings

from pressroom.social_cards.cards import CardText, card_style
from pressroom.social_cards.render import drawable, inputs_key, render_card, write_image

SITE = "https://press.parentinfantfoundation.org.uk"
CARDS = {
    "releases/2022/family-hubs-funding-response/": "cards/2022/family-hubs-funding-response.png",
    "releases/2022/care-review-response/": "cards/2022/care-review-response.png",
    "releases/2023/helen-hayes-mp-visits-leap/": "cards/2023/helen-hayes-mp-visits-leap.png",
    "releases/2025/mission-champions-online-event/": "cards/2025/mission-champions-online-event.png",
}


def cache_files(cache) -> dict[str, int]:
    """Each cached card by its inode: a card drawn again is a new file put in place (its time alone
    changes when a build takes it from the cache, marking it used)."""
    return {path.name: path.stat().st_ino for path in (cache / "social_cards").glob("*.png")}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample site built twice from one cache, then once more with one headline changed."""
    root = tmp_path_factory.mktemp("cards")
    cache = root / "cache"
    first = build(SAMPLE_CONTENT, root / "first", "publishconf.py", CACHE_PATH=str(cache))
    after_first = cache_files(cache)
    build(SAMPLE_CONTENT, root / "second", "publishconf.py", CACHE_PATH=str(cache))
    after_second = cache_files(cache)

    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    source = content / "releases" / "2022" / "2022-05-23-care-review-response.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("at the heart of Family Help", "at the centre of Family Help", 1), "utf-8")
    build(content, root / "third", "publishconf.py", CACHE_PATH=str(cache))
    return {"site": first, "runs": (after_first, after_second, cache_files(cache))}


@pytest.mark.parametrize("page", CARDS)
def test_each_release_has_a_card_of_the_right_size_as_its_preview_image(built, page):
    card = built["site"] / CARDS[page]
    with Image.open(card) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
        # Not a blank canvas: a card has a headline drawn on it in more than one colour.
        assert len(image.getcolors(maxcolors=100_000)) > 50
    preview = read_html(built["site"], page).select_one('meta[property="og:image"]')["content"]
    assert preview == f"{SITE}/{CARDS[page]}"


def test_cards_are_drawn_once_and_again_only_when_their_words_change(built):
    first, second, third = built["runs"]
    # Four releases, the site card and the publisher logo (drawn only when ORGANISATION has no logo).
    assert len(first) >= 5
    assert second == first, "an unchanged build must take every card from the cache"
    assert set(first) <= set(third)
    assert {name: stamp for name, stamp in third.items() if name in first} == first
    assert len(third) == len(first) + 1, "only the changed release's card is drawn again"


def test_cache_key_follows_every_input(tmp_path):
    settings = site_settings(SAMPLE_CONTENT, tmp_path / "output", "publishconf.py")
    style = card_style(settings)
    text = CardText(brand="Org", label="News", headline="A headline", detail="“Words”", attribution="Name")
    assert inputs_key("card", text, style) == inputs_key("card", text, style)
    assert inputs_key("card", text, style) != inputs_key(
        "card", text.__class__(**{**vars(text), "label": "Event"}), style
    )
    recoloured = style.__class__(**{**vars(style), "accent": "#000000"})
    assert inputs_key("card", text, style) != inputs_key("card", text, recoloured)

    assert write_image("card", text, style, tmp_path / "a.png", tmp_path / "cache") is True
    assert write_image("card", text, style, tmp_path / "b.png", tmp_path / "cache") is False
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_a_release_with_its_own_image_keeps_it(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "images").mkdir()
    Image.new("RGB", (800, 420), "#336699").save(content / "images" / "visit.jpg")
    source = content / "releases" / "2023" / "2023-06-12-helen-hayes-mp-visits-leap.md"
    image = "image:\n  src: images/visit.jpg\n  alt: Helen Hayes MP with parents at LEAP\n"
    source.write_text(source.read_text(encoding="utf-8").replace("type: news\n", "type: news\n" + image, 1))
    output = build(content, tmp_path / "output", "publishconf.py", CACHE_PATH=str(tmp_path / "cache"))

    page = read_html(output, "releases/2023/helen-hayes-mp-visits-leap/")
    found = {meta["property"]: meta["content"] for meta in page.select("meta[property^='og:image']")}
    assert found == {
        "og:image": f"{SITE}/images/visit.jpg",
        "og:image:type": "image/jpeg",
        "og:image:width": "800",
        "og:image:height": "420",
        "og:image:alt": "Helen Hayes MP with parents at LEAP",
    }
    assert not (output / "cards" / "2023" / "helen-hayes-mp-visits-leap.png").exists()
    assert (output / "cards" / "2022" / "care-review-response.png").is_file()


def test_a_draft_gets_no_card(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    source = content / "releases" / "2022" / "2022-05-23-care-review-response.md"
    source.write_text(source.read_text(encoding="utf-8").replace("\ntype:", "\nstatus: draft\ntype:", 1))
    output = build(content, tmp_path / "output", "publishconf.py", CACHE_PATH=str(tmp_path / "cache"))
    assert sorted(path.name for path in (output / "cards").rglob("*.png") if path.parent.name.isdigit()) == [
        "family-hubs-funding-response.png",
        "helen-hayes-mp-visits-leap.png",
        "mission-champions-online-event.png",
    ]


INTER_BOLD = str(ROOT / "theme" / "fonts" / "Inter-Bold.otf")
CARD_PIXELS = 1200 * 630


@pytest.mark.parametrize(
    ("written", "drawn"),
    [
        ("Hooray 🎉!", "Hooray!"),
        ("Babies 🍼 matter", "Babies matter"),
        ("👨‍👩‍👧 Families first", "Families first"),
        ("“We did it 💪”", "“We did it”"),
        ("£5m for 1,001 days © 2025 — 20°C ^_^", "£5m for 1,001 days © 2025 — 20°C ^_^"),
    ],
)
def test_cards_drop_what_the_font_cannot_draw_without_leaving_a_stray_space(written, drawn):
    assert drawable(written, INTER_BOLD) == drawn


def test_a_card_is_a_palette_png_within_a_few_shades_of_the_true_colour_drawing(tmp_path):
    style = card_style(site_settings(SAMPLE_CONTENT, tmp_path / "output", "publishconf.py"))
    text = CardText(brand="Org", label="News", headline="A headline", detail="“Words”", attribution="Name")
    write_image("card", text, style, tmp_path / "card.png", tmp_path / "cache")
    with Image.open(tmp_path / "card.png") as written:
        assert written.mode == "P"
        drawn = written.convert("RGB")
    difference = ImageChops.difference(render_card(text, style), drawn).convert("L")
    assert difference.getextrema()[1] <= 6
    # Flat colours are exact: only antialiased edges may move, by a shade.
    assert sum(difference.histogram()[1:]) < 0.05 * CARD_PIXELS
    assert drawn.getpixel((600, 600)) == Image.new("RGB", (1, 1), style.background).getpixel((0, 0))


def test_cache_key_follows_font_bytes_not_where_the_checkout_is(tmp_path):
    settings = site_settings(SAMPLE_CONTENT, tmp_path / "output", "publishconf.py")
    style = card_style(settings)
    text = CardText(brand="Org", label="News", headline="A headline")
    elsewhere = tmp_path / "another-checkout"
    elsewhere.mkdir()
    for name in ("bold_font", "regular_font"):
        shutil.copy(getattr(style, name), elsewhere)
    moved = style.__class__(
        **{
            **vars(style),
            "bold_font": str(elsewhere / "Inter-Bold.otf"),
            "regular_font": str(elsewhere / "Inter-Regular.otf"),
        }
    )
    assert inputs_key("card", text, moved) == inputs_key("card", text, style)
    (elsewhere / "Inter-Bold.otf").write_bytes(Path(style.regular_font).read_bytes())
    assert inputs_key("card", text, moved) != inputs_key("card", text, style)
