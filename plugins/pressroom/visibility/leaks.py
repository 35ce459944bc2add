"""After a build, search every output file for what identifies a release that is not yet public.

What identifies it: its address, its slug where it names a path, its source file's name, the names of
files only it uses, and its distinctive passages (long sentences of its body, standfirst and quotes, and
its title when that is more than a phrase). A passage a public page or the directories also contain
(a topic's name used as a title, boilerplate shared with an older release) identifies nothing, so it is
not searched for: the scan must not stop every publish until an embargo passes.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote_plus

import ahocorasick

from pressroom.content_model.model import Release

TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".xsl", ".ics", ".js", ".css", ".webmanifest", ""}
# Fewer words than this make ordinary phrases ("Read the full statement.") rather than a release's own;
# only whole sentences count, since a list item or a by-line is built from shared directory entries.
PASSAGE_MIN_WORDS = 8
TITLE_MIN_WORDS = 3

# A comment's text is in the file for anyone who views the source, so only its markers go.
TAG = re.compile(r"<!--|-->|<[^>]*>")
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|td|th|figcaption|dd|dt|pre)>|<br\s*/?>", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"\w+")
QUERY_VALUE = re.compile(r"[?&;][\w.-]+=([^\"'&\s<>]+)")
TYPOGRAPHY = {
    "‘": "'",
    "’": "'",
    "‚": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "\xa0": " ",
}


@dataclass(frozen=True)
class Leak:
    output_file: str
    release: str
    found: str
    withdrawn: bool = False

    def __str__(self) -> str:
        if self.withdrawn:
            return (
                f"{self.output_file}: contains {self.found} of the withdrawn release {self.release}, which "
                "may appear only on its own page and in the notices of its withdrawal"
            )
        return (
            f"{self.output_file}: contains {self.found} of the release that is not yet public, {self.release}"
        )


@dataclass(frozen=True)
class Hidden:
    """A release kept out of this build, or withdrawn, with what would identify it if it leaked."""

    release: Release
    url: str
    passages: tuple[str, ...] = ()  # readable() forms
    files: tuple[str, ...] = ()  # static files, relative to the content folder, that only it uses
    # A public page, listing or directory entry has the slug as a segment of its address ("family-hubs",
    # "news", "index"), or the site has this very address (a draft revision of a live release keeps it):
    # then it identifies nothing, as a title the public pages share identifies nothing.
    public_slug: bool = False
    public_address: bool = False
    # A withdrawn release's page stays, with its notice; it may appear there and in `may_appear_in` only.
    withdrawn: bool = False
    may_appear_in: frozenset[str] = frozenset()  # output paths


def readable(text: str) -> str:
    """Text as a reader sees it, however a template, feed or JSON file wrote it: no tags or entities,
    straight quotes, single spaces, one case."""
    text = html.unescape(TAG.sub("", text))
    if "<" in text:  # HTML inside a feed or JSON value was escaped twice
        text = html.unescape(TAG.sub("", text))
    # One str.replace per mark: several times faster than str.translate with a table over long pages.
    for mark, plain in TYPOGRAPHY.items():
        text = text.replace(mark, plain)
    return " ".join(text.casefold().split())


def sentences(rendered_html: str) -> list[str]:
    """The readable sentences of some HTML, never joined across a paragraph or list item."""
    found = []
    for block in BLOCK_END.split(rendered_html):
        found += [sentence for sentence in SENTENCE_END.split(readable(block)) if sentence]
    return found


def distinctive_passages(release: Release, body_html: str, public_text: str) -> tuple[str, ...]:
    """Long sentences of the release's own text, and its title, that no public source also contains."""
    candidates = sentences(body_html) + sentences(html.escape(release.summary))
    for quote in release.quotes:
        candidates += sentences(html.escape(quote.text))
    passages = [
        sentence
        for sentence in candidates
        if sentence.endswith((".", "!", "?")) and len(WORD.findall(sentence)) >= PASSAGE_MIN_WORDS
    ]
    title = readable(html.escape(release.title))
    if len(WORD.findall(title)) >= TITLE_MIN_WORDS:
        passages.insert(0, title)
    return tuple(dict.fromkeys(passage for passage in passages if passage not in public_text))


def path_segments(addresses: Iterable[str]) -> frozenset[str]:
    """Every segment of the addresses, also cut short at each dot (`all.atom.xml` gives `all` and
    `all.atom` too), as the slug's pattern finds a slug before a dot."""
    segments: set[str] = set()
    for address in addresses:
        for segment in address.split("/"):
            parts = segment.split(".")
            segments.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
    segments.discard("")
    return frozenset(segments)


def file_name_pattern(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.-]){re.escape(name)}(?![\w.-])")


def exact_needles(hidden: Hidden) -> list[tuple[str, str, re.Pattern]]:
    """(what, literal, pattern) searched in each output file's path and raw text; a file without the
    literal cannot match the pattern, and a substring test is far cheaper than the pattern."""
    release = hidden.release
    # A bare slug can be an ordinary word ("update"), so it counts only where it names a path or value.
    slug = rf"(?:^|(?<=[/\"'])){re.escape(release.slug)}(?=[/.\"'?#]|$)"
    source_name = Path(release.source_path).name
    found = [] if hidden.public_slug else [("the slug", release.slug, re.compile(slug, re.MULTILINE))]
    found.append(("the source file's name", source_name, file_name_pattern(source_name)))
    address = hidden.url.strip("/")
    if address and not hidden.public_address:
        # Not inside a longer address: releases/2022/care-review is not releases/2022/care-review-response.
        found.append(("the address", address, re.compile(rf"{re.escape(address)}(?![\w-])")))
    for name in hidden.files:
        found.append((f"the file {name}", Path(name).name, file_name_pattern(Path(name).name)))
    return found


def file_text(path: Path) -> str:
    if path.suffix not in TEXT_SUFFIXES:
        return ""
    raw = path.read_text("utf-8", errors="replace")
    if path.suffix == ".json":
        try:
            return "\n".join(strings_in(json.loads(raw)))
        except ValueError:
            return raw
    return raw


def strings_in(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def readable_forms(raw: str) -> list[str]:
    """The file's text as read, and the values of its links' queries (share links carry titles and quotes)."""
    forms = [readable(raw)]
    if "%" in raw:
        forms.append(readable("\n".join(unquote_plus(value) for value in QUERY_VALUE.findall(raw))))
    return forms


def automaton(words: Iterable[str]) -> ahocorasick.Automaton | None:
    """An Aho-Corasick automaton finding every one of `words` in one pass over a text."""
    found = ahocorasick.Automaton()
    for word in words:
        found.add_word(word, word)
    if not len(found):
        return None
    found.make_automaton()
    return found


def words_in(text: str, words: ahocorasick.Automaton | None) -> set[str]:
    return {word for _, word in words.iter(text)} if words is not None and text else set()


Found = list[tuple[str, str]]


def find_leaks(
    output: Path,
    hidden: list[Hidden],
    remembered: Callable[[str, Callable[[], Found]], Found] = lambda text, search: search(),
) -> list[Leak]:
    """Every output file that identifies a hidden release, in its path or its text.

    Each file is read once and searched once for every literal and passage of every hidden release
    together (Aho-Corasick); only a literal found is then checked against its stricter pattern.
    `remembered(text, search)` may answer for a text searched before for the same hidden releases.
    """
    if not hidden:
        return []
    needles = [(item, exact_needles(item)) for item in hidden]
    passages = [(item, passage) for item in hidden for passage in item.passages]
    literals = automaton(literal for _, patterns in needles for _, literal, _ in patterns)
    sentences = automaton(passage for _, passage in passages)

    def search_text(raw: str) -> Found:
        found: Found = []
        in_text = words_in(raw, literals)
        for item, patterns in needles:
            found += [
                (item.release.source_path, what)
                for what, literal, pattern in patterns
                if literal in in_text and pattern.search(raw)
            ]
        if passages and raw:
            quoted = set().union(*(words_in(form, sentences) for form in readable_forms(raw)))
            found += [
                (item.release.source_path, f"the passage “{passage}”")
                for item, passage in passages
                if passage in quoted
            ]
        return found

    withdrawn = {item.release.source_path: item for item in hidden if item.withdrawn}
    leaks: list[Leak] = []
    for path in sorted(p for p in Path(output).rglob("*") if p.is_file()):
        relative = path.relative_to(output).as_posix()
        in_path = words_in(relative, literals)
        for item, patterns in needles:
            leaks += [
                Leak(relative, item.release.source_path, what)
                for what, literal, pattern in patterns
                if literal in in_path and pattern.search(relative)
            ]
        raw = file_text(path)
        found = remembered(raw, functools.partial(search_text, raw))
        leaks += [Leak(relative, source, what) for source, what in found]
    return list(
        dict.fromkeys(
            replace(leak, withdrawn=True) if leak.release in withdrawn else leak
            for leak in leaks
            if leak.release not in withdrawn or leak.output_file not in withdrawn[leak.release].may_appear_in
        )
    )


def needles_digest(hidden: list[Hidden]) -> str:
    """What the scan looks for, as text: the memo of a scan holds only for the same hidden releases."""
    return repr([(item.release.source_path, exact_needles(item), item.passages) for item in hidden])
