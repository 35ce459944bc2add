"""Rendered HTML as a tree of blocks and runs of text: the shape a plain-text or typeset form walks.

A release's body and notes to editors are Markdown rendered to sanitised HTML, which the page and the
feeds show as it is. The .txt and the PDF need the same structure as data (headings, paragraphs, lists,
block quotations, tables), each run of words with its emphasis and its link's absolute address, so
that a link keeps its address wherever the words go and nothing is read as markup on the way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag

HEADINGS = {f"h{level}": level for level in range(1, 7)}
STRONG = ("strong", "b")
EMPHASIS = ("em", "i", "cite")
# Elements whose text is not part of the running words.
SKIPPED = ("script", "style", "template")


@dataclass(frozen=True)
class Run:
    """Words with one look: bold, italic, or a link to `link` (an absolute address)."""

    text: str
    link: str = ""
    strong: bool = False
    emphasis: bool = False


LINE_BREAK = Run("\n")


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    level: int
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class ListBlock:
    kind: ClassVar[str] = "list"
    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1


@dataclass(frozen=True)
class BlockQuotation:
    kind: ClassVar[str] = "blockquote"
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    header: tuple[tuple[Run, ...], ...]
    rows: tuple[tuple[tuple[Run, ...], ...], ...]


@dataclass(frozen=True)
class Picture:
    """An image in the body: the printed forms give its description, the feeds and page the image."""

    kind: ClassVar[str] = "image"
    address: str
    alt: str


@dataclass(frozen=True)
class Rule:
    kind: ClassVar[str] = "rule"


Block = Heading | Paragraph | ListBlock | BlockQuotation | Table | Picture | Rule


def plain_text(runs: tuple[Run, ...]) -> str:
    """The words of some runs, as they read: spaces collapsed, line breaks kept."""
    text = "".join(run.text for run in runs)
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


class _Reader:
    """Turns one piece of HTML into blocks, resolving every address against `base`."""

    def __init__(self, base: str):
        self.base = base

    def address(self, href: str) -> str:
        return urljoin(self.base, href.strip()) if self.base else href.strip()

    def runs(self, element: Tag, link: str = "", strong: bool = False, emphasis: bool = False) -> list[Run]:
        found: list[Run] = []
        for child in element.children:
            if isinstance(child, NavigableString):
                if child.strip() or child:
                    found.append(Run(str(child), link, strong, emphasis))
            elif isinstance(child, Tag):
                if child.name in SKIPPED:
                    continue
                if child.name == "br":
                    found.append(LINE_BREAK)
                elif child.name == "a" and child.get("href"):
                    found += self.runs(child, self.address(str(child["href"])), strong, emphasis)
                elif child.name == "img":
                    alt = str(child.get("alt") or "")
                    if alt:
                        found.append(Run(alt, link, strong, emphasis))
                else:
                    found += self.runs(
                        child, link, strong or child.name in STRONG, emphasis or child.name in EMPHASIS
                    )
        return _merged(found)

    def blocks(self, parent: Tag) -> list[Block]:
        found: list[Block] = []
        loose: list[Run] = []

        def flush() -> None:
            if plain_text(tuple(loose)):
                found.append(Paragraph(tuple(_trimmed(loose))))
            loose.clear()

        for element in parent.children:
            if isinstance(element, NavigableString):
                loose.append(Run(str(element)))
                continue
            if not isinstance(element, Tag) or element.name in SKIPPED:
                continue
            block = self.block(element)
            if block is None:
                loose.extend(self.runs(element))
                continue
            flush()
            found.extend(block)
        flush()
        return found

    def block(self, element: Tag) -> list[Block] | None:
        """The blocks of a block-level element, or None for an inline one (its runs join a paragraph)."""
        name = element.name
        if name in HEADINGS:
            return [Heading(HEADINGS[name], tuple(_trimmed(self.runs(element))))]
        if name == "p":
            if _only_images(element):
                return [self.picture(image) for image in element.find_all("img")]
            runs = _trimmed(self.runs(element))
            return [Paragraph(tuple(runs))] if plain_text(tuple(runs)) else []
        if name in ("ul", "ol"):
            items = tuple(tuple(self.blocks(item)) for item in element.find_all("li", recursive=False))
            start = int(str(element.get("start"))) if str(element.get("start", "")).isdigit() else 1
            return [ListBlock(name == "ol", items, start)]
        if name == "blockquote":
            return [BlockQuotation(tuple(self.blocks(element)))]
        if name == "table":
            return [self.table(element)]
        if name == "hr":
            return [Rule()]
        if name == "img":
            return None
        if name == "figure":
            pictures = [self.picture(image) for image in element.find_all("img")]
            caption = element.find("figcaption")
            captions = [Paragraph(tuple(_trimmed(self.runs(caption))))] if caption else []
            return [*pictures, *captions]
        if name in ("div", "section", "details", "dl", "dd", "dt", "pre", "iframe", "summary", "aside"):
            if name == "iframe":
                title = str(element.get("title") or "an embedded video")
                address = self.address(str(element.get("src") or ""))
                return [Paragraph((Run(title, address),))]
            return self.blocks(element) if name != "pre" else [Paragraph(tuple(self.runs(element)))]
        return None

    def picture(self, image: Tag) -> Picture:
        return Picture(self.address(str(image.get("src") or "")), str(image.get("alt") or ""))

    def table(self, element: Tag) -> Table:
        header: list[tuple[Run, ...]] = []
        rows: list[tuple[tuple[Run, ...], ...]] = []
        for row in element.find_all("tr"):
            cells = tuple(tuple(_trimmed(self.runs(cell))) for cell in row.find_all(("th", "td")))
            if not rows and not header and row.find_parent("thead") is not None:
                header = list(cells)
            else:
                rows.append(cells)
        return Table(tuple(header), tuple(rows))


def _only_images(element: Tag) -> bool:
    """A paragraph that holds images and nothing else to read: Markdown's way of placing a picture."""
    children = [
        child for child in element.children if not (isinstance(child, NavigableString) and not child.strip())
    ]
    return bool(children) and all(isinstance(child, Tag) and child.name == "img" for child in children)


def _merged(runs: list[Run]) -> list[Run]:
    """Neighbouring runs with the same look as one, so each link or emphasis is one run."""
    merged: list[Run] = []
    for run in runs:
        if merged and run != LINE_BREAK and merged[-1] != LINE_BREAK:
            last = merged[-1]
            if (last.link, last.strong, last.emphasis) == (run.link, run.strong, run.emphasis):
                merged[-1] = Run(last.text + run.text, last.link, last.strong, last.emphasis)
                continue
        merged.append(run)
    return merged


def _trimmed(runs: list[Run]) -> list[Run]:
    """Runs with the white space at their two ends removed, and spaces inside collapsed."""
    cleaned = [
        run if run == LINE_BREAK else Run(" ".join(run.text.split("\n")), run.link, run.strong, run.emphasis)
        for run in runs
    ]
    while cleaned and cleaned[0] != LINE_BREAK and not cleaned[0].text.strip():
        cleaned.pop(0)
    while cleaned and cleaned[-1] != LINE_BREAK and not cleaned[-1].text.strip():
        cleaned.pop()
    if cleaned and cleaned[0] != LINE_BREAK:
        first = cleaned[0]
        cleaned[0] = Run(first.text.lstrip(), first.link, first.strong, first.emphasis)
    if cleaned and cleaned[-1] != LINE_BREAK:
        last = cleaned[-1]
        cleaned[-1] = Run(last.text.rstrip(), last.link, last.strong, last.emphasis)
    return cleaned


def html_blocks(html: str, base: str = "") -> tuple[Block, ...]:
    """Rendered, sanitised HTML as blocks; every link's address resolved against `base` (a page's
    absolute address) so that it is complete wherever the words are read."""
    if not html.strip():
        return ()
    return tuple(_Reader(base).blocks(BeautifulSoup(html, "html.parser")))
