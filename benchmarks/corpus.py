"""A synthetic archive of N releases made from the sample releases, in Pressroom and in plain Pelican form."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from pressroom.content_model.front_matter import read_document

SAMPLE = Path(__file__).resolve().parents[1] / "content"
# Releases are three days apart and the newest is dated before this, so every one is public at the
# benchmark's clock (2030) and at the real one, however many there are.
NEWEST_BY = dt.date(2023, 12, 31)
DAYS_APART = 3
FIRST_BY_DEFAULT = dt.date(2015, 1, 1)
# A word long enough to be a real word, not an article or a number.
WORD = re.compile(r"\b[A-Za-z]{6,}\b")


@dataclass(frozen=True)
class Release:
    """One synthetic release: its source file and the address of its page."""

    path: Path
    url: str


def sample_documents() -> list[tuple[dict, str]]:
    documents = []
    for path in sorted((SAMPLE / "releases").rglob("*.md")):
        document = read_document(path.read_text(encoding="utf-8"))
        documents.append((document.data, document.body))
    return documents


def own_body(body: str, number: int) -> str:
    """The sample body with a sentence of this release's own in each paragraph of prose: a real archive
    has no two bodies alike, and Pressroom remembers conversions by content, so repeats would flatter it."""
    paragraphs = body.split("\n\n")
    return "\n\n".join(
        f"{text} This is paragraph {index} of release {number}." if text[:1].isalpha() else text
        for index, text in enumerate(paragraphs)
    )


def release_date(number: int, count: int) -> dt.date:
    first = min(FIRST_BY_DEFAULT, NEWEST_BY - dt.timedelta(days=DAYS_APART * (count - 1)))
    return first + dt.timedelta(days=DAYS_APART * number)


def write_corpus(folder: Path, count: int) -> tuple[Path, Path]:
    """Write `count` releases twice: as Pressroom YAML front matter, and as Pelican's own metadata."""
    pressroom, baseline = folder / "pressroom", folder / "baseline"
    for target in (pressroom, baseline):
        shutil.rmtree(target, ignore_errors=True)
    (pressroom / "releases").mkdir(parents=True)
    (baseline / "releases").mkdir(parents=True)
    for name in ("people.yaml", "topics.yaml"):
        shutil.copy(SAMPLE / name, pressroom / name)
    documents = sample_documents()
    for number in range(count):
        data, body = documents[number % len(documents)]
        data, body = dict(data), own_body(body, number)
        day = release_date(number, count)
        data["title"] = f"{data['title']} ({number})"
        data["slug"] = f"release-{number}"
        data["date"] = day.isoformat()
        data.pop("embargo", None)
        front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        (pressroom / "releases" / f"{number}.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        topics = ", ".join(data.get("topics", []))
        summary = " ".join(str(data["summary"]).split())
        (baseline / "releases" / f"{number}.md").write_text(
            f"Title: {data['title']}\nDate: {day.isoformat()}\nSlug: release-{number}\n"
            f"Category: {data['type']}\nTags: {topics}\nSummary: {summary}\n\n{body}",
            encoding="utf-8",
        )
    return pressroom, baseline


def newest_release(content: Path, count: int) -> Release:
    """The newest release: it is on the home page and in every feed it belongs to, so an edit shows there."""
    number = count - 1
    return Release(
        content / "releases" / f"{number}.md", f"releases/{release_date(number, count):%Y}/release-{number}/"
    )


def change_a_word(text: str, word: str) -> str:
    """`text` with its first long word replaced by `word`, as a person correcting a typo would."""
    return WORD.sub(word, text, count=1)


def edit_release(path: Path, title_word: str, body_word: str) -> str:
    """Change a word of the release's title and a word of its first paragraph; returns the new title."""
    document = read_document(path.read_text(encoding="utf-8"))
    data = dict(document.data)
    data["title"] = change_a_word(data["title"], title_word)
    paragraphs = document.body.split("\n\n")
    prose = next(index for index, text in enumerate(paragraphs) if text[:1].isalpha())
    paragraphs[prose] = change_a_word(paragraphs[prose], body_word)
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    body = "\n\n".join(paragraphs)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return data["title"]
