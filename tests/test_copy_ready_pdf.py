"""The PDF's fonts (a reduced Inter made once, the full one where a release needs it) and its line breaks."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from support.site import ROOT

from pressroom.copy_ready.document import Block, PressDocument
from pressroom.copy_ready.fonts import LAYOUT_TABLES, PdfFonts, prepared_fonts
from pressroom.copy_ready.pdf import FAMILY, Look, PressReleasePage, cache_key, fonts_for, lines_of, write_pdf

FONTS = ROOT / "theme" / "fonts"
LOOK = Look(regular_font=FONTS / "Inter-Regular.ttf", bold_font=FONTS / "Inter-Bold.ttf")
CREATED = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


def document(headline: str, quote: str, speaker: str) -> PressDocument:
    return PressDocument(
        type_label="Press release",
        headline=headline,
        dateline="1 March 2025",
        standfirst="A standfirst in plain English.",
        facts=(),
        body=(
            Block("paragraph", "The opening paragraph of the release."),
            Block("quote", f"“{quote}”", f"— {speaker}, Chair"),
        ),
        notes=(Block("paragraph", "About the Foundation."),),
        contact=(("Contact", "Press office"),),
        web_address="https://press.example.org/releases/2025/x/",
        organisation="Parent-Infant Foundation",
    )


def read_back(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture(scope="module")
def fonts(tmp_path_factory):
    return prepared_fonts(LOOK.regular_font, LOOK.bold_font, tmp_path_factory.mktemp("fonts"))


def test_the_reduced_fonts_are_made_once_and_hold_no_layout_tables(fonts, tmp_path):
    reduced, full = fonts
    cache = reduced.regular.parent
    made = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    again, _ = prepared_fonts(LOOK.regular_font, LOOK.bold_font, cache)
    assert again == reduced
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == made
    for path in (reduced.regular, reduced.bold):
        with TTFont(path) as font:
            assert not set(LAYOUT_TABLES) & set(font.keys())
            assert len(font.getGlyphOrder()) < 1000
            assert font["name"].getBestFullName().startswith("Inter")
    assert reduced.characters < full.characters


def test_a_damaged_reduced_font_in_the_cache_is_made_again(tmp_path):
    cache = tmp_path / "fonts"
    reduced, _ = prepared_fonts(LOOK.regular_font, LOOK.bold_font, cache)
    whole = reduced.regular.read_bytes()
    # Cut short as a full disk or a killed copy would leave it.
    reduced.regular.write_bytes(whole[: len(whole) // 3])
    again, full = prepared_fonts(LOOK.regular_font, LOOK.bold_font, cache)
    assert again.regular.read_bytes() == whole
    with TTFont(again.regular) as font:
        assert font["name"].getBestFullName().startswith("Inter")
    target = tmp_path / "release.pdf"
    write_pdf(document("A headline", "A quote", "A speaker"), LOOK, (again, full), CREATED, target, tmp_path)
    assert "A headline" in read_back(target)


@pytest.mark.parametrize(
    ("headline", "quote", "speaker"),
    [
        ("Families in Łódź and Kraków", "Żółć gęślą jaźń, we said.", "Zofia Wójcik"),
        ("A visit to Αθήνα", "Καλημέρα to every family in Θεσσαλονίκη", "Eleni Papadopoulou"),
        ("Support for Vietnamese families", "Gia đình là trên hết", "Nguyễn Thị Minh Khai"),
    ],
)
def test_every_character_of_a_release_reaches_its_pdf(fonts, tmp_path, headline, quote, speaker):
    target = tmp_path / "release.pdf"
    write_pdf(document(headline, quote, speaker), LOOK, fonts, CREATED, target, tmp_path / "cache")
    text = read_back(target)
    assert headline in text
    assert f"“{quote}” — {speaker}, Chair" in text


def test_only_a_release_with_characters_outside_the_reduced_fonts_is_drawn_with_the_full_ones(fonts):
    reduced, full = fonts
    assert fonts_for(document("Families in Łódź", "Words, € and ™", "Zofia Wójcik"), *fonts) == reduced
    assert fonts_for(document("A visit to Αθήνα", "Words", "Eleni"), *fonts) == full
    assert fonts_for(document("Straße", "Words", "Name"), *fonts) == reduced


def test_lines_fit_their_width_break_at_spaces_and_at_line_breaks(fonts):
    pdf = PressReleasePage(document("Headline", "Words", "Name"), LOOK, fonts[0])
    pdf.set_font(FAMILY, "", 10.5)
    address = "https://www.eventbrite.co.uk/e/labours-missions-and-the-next-generation-tickets-000000000000"
    sentence = "Babies and their families need support."
    lines = lines_of(pdf, f"{sentence * 5} Register at {address}\nA second line.", 100)
    pdf.add_page()
    pdf.output()  # which closes the font files
    assert all(pdf.get_string_width(line) <= 100 - 2 * pdf.c_margin for line in lines)
    assert lines[-1] == "A second line."
    # Words are whole on their lines; only the address, longer than a line, is broken inside.
    first_address_line = next(index for index, line in enumerate(lines) if line.startswith("https:"))
    assert " ".join(lines[:first_address_line]) == f"{sentence * 5} Register at"
    assert len(lines[first_address_line:-1]) > 1 and "".join(lines[first_address_line:-1]) == address


def test_cache_key_follows_font_bytes_and_colours_not_where_the_checkout_is(fonts, tmp_path):
    release = document("Headline", "Words", "Name")
    for path in (fonts[0].regular, fonts[0].bold, LOOK.regular_font, LOOK.bold_font):
        shutil.copy(path, tmp_path)
    reduced = fonts[0]
    moved_fonts = PdfFonts(tmp_path / reduced.regular.name, tmp_path / reduced.bold.name, reduced.characters)
    moved_look = Look(tmp_path / "Inter-Regular.ttf", tmp_path / "Inter-Bold.ttf")
    key = cache_key(release, LOOK, fonts[0], CREATED)
    assert cache_key(release, moved_look, moved_fonts, CREATED) == key
    recoloured = Look(LOOK.regular_font, LOOK.bold_font, accent="#000000")
    assert cache_key(release, recoloured, fonts[0], CREATED) != key
    assert cache_key(release, LOOK, fonts[1], CREATED) != key
