"""The PDF: a release laid out as a printed press release, drawn with fpdf2 in the theme's own Inter.

Pure Python; the fonts are embedded as subsets, so the PDF looks the same on every machine and copies
back as real text. What costs time is fpdf2 reading and subsetting the fonts (see fonts.py) and
measuring text: paragraphs are broken into lines here, each word measured once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, fields
from pathlib import Path

import fontTools
import fpdf
from fpdf import FPDF

from pressroom.content_model.parallel import copy_from_cache, keep_drawn

from .document import Block, PressDocument
from .fonts import PdfFonts, file_digest, strings_of

MARGIN_MM = 20
FAMILY = "Inter"


@dataclass(frozen=True)
class Look:
    """What the PDF takes from the theme: its two Inter files and the brand colours (#rrggbb)."""

    regular_font: Path
    bold_font: Path
    primary: str = "#1b1b1b"
    accent: str = "#1b1b1b"
    text: str = "#1b1b1b"
    muted: str = "#505a5f"


class PressReleasePage(FPDF):
    """A4 pages whose footer repeats the release's web address and the page count."""

    def __init__(self, document: PressDocument, look: Look, fonts: PdfFonts):
        super().__init__(format="A4", unit="mm")
        self.document, self.look = document, look
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=MARGIN_MM + 4)
        self.add_font(FAMILY, "", str(fonts.regular))
        self.add_font(FAMILY, "B", str(fonts.bold))
        # A press release repeats its words: each is measured once per font and size.
        self.measured: dict[tuple[str, float, str], float] = {}

    def word_width(self, word: str) -> float:
        key = (self.font_style, self.font_size_pt, word)
        if key not in self.measured:
            self.measured[key] = self.get_string_width(word)
        return self.measured[key]

    def footer(self) -> None:
        self.set_y(-MARGIN_MM + 2)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(self.look.muted)
        address = self.document.web_address
        self.cell(self.epw * 0.8, 5, address, link=address)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")


def lines_of(pdf: PressReleasePage, text: str, width: float) -> list[str]:
    """The text broken into lines that fit a cell `width` wide, at spaces, and at `\n` (a <br>).

    fpdf2's multi_cell measures the whole line again at every character, which made line breaking
    half of a PDF's cost; words are measured once here, then each line is drawn as one cell.
    """
    room = width - 2 * pdf.c_margin
    space = pdf.word_width(" ")
    lines: list[str] = []
    for hard_line in text.split("\n"):
        line, line_width = "", 0.0
        for word in hard_line.split():
            word_width = pdf.word_width(word)
            if line and line_width + space + word_width <= room:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line:
                lines.append(line)
            line, line_width = word, word_width
            while line_width > room and len(line) > 1:
                # A word longer than the line (a web address) is broken where it reaches the edge.
                cut = next(end for end in range(2, len(line) + 1) if pdf.word_width(line[:end]) > room) - 1
                lines.append(line[:cut])
                line = line[cut:]
                line_width = pdf.word_width(line)
        lines.append(line)
    return lines


def text_lines(pdf: PressReleasePage, text: str, height: float, *, link: str = "") -> None:
    """The text as lines from the current position to the right margin; then back at the left margin."""
    left = pdf.get_x()
    width = pdf.w - pdf.r_margin - left
    for line in lines_of(pdf, text, width):
        pdf.set_x(left)
        pdf.cell(width, height, line, link=link, new_x="LEFT", new_y="NEXT")
    pdf.set_x(pdf.l_margin)


def paragraph(
    pdf: PressReleasePage, text: str, size: float, *, bold: bool = False, colour: str = "", gap: float = 2.5
):
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(colour or pdf.look.text)
    text_lines(pdf, text, size * 0.5)
    pdf.ln(gap)


def labelled_lines(pdf: PressReleasePage, lines: tuple[tuple[str, str], ...], size: float) -> None:
    label_width = 32
    for label, value in lines:
        pdf.set_font(FAMILY, "B", size)
        pdf.set_text_color(pdf.look.text)
        pdf.cell(label_width, size * 0.5, label)
        pdf.set_font(FAMILY, "", size)
        link = value if value.startswith(("https://", "http://")) else ""
        text_lines(pdf, value, size * 0.5, link=link)
        pdf.ln(1)


def text_height(pdf: PressReleasePage, text: str, size: float, width: float, *, bold: bool = False) -> float:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    return len(lines_of(pdf, text, width)) * size * 0.5


def quote(pdf: PressReleasePage, block: Block, size: float) -> None:
    """The quote and its speaker on one page, ruled in the accent colour as on the web page."""
    indent = 6
    width = pdf.epw - indent
    height = (
        text_height(pdf, block.text, size + 0.5, width)
        + 1
        + text_height(pdf, block.attribution, size - 0.5, width, bold=True)
    )
    if pdf.will_page_break(height):
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_fill_color(pdf.look.accent)
    pdf.rect(MARGIN_MM, top, 1.2, height, style="F")
    pdf.set_left_margin(MARGIN_MM + indent)
    pdf.set_x(MARGIN_MM + indent)
    paragraph(pdf, block.text, size + 0.5, gap=1)
    paragraph(pdf, block.attribution, size - 0.5, bold=True, colour=pdf.look.muted, gap=0)
    pdf.set_left_margin(MARGIN_MM)
    pdf.ln(4)


def blocks(pdf: PressReleasePage, content: tuple[Block, ...], size: float) -> None:
    for index, block in enumerate(content):
        if block.kind == "heading":
            pdf.ln(1.5)
            paragraph(pdf, block.text, size + 1.5, bold=True, gap=1.5)
        elif block.kind == "quote":
            quote(pdf, block, size)
        elif block.kind == "item":
            last_item = index + 1 == len(content) or content[index + 1].kind != "item"
            pdf.set_x(MARGIN_MM + 4)
            pdf.set_left_margin(MARGIN_MM + 4)
            paragraph(pdf, block.text, size, gap=2.5 if last_item else 0.8)
            pdf.set_left_margin(MARGIN_MM)
        else:
            paragraph(pdf, block.text, size)


def heading(pdf: PressReleasePage, text: str) -> None:
    pdf.ln(3)
    paragraph(pdf, text.upper(), 10, bold=True, colour=pdf.look.primary, gap=2)


def masthead(pdf: PressReleasePage) -> None:
    document = pdf.document
    pdf.set_font(FAMILY, "B", 11)
    pdf.set_text_color(pdf.look.primary)
    pdf.cell(pdf.epw / 2, 6, document.organisation)
    pdf.cell(0, 6, document.type_label.upper(), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(pdf.look.primary)
    pdf.set_line_width(0.8)
    pdf.line(MARGIN_MM, pdf.get_y() + 1, MARGIN_MM + pdf.epw, pdf.get_y() + 1)
    pdf.ln(5)
    paragraph(pdf, document.dateline, 9.5, colour=pdf.look.muted, gap=2)


def press_pdf(document: PressDocument, look: Look, fonts: PdfFonts, created: dt.datetime) -> bytes:
    """The PDF's bytes, dated `created` (the release's date) so that a rebuild gives the same file."""
    pdf = PressReleasePage(document, look, fonts)
    pdf.set_title(document.headline)
    pdf.set_author(document.organisation)
    pdf.set_subject(document.standfirst)
    pdf.set_lang("en-GB")
    pdf.set_creation_date(created)
    pdf.add_page()
    masthead(pdf)
    paragraph(pdf, document.headline, 19, bold=True, gap=4)
    paragraph(pdf, document.standfirst, 12, bold=True, gap=4)
    if document.facts:
        labelled_lines(pdf, document.facts, 10)
        pdf.ln(3)
    blocks(pdf, document.body, 10.5)
    pdf.ln(2)
    paragraph(pdf, "Ends", 10.5, bold=True, gap=2)
    if document.notes:
        heading(pdf, "Notes to editors")
        blocks(pdf, document.notes, 9.5)
    if document.contact:
        heading(pdf, "Media contact")
        labelled_lines(pdf, document.contact, 10)
    heading(pdf, f"This {document.type_label.lower()} online")
    pdf.set_font(FAMILY, "", 10)
    pdf.set_text_color(look.text)
    text_lines(pdf, document.web_address, 5, link=document.web_address)
    return bytes(pdf.output())


def fonts_for(document: PressDocument, reduced: PdfFonts, full: PdfFonts) -> PdfFonts:
    """The reduced fonts if they have every character the PDF shows (headings in capitals too)."""
    text = "".join(strings_of(document))
    return reduced if reduced.can_draw(text + text.upper()) else full


def cache_key(document: PressDocument, look: Look, fonts: PdfFonts, created: dt.datetime) -> str:
    """A hash of everything that shapes the PDF: its words, the look, the fonts, this layout, fpdf2 and the
    fontTools that subsets the fonts inside it."""
    # Files count by their bytes, never their paths, so a checkout anywhere finds the PDFs drawn elsewhere.
    colours = [getattr(look, field.name) for field in fields(look) if not field.name.endswith("_font")]
    inputs = [repr(document), repr(colours), created.isoformat(), fpdf.__version__, fontTools.version]
    inputs += [file_digest(path) for path in (fonts.regular, fonts.bold, Path(__file__))]
    return hashlib.sha256("\n".join(inputs).encode()).hexdigest()


def cached_pdf(
    document: PressDocument,
    look: Look,
    fonts: tuple[PdfFonts, PdfFonts],
    created: dt.datetime,
    target: Path,
    cache_dir: Path,
) -> bool:
    """Copy the PDF to `target` if the cache has one drawn from the same inputs; whether it had."""
    return copy_from_cache(
        cache_dir / f"{cache_key(document, look, fonts_for(document, *fonts), created)}.pdf", target
    )


def write_pdf(
    document: PressDocument,
    look: Look,
    fonts: tuple[PdfFonts, PdfFonts],
    created: dt.datetime,
    target: Path,
    cache_dir: Path,
) -> bool:
    """Write the PDF to `target`, from the cache when the same inputs were drawn before; True if drawn.

    `fonts` are the reduced fonts and the full ones, for a release with a character the reduced lack.
    """
    if cached_pdf(document, look, fonts, created, target, cache_dir):
        return False
    chosen = fonts_for(document, *fonts)
    cached = cache_dir / f"{cache_key(document, look, chosen, created)}.pdf"
    keep_drawn(press_pdf(document, look, chosen, created), cached, target)
    return True
