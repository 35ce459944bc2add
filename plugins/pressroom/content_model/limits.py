"""Limits no press release reaches, checked on the source before Markdown reads it.

Markdown's work grows faster than the text for some inputs, and a few of them stop it outright, so
without limits one file could hold up every build for minutes or end it with a traceback. Measured with
Python-Markdown 3 and this site's extensions, before these limits:

- 20,000 '[' in a paragraph took `check` past 60 s: each '[' (and each '](') is read as the start of a
  link, and Markdown looks for its ']' (or ')') to the end of the paragraph, so the work grows with
  the square of their number. Likewise each unclosed '<a' or '<![CDATA[' is looked for to the end of
  the text (4,000 of them: 3 s and 133 s), and each abbreviation (`*[WHO]: …`) is looked for across
  the whole text (8,000: 60 s), and each repeated reference to a footnote counts the ones before it
  (2,700 references: 9 s).
- A paragraph dense with formatting costs its length for every mark in it: 8,000 tags such as
  `<a b='>'` in one paragraph took 50 s.
- A list nested 250 deep ends Markdown with a RecursionError; a blockquote nested 400 deep passes
  Markdown but ends the build later (in BeautifulSoup, which recurses per level) with no file named.
- One word of 1,000,000 characters took the PDF step 290 s and 6 GB; a table of 3,000 columns 1.7 GB.

Each limit is far above what a release holds (the longest sample body is under 4,000 characters, its
deepest list one level, its densest paragraph 100,000 units of formatting work), and each check reads
the text once, or not at all when a count shows it cannot be over (0.2 ms a release in all). Each
returns at most one `Excess` (the first place the text goes over), so a hostile file gets a few lines
of report, not thousands. The limits hold Markdown's worst case, for text just within all of them, to
about a second (measured: 0.4 to 0.7 s for `check` on paragraphs of emphasis, code or links up to the
markup limit, against 0.1 s for a release).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .front_matter import LINE_BREAK

MAX_FILE_BYTES = 1_000_000
# Characters of Markdown in a body, or in the notes to editors: about 15,000 words.
MAX_MARKDOWN = 100_000
MAX_WORD = 1_000
MAX_NESTING = 16
MAX_TABLE_COLUMNS = 50
MAX_TABLE_CELLS = 2_000
MAX_UNCLOSED_BRACKETS = 50
MAX_BRACKET_DEPTH = 10
MAX_UNCLOSED_TAGS = 20
MAX_ABBREVIATIONS = 100
MAX_FOOTNOTE_MARKS = 200
# Markdown reads each mark of formatting against the whole paragraph it is in: the sum, over paragraphs,
# of marks × length. A long release scores under 200,000; this many take Markdown about a second.
MAX_MARKUP_WORK = 10_000_000
# Elements inside elements in the rendered HTML: a release nests about ten.
MAX_HTML_DEPTH = 64

SPLIT_IT = "split it into several releases, or link to the full text published elsewhere"


@dataclass(frozen=True)
class Excess:
    """Where a text goes over a limit (its 0-based line), what is over, and how to bring it within."""

    line: int
    what: str
    fix: str


def file_excess(path: Path, size: int | None = None) -> Excess | None:
    """A source file too large to be a release, told before anything reads it (`size`: of the text an
    editor holds for it, unsaved)."""
    size = path.stat().st_size if size is None else size
    if size <= MAX_FILE_BYTES:
        return None
    return Excess(
        0,
        f"is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a release or page may have",
        f"remove what was pasted in by mistake, or {SPLIT_IT}",
    )


@dataclass(frozen=True)
class Block:
    """A paragraph, list, table or heading: lines up to a blank line. `first` is its first line's index."""

    first: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def lines_of(text: str) -> list[str]:
    """The lines of a text, split where YAML splits them, so that their numbers are the file's."""
    return LINE_BREAK.split(text)


def blocks(lines: list[str]) -> Iterator[Block]:
    first, current = 0, list[str]()
    for index, line in enumerate(lines):
        if line.strip():
            if not current:
                first = index
            current.append(line)
        elif current:
            yield Block(first, current)
            current = []
    if current:
        yield Block(first, current)


def size_excess(text: str) -> Excess | None:
    length = len(text)
    if length <= MAX_MARKDOWN:
        return None
    return Excess(
        0,
        f"is {length:,} characters long, more than the {MAX_MARKDOWN:,} allowed (about 15,000 words)",
        SPLIT_IT,
    )


# From the start of a word only, so that each character is read once.
LONG_WORD = re.compile(rf"(?<!\S)\S{{{MAX_WORD + 1},}}")


def long_word(text: str) -> str | None:
    """The first run of more than MAX_WORD characters without a space, if any."""
    found = LONG_WORD.search(text) if len(text) > MAX_WORD else None
    return found.group() if found else None


def word_what(word: str) -> str:
    return (
        f"has a word of {len(word):,} characters ('{word[:20]}…'), more than the {MAX_WORD:,} any word "
        "or web address needs"
    )


WORD_FIX = "put spaces between its words, or shorten the address (or link to it with a few words)"


def word_excess(text: str) -> Excess | None:
    if long_word(text) is None:
        return None
    for index, line in enumerate(lines_of(text)):
        if word := long_word(line):
            return Excess(index, word_what(word), WORD_FIX)
    return None


# What opens a level at the start of a line: a '>' quote marker, or a list marker followed by a space.
NESTING_MARK = re.compile(r">|(?:[-*+]|\d{1,9}[.)])(?=[ \t])")
INDENT = re.compile(r"[ \t]*")
DEEP_OPENING = re.compile(rf"^[ \t>*+\-.)0-9]{{{MAX_NESTING + 1},}}", re.MULTILINE)


def nesting_of(line: str) -> int:
    """How deep a line's quote and list markers, and its indentation (four columns a level), nest it."""
    markers = columns = position = 0
    while True:
        space = INDENT.match(line, position)
        assert space is not None  # it matches the empty string
        # One space after a marker separates it from what follows; any more is indentation.
        columns += max(len(space.group().expandtabs(4)) - (1 if markers else 0), 0)
        marker = NESTING_MARK.match(line, space.end())
        if marker is None:
            return markers + columns // 4
        markers += 1
        position = marker.end()


def nesting_excess(text: str) -> Excess | None:
    # Each character of a line's opening run of markers and spaces adds a level at most.
    if not DEEP_OPENING.search(text):
        return None
    for index, line in enumerate(lines_of(text)):
        depth = nesting_of(line)
        if depth > MAX_NESTING:
            return Excess(
                index,
                f"nests lists, quotes or indentation {depth:,} levels deep, more than the {MAX_NESTING} "
                "allowed",
                "remove the extra '>' marks, list markers or leading spaces",
            )
    return None


TABLE_DELIMITER_CHARACTERS = frozenset("|-: \t")


def is_table_delimiter(line: str) -> bool:
    """A row such as |---|:--:| under a table's header (a set test: a pattern would backtrack on spaces)."""
    return "|" in line and "-" in line and set(line) <= TABLE_DELIMITER_CHARACTERS


def cells_of(line: str) -> int:
    return len(re.split(r"(?<!\\)\|", line.strip().strip("|"))) if "|" in line else 0


def table_excess(text: str) -> Excess | None:
    """Rows of more than MAX_TABLE_COLUMNS cells, or more than MAX_TABLE_CELLS cells in all tables."""
    if "|" not in text:
        return None
    cells = 0
    for block in blocks(lines_of(text)):
        if not any(is_table_delimiter(line) for line in block.lines):
            continue
        for offset, line in enumerate(block.lines):
            columns = cells_of(line)
            if columns > MAX_TABLE_COLUMNS:
                return Excess(
                    block.first + offset,
                    f"has a table row of {columns:,} columns, more than the {MAX_TABLE_COLUMNS} allowed",
                    "split the table, or publish the data elsewhere and link to it",
                )
            cells += columns
            if cells > MAX_TABLE_CELLS:
                return Excess(
                    block.first + offset,
                    f"has tables of more than {MAX_TABLE_CELLS:,} cells in all",
                    "keep the figures a journalist needs, and publish the full data elsewhere and link to it",
                )
    return None


BRACKET_CHARACTER = re.compile(r"[\[\]()\\]")


def bracket_excess(text: str) -> Excess | None:
    """Per paragraph: '[' never closed by ']', and '](' never closed by ')', each read to its end."""
    # Fewer '[' than the deepest nesting allowed cannot go over either limit.
    if text.count("[") <= MAX_BRACKET_DEPTH:
        return None
    for block in blocks(lines_of(text)):
        paragraph = block.text
        brackets: list[int] = []
        destinations: list[int] = []  # the parenthesis depth at which each open '](' closes
        parentheses = deepest = 0
        escaped = -1  # the position a backslash escapes
        for match in BRACKET_CHARACTER.finditer(paragraph):
            position, character = match.start(), match.group()
            if position == escaped:
                continue
            if character == "\\":
                escaped = position + 1
            elif character == "[":
                brackets.append(position)
                deepest = max(deepest, len(brackets))
            elif character == "]" and brackets:
                brackets.pop()
            elif character == "(":
                parentheses += 1
                if position and paragraph[position - 1] == "]":
                    destinations.append(parentheses - 1)
                    deepest = max(deepest, len(destinations))
            elif character == ")":
                parentheses -= 1
                while destinations and parentheses <= destinations[-1]:
                    destinations.pop()
        unclosed = len(brackets) + len(destinations)
        where = block.first + paragraph.count("\n", 0, min([*brackets, *destinations, len(paragraph)]))
        if unclosed > MAX_UNCLOSED_BRACKETS:
            return Excess(
                where,
                f"has {unclosed:,} '[' or '](' in one paragraph that are never closed, more than the "
                f"{MAX_UNCLOSED_BRACKETS} Markdown can read in reasonable time",
                "close each '[' with ']' and each '](' with ')', or write a bracket that stands alone as \\[",
            )
        if deepest > MAX_BRACKET_DEPTH:
            return Excess(
                block.first,
                f"has brackets nested {deepest:,} deep in one paragraph, more than the {MAX_BRACKET_DEPTH} "
                "allowed",
                "remove the extra brackets",
            )
    return None


# '<' that Markdown reads as the start of HTML: a tag, an end tag, a comment, CDATA or a declaration.
TAG_START = re.compile(r"<[A-Za-z/!?]")


def tag_excess(text: str) -> Excess | None:
    if "<" not in text:
        return None
    unclosed = [
        index
        for index, line in enumerate(lines_of(text))
        for match in TAG_START.finditer(line)
        if ">" not in line[match.end() :]
    ]
    if len(unclosed) <= MAX_UNCLOSED_TAGS:
        return None
    return Excess(
        unclosed[0],
        f"has {len(unclosed):,} '<' that start HTML tags not closed by '>' on their line, more than the "
        f"{MAX_UNCLOSED_TAGS} Markdown can read in reasonable time",
        "write '<' in text as &lt;, or close each tag with '>'",
    )


def too_many(text: str, mark: re.Pattern, limit: int) -> tuple[int, int] | None:
    """(how many, the line of the first beyond `limit`) when `mark` is found more than `limit` times."""
    found = [index for index, line in enumerate(lines_of(text)) for _ in mark.finditer(line)]
    return (len(found), found[limit]) if len(found) > limit else None


ABBREVIATION = re.compile(r"^[ \t]*\*\[[^\]]*\][ \t]*:")


def abbreviation_excess(text: str) -> Excess | None:
    """Markdown looks for every abbreviation across the whole text."""
    if text.count("*[") <= MAX_ABBREVIATIONS or not (over := too_many(text, ABBREVIATION, MAX_ABBREVIATIONS)):
        return None
    return Excess(
        over[1],
        f"defines {over[0]:,} abbreviations (*[…]: lines), more than the {MAX_ABBREVIATIONS} allowed",
        "keep the abbreviations a reader needs explained",
    )


FOOTNOTE_MARK = re.compile(r"\[\^")


def footnote_excess(text: str) -> Excess | None:
    """Each repeated reference to one footnote is numbered by counting the ones before it."""
    if text.count("[^") <= MAX_FOOTNOTE_MARKS or not (
        over := too_many(text, FOOTNOTE_MARK, MAX_FOOTNOTE_MARKS)
    ):
        return None
    return Excess(
        over[1],
        f"has {over[0]:,} footnote references and notes ([^…), more than the {MAX_FOOTNOTE_MARKS} allowed",
        "keep the footnotes a reader needs",
    )


def raw_html_excess(text: str) -> Excess | None:
    """HTML tags written in the text nest as deep as they are written (Markdown reads `markdown="1"`
    blocks within each other by recursion)."""
    return html_excess(text) if "<" in text else None


# Characters that start Markdown's inline formatting, HTML, entities or smart quotes.
MARKUP = re.compile(r"[*_`\[\]<>&!\\~\"'()]")


def markup_excess(text: str) -> Excess | None:
    # No paragraph is longer than the text, so this bounds the work; for a release it is far below.
    if len(MARKUP.findall(text)) * len(text) <= MAX_MARKUP_WORK:
        return None
    work = 0
    for block in blocks(lines_of(text)):
        text = block.text
        work += len(MARKUP.findall(text)) * len(text)
        if work > MAX_MARKUP_WORK:
            return Excess(
                block.first,
                f"is too dense with formatting for Markdown to read in reasonable time (from this paragraph "
                f"on: {work:,} units of work, more than the {MAX_MARKUP_WORK:,} allowed)",
                "split long paragraphs, and remove formatting and symbols pasted in by mistake",
            )
    return None


MARKDOWN_CHECKS: tuple[Callable[[str], Excess | None], ...] = (
    size_excess,
    word_excess,
    nesting_excess,
    table_excess,
    bracket_excess,
    tag_excess,
    abbreviation_excess,
    footnote_excess,
    raw_html_excess,
    markup_excess,
)


def markdown_excesses(text: str) -> list[Excess]:
    """Every limit a Markdown text (a body, notes to editors) goes over, each at its first place."""
    return [excess for check in MARKDOWN_CHECKS if (excess := check(text))]


# An opening or a closing tag, in HTML written in a text or rendered from it.
# (The name must end at a space, '/' or '>': `<https://example.org>` is a link, not an element.)
ELEMENT_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")
# Elements that never hold others, and those a browser closes when the next one opens (a list item,
# a paragraph, a table cell): none of them makes the HTML deeper.
FLAT_ELEMENTS = frozenset(
    (
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
    )
)


def html_depth(html: str) -> int:
    """How many elements deep rendered HTML goes (counting an element left open as open)."""
    depth = deepest = 0
    for closing, name, self_closed in ELEMENT_TAG.findall(html):
        if name.lower() in FLAT_ELEMENTS or self_closed:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def html_excess(html: str) -> Excess | None:
    depth = html_depth(html)
    if depth <= MAX_HTML_DEPTH:
        return None
    return Excess(
        0,
        f"nests formatting or HTML elements {depth:,} deep, more than the {MAX_HTML_DEPTH} allowed",
        "remove the extra emphasis marks or HTML tags around the text",
    )
