"""A synthetic archive of N releases made from the sample releases, in Pressroom and in plain Pelican form."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from pressroom.content_model.front_matter import read_document

SAMPLE = Path(__file__).resolve().parents[1] / "content"


def sample_documents() -> list[tuple[dict, str]]:
    documents = []
    for path in sorted((SAMPLE / "releases").rglob("*.md")):
        document = read_document(path.read_text(encoding="utf-8"))
        documents.append((document.data, document.body))
    return documents


def write_corpus(folder: Path, count: int) -> tuple[Path, Path]:
    """Write `count` releases twice: as Pressroom YAML front matter, and as Pelican's own metadata."""
    import yaml

    pressroom, baseline = folder / "pressroom", folder / "baseline"
    for target in (pressroom, baseline):
        shutil.rmtree(target, ignore_errors=True)
    (pressroom / "releases").mkdir(parents=True)
    (baseline / "releases").mkdir(parents=True)
    for name in ("people.yaml", "topics.yaml"):
        shutil.copy(SAMPLE / name, pressroom / name)
    documents = sample_documents()
    start = dt.date(2015, 1, 1)
    for number in range(count):
        data, body = documents[number % len(documents)]
        data = dict(data)
        day = start + dt.timedelta(days=number * 3)
        data["title"] = f"{data['title']} ({number})"
        data["slug"] = f"release-{number}"
        data["date"] = day.isoformat()
        data.pop("embargo", None)
        if "event" in data:
            data["date"] = day.isoformat()
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
