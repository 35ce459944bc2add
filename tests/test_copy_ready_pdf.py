"""The typeset PDF, read back as a journalist's tools and a screen reader read it: tagged, every character
drawn, no two words on top of each other, links that work, headings kept with their text."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from support.site import SAMPLE_CONTENT, build, site_settings

from pressroom.copy_ready import CharactersUndrawable
from pressroom.validation import ContentInvalid
from pressroom.validation.site_check import check_site

EVENT = "releases/2025/mission-champions-online-event/mission-champions-online-event.pdf"
NOW = "2026-01-15T09:00+00:00"
# Quotes in the languages the site meets, and emoji.
MANY_LANGUAGES = {
    "welsh": ("Croeso i bob teulu ym Mhwllheli ac Aberystwyth: ŵyr, ŷd, â, ê", "Siân Llŷr"),
    "polish": ("Żółć gęślą jaźń, mówimy rodzinom w Łodzi", "Zofia Wójcik"),
    "vietnamese": ("Gia đình là trên hết, và mỗi em bé xứng đáng được yêu thương", "Nguyễn Thị Minh Khai"),
    "greek": ("Καλημέρα σε κάθε οικογένεια στη Θεσσαλονίκη", "Ελένη Παπαδοπούλου"),
    "arabic": ("كل طفل يستحق بداية آمنة", "ليلى حسن"),
    "hebrew": ("לכל תינוק מגיעה התחלה בטוחה", "נועה כהן"),
    "emoji": ("Babies can't wait 💙 and neither can we 👶🏽 — think again 🙂", "Amara Okafor"),
}


def release(slug: str, quotes: list[tuple[str, str]], body: str, **fields: str) -> str:
    """A published statement of 2025 with `quotes` ([(text, speaker)]) and `body`."""
    quoted = "".join(
        f'  - by: {{name: "{speaker}", role: Parent, organisation: Family Voices}}\n    text: "{text}"\n'
        for text, speaker in quotes
    )
    extra = "".join(f"{name}: {value}\n" for name, value in fields.items())
    quotes_field = f"quotes:\n{quoted}" if quotes else ""
    return (
        f"---\ntitle: {slug.replace('-', ' ').capitalize()}\ndate: 2025-03-01\ntype: statement\n"
        f"slug: {slug}\nsummary: A statement for the PDF tests.\n{extra}{quotes_field}---\n{body}\n"
    )


@pytest.fixture(scope="module")
def languages_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("languages")
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    folder = content / "releases" / "2025"
    for name, quote in MANY_LANGUAGES.items():
        (folder / f"{name}.md").write_text(
            release(f"quotes-in-{name}", [quote], "The opening paragraph of the statement."), encoding="utf-8"
        )
    long_address = "https://www.example.org/" + "a-very-long-folder-name/" * 6 + "the-report-itself"
    sections = "\n\n".join(
        f"## Section {number}\n\n"
        + " ".join(["Families need support in the first years."] * (number % 7 + 2))
        for number in range(1, 41)
    )
    (folder / "long.md").write_text(
        release(
            "long-" + "slug-" * 18 + "end",
            [("The last word on it.", "Sam Jones")],
            f"Read [the report]({long_address}) and [our vision]({{filename}}/pages/our-vision.md).\n\n"
            f"> A quotation from the report, set apart.\n\n{sections}",
        ),
        encoding="utf-8",
    )
    return build(content, root / "output", PRESSROOM_NOW=NOW, CACHE_PATH=str(root / "cache"))


def pdf_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.pdf"))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Word) -> bool:
        """Whether the words' letters would be drawn on top of each other. pdftotext's boxes reach the
        font's full ascent and descent, which the next line's box may touch, so a box's top and bottom
        quarters are not counted; neighbouring words may touch at their edges."""
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.core[1], other.core[1]) - max(self.core[0], other.core[0])
        return width > 0.5 and height > 0.5

    @property
    def core(self) -> tuple[float, float]:
        quarter = (self.bottom - self.top) / 4
        return self.top + quarter, self.bottom - quarter


def words_with_boxes(path: Path) -> list[Word]:
    """Every word pdftotext finds, with its page and box."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for number, page in enumerate(BeautifulSoup(html, "html.parser").select("page"), start=1):
        for word in page.select("word"):
            box = [float(word[name]) for name in ("xmin", "ymin", "xmax", "ymax")]
            found.append(Word(number, word.get_text(), *box))
    return found


def structure_roles(path: Path) -> set[str]:
    """The roles in the PDF's structure tree (/Document, /H1, /P, /BlockQuote…): what a screen reader gets."""
    reader = PdfReader(path)
    roles: set[str] = set()
    pending = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while pending:
        node = pending.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/S" in node:
                roles.add(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None:
                pending.extend(kids if isinstance(kids, list) else [kids])
        elif isinstance(node, list):
            pending.extend(node)
    return roles


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    return build(SAMPLE_CONTENT, root / "output", PRESSROOM_NOW=NOW, CACHE_PATH=str(root / "cache"))


def test_every_pdf_is_tagged_titled_in_british_english_and_claims_pdf_ua(sample, languages_site):
    for path in [*pdf_files(sample), *pdf_files(languages_site)]:
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), path
        reader = PdfReader(path)
        assert reader.metadata.title and reader.metadata.author == "Parent-Infant Foundation", path
        assert str(reader.trailer["/Root"]["/Lang"]) == "en-GB", path
        assert b"pdfuaid:part" in reader.trailer["/Root"]["/Metadata"].get_object().get_data(), path
        assert {"/H1", "/P"} <= structure_roles(path), path


def test_every_character_of_every_language_and_emoji_reaches_the_pdf(languages_site):
    for name, (quote, speaker) in MANY_LANGUAGES.items():
        text = " ".join(
            pdf_text(languages_site / f"releases/2025/quotes-in-{name}/quotes-in-{name}.pdf").split()
        )
        for character in quote + speaker:
            if not character.isspace():
                assert character in text, (name, character)


def test_no_two_words_overlap_on_any_page(sample, languages_site):
    for path in [*pdf_files(sample), *pdf_files(languages_site)]:
        words = words_with_boxes(path)
        assert words, path
        for index, word in enumerate(words):
            clashes = [
                other for other in words[index + 1 :] if other.page == word.page and word.overlaps(other)
            ]
            assert not clashes, (path.name, word, clashes)


def test_a_long_address_in_the_footer_wraps_instead_of_running_off_or_over_the_page_count(languages_site):
    [path] = [path for path in pdf_files(languages_site) if path.name.startswith("long-")]
    width = float(PdfReader(path).pages[0].mediabox.width)
    words = words_with_boxes(path)
    assert all(word.right <= width for word in words)
    counts = [word for word in words if word.text == "Page"]
    assert len(counts) == len(PdfReader(path).pages) > 1


def test_no_heading_is_left_alone_at_the_foot_of_a_page(languages_site):
    [path] = [path for path in pdf_files(languages_site) if path.name.startswith("long-")]
    words = words_with_boxes(path)
    for page in {word.page for word in words}:
        # The page's last line of text above the footer (which holds the address and the page count).
        body = [word for word in words if word.page == page and word.bottom < 780]
        last_line = max(word.bottom for word in body)
        line = " ".join(word.text for word in body if abs(word.bottom - last_line) < 2)
        assert not re.fullmatch(r"Section \d+", line), (page, line)


def test_links_in_the_body_and_facts_are_links_a_reader_can_follow(languages_site):
    [path] = [path for path in pdf_files(languages_site) if path.name.startswith("long-")]
    targets = {
        str(annotation.get_object()["/A"]["/URI"])
        for page in PdfReader(path).pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert "https://www.example.org/" + "a-very-long-folder-name/" * 6 + "the-report-itself" in targets
    assert "http://localhost:8000/our-vision-the-1001-critical-days/" in targets
    # The internal link's address is printed too: a printed page cannot be clicked.
    assert "localhost:8000/our-vision" in "".join(pdf_text(path).split())


def test_a_block_quotation_in_the_body_is_one_in_the_pdf(languages_site):
    [path] = [path for path in pdf_files(languages_site) if path.name.startswith("long-")]
    assert "/BlockQuote" in structure_roles(path)


def test_text_that_looks_like_typst_markup_is_printed_as_written(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    hostile = '#panic(\\"read as code\\") ] $x^2$ @ref *bold* _x_ // not a comment'
    (content / "releases" / "2025" / "markup.md").write_text(
        release("markup", [(hostile, "Sam Jones")], "A body with #set text(red) and a [bracket."),
        encoding="utf-8",
    )
    output = build(content, tmp_path / "output", PRESSROOM_NOW=NOW, CACHE_PATH=str(tmp_path / "cache"))
    text = " ".join(pdf_text(output / "releases/2025/markup/markup.pdf").split())
    assert '#panic("read as code") ] $x^2$ @ref *bold* _x_ // not a comment' in text
    assert "A body with #set text(red) and a [bracket." in text


def test_a_character_no_font_can_draw_is_a_mistake_check_names_at_its_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "releases" / "2025" / "chinese.md").write_text(
        release("quoted-in-chinese", [("我们支持每一个家庭", "Li Hua")], "A body, then 你好."),
        encoding="utf-8",
    )
    problems = [str(problem) for problem in check_site(site_settings(content, tmp_path / "output")).problems]
    # One problem for each field (line 9 holds the quote's text; the body starts on line 11), naming the
    # first characters and counting the rest, not one for each character or each time one is written.
    assert [line for line in problems if "chinese.md" in line] == [
        f"{content}/releases/2025/chinese.md:9: quotes: has 9 characters that none of the PDF's fonts can "
        "draw: '我' (U+6211, cjk unified ideograph-6211), '们' (U+4EEC, cjk unified ideograph-4eec), '支' "
        "(U+652F, cjk unified ideograph-652f), '持' (U+6301, cjk unified ideograph-6301), '每' (U+6BCF, cjk "
        "unified ideograph-6bcf) and 4 more — install Debian's fonts-noto-cjk and name its font in "
        "PRESSROOM_PDF_FONTS, or write the text without them",
        f"{content}/releases/2025/chinese.md:11: body: has 2 characters that none of the PDF's fonts can "
        "draw: '你' (U+4F60, cjk unified ideograph-4f60), '好' (U+597D, cjk unified ideograph-597d) — "
        "install Debian's fonts-noto-cjk and name its font in PRESSROOM_PDF_FONTS, or write the text "
        "without them",
    ], problems
    with pytest.raises(ContentInvalid):
        build(content, tmp_path / "output", PRESSROOM_NOW=NOW, CACHE_PATH=str(tmp_path / "cache"))


def test_a_character_from_the_people_directory_no_font_can_draw_stops_the_build_naming_the_release(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    people = content / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8").replace("name: Keith Reed", "name: 李华"), encoding="utf-8"
    )
    with pytest.raises(CharactersUndrawable) as stopped:
        build(content, tmp_path / "output", PRESSROOM_NOW=NOW, CACHE_PATH=str(tmp_path / "cache"))
    message = str(stopped.value)
    assert "has 2 characters that none of the PDF's fonts can draw: '李' (U+674E, cjk unified " in message
    assert "install Debian's fonts-noto-cjk" in message
    assert message.endswith("text(s) with characters the PDFs cannot draw: nothing was built.")


def test_the_pdf_is_dated_when_the_release_went_public_not_when_it_was_written(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "releases" / "2025" / "held.md").write_text(
        release("held", [], "A body.", embargo="2025-04-02T00:01"), encoding="utf-8"
    )
    output = build(content, tmp_path / "output", PRESSROOM_NOW=NOW, CACHE_PATH=str(tmp_path / "cache"))
    reader = PdfReader(output / "releases/2025/held/held.pdf")
    assert reader.metadata.creation_date.isoformat() == "2025-04-01T23:01:00+00:00"
    assert "2 April 2025" in pdf_text(output / "releases/2025/held/held.pdf")


def test_a_cached_pdf_is_reused_by_a_checkout_elsewhere(tmp_path):
    cache = tmp_path / "cache"
    first = build(SAMPLE_CONTENT, tmp_path / "one", PRESSROOM_NOW=NOW, CACHE_PATH=str(cache))
    kept = sorted(path.name for path in (cache / "copy_ready").glob("*.pdf"))
    assert len(kept) == len(pdf_files(first))
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(SAMPLE_CONTENT, elsewhere)
    second = build(elsewhere, tmp_path / "two", PRESSROOM_NOW=NOW, CACHE_PATH=str(cache))
    assert sorted(path.name for path in (cache / "copy_ready").glob("*.pdf")) == kept
    assert (first / EVENT).read_bytes() == (second / EVENT).read_bytes()
