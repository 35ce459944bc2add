"""A build that reuses what earlier builds kept (Markdown, sanitising and the other memos, social cards, PDFs,
the search index) writes exactly what a build from nothing writes, after any sequence of edits.

Hypothesis draws sequences of the edits a press office makes (a body, a title, a date, a topic, a person in
people.yaml, the theme, a setting, an embargo lifting as the clock moves on, a release deleted, renamed,
turned back into a draft or withdrawn); after each, the site is built twice at the same moment: once with
the cache every earlier build of the sequence left, once from nothing. Every file must be byte for byte
the same, so nothing kept from before the edit (a hidden release above all) survives it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from support.site import ROOT, SAMPLE_CONTENT, build

from benchmarks.corpus import write_corpus
from pressroom.content_model.front_matter import read_document

# Enough for pagination, related releases and several listings per topic; a few hundred would take CI's
# two cores longer than the three minutes this test may have.
RELEASES = 40
# Every synthetic release is dated by the end of 2023; the clock starts before the embargoed one lifts.
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
EMBARGOED = "embargoed.md"
EMBARGO = START + dt.timedelta(days=1)
TOPICS = ("family-hubs", "perinatal-mental-health", "early-years-policy")


def every_file(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def rewrite(path: Path, change) -> None:
    """Change a release's fields (`change(data)`) and write it back as `invoke new` lays one out."""
    document = read_document(path.read_text(encoding="utf-8"))
    data = dict(document.data)
    change(data)
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path.write_text(f"---\n{front}---\n{document.body}", encoding="utf-8")


@dataclass
class Site:
    """A synthetic archive, its own copy of the theme, and what each build is given."""

    folder: Path
    clock: dt.datetime = START
    sitename: str = "Parent-Infant Foundation"
    builds: int = 0
    edits: list[str] = field(default_factory=list)

    @property
    def content(self) -> Path:
        return self.folder / "pressroom"

    @property
    def theme(self) -> Path:
        return self.folder / "theme"

    def releases(self) -> list[Path]:
        return sorted((self.content / "releases").glob("*.md"))

    def release(self, number: int) -> Path:
        found = self.releases()
        return found[number % len(found)]

    def build(self, output: str, cache: Path) -> Path:
        self.builds += 1
        return build(
            self.content,
            self.folder / output,
            CACHE_PATH=str(cache),
            PRESSROOM_NOW=self.clock.isoformat(),
            THEME=str(self.theme),
            SITENAME=self.sitename,
        )


def make_site(folder: Path) -> Site:
    site = Site(folder)
    write_corpus(folder, RELEASES)
    shutil.rmtree(folder / "baseline")
    shutil.copytree(SAMPLE_CONTENT / "pages", site.content / "pages")
    shutil.copytree(ROOT / "theme", site.theme, ignore=shutil.ignore_patterns("__pycache__"))
    embargoed = site.content / "releases" / EMBARGOED
    shutil.copy(site.content / "releases" / "1.md", embargoed)

    def embargo(data: dict) -> None:
        data.update(title="Embargoed until the clock moves on", slug="embargoed-release")
        data.update(date="2026-11-30", embargo=EMBARGO.isoformat())

    rewrite(embargoed, embargo)
    return site


# Each edit: what it does to the site, given a number to pick a release or make a change its own.
def edit_body(site: Site, number: int) -> None:
    path = site.release(number)
    path.write_text(
        path.read_text(encoding="utf-8") + f"\nA sentence added by edit {number}.\n", encoding="utf-8"
    )


def edit_title(site: Site, number: int) -> None:
    rewrite(site.release(number), lambda data: data.update(title=f"{data['title']} (retitled {number})"))


def edit_date(site: Site, number: int) -> None:
    def earlier(data: dict) -> None:
        day = dt.date.fromisoformat(str(data["date"])) - dt.timedelta(days=1 + number % 5)
        data["date"] = day.isoformat()
        if "embargo" in data:
            data.pop("embargo")

    rewrite(site.release(number), earlier)


def edit_topic(site: Site, number: int) -> None:
    rewrite(site.release(number), lambda data: data.update(topics=[TOPICS[number % len(TOPICS)]]))


def edit_person(site: Site, number: int) -> None:
    people = site.content / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(
        text.replace("role: Deputy Chief Executive", f"role: Deputy Chief Executive {number}", 1)
    )


def edit_theme(site: Site, number: int) -> None:
    base = site.theme / "templates" / "base.html"
    text = base.read_text(encoding="utf-8")
    base.write_text(text.replace("</body>", f"<!-- theme edit {number} -->\n</body>", 1), encoding="utf-8")


def edit_setting(site: Site, number: int) -> None:
    site.sitename = f"Parent-Infant Foundation {number}"


def move_clock(site: Site, number: int) -> None:
    """The clock moves on a day or more: the embargoed release goes public at the second move."""
    site.clock += dt.timedelta(days=1, hours=number % 12)


def delete_release(site: Site, number: int) -> None:
    if len(site.releases()) > 3:
        site.release(number).unlink()


def rename_release(site: Site, number: int) -> None:
    path = site.release(number)
    path.rename(path.with_name(f"renamed-{number}-{path.name}"))


def turn_into_draft(site: Site, number: int) -> None:
    rewrite(site.release(number), lambda data: data.update(status="draft"))


def withdraw(site: Site, number: int) -> None:
    def withdrawn(data: dict) -> None:
        if data.get("status") != "draft":
            data.update(
                status="withdrawn",
                withdrawn={"date": "2026-11-01", "reason": f"The figures were wrong (edit {number})."},
            )

    rewrite(site.release(number), withdrawn)


EDITS = (
    edit_body,
    edit_title,
    edit_date,
    edit_topic,
    edit_person,
    edit_theme,
    edit_setting,
    move_clock,
    delete_release,
    rename_release,
    turn_into_draft,
    withdraw,
)


# Every edit once, in an order and on releases Hypothesis draws: one sequence per run (two builds a step),
# a new one each run; a sequence that fails is printed to be replayed.
EDIT_SEQUENCES = st.tuples(
    st.permutations(EDITS), st.lists(st.integers(0, 10_000), min_size=len(EDITS), max_size=len(EDITS))
)


@settings(
    max_examples=1,
    deadline=None,
    database=None,
    # No shrinking: each step is two builds, and the failing sequence is named in the assertion.
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=EDIT_SEQUENCES)
def test_after_any_edits_a_build_from_the_cache_equals_a_build_from_nothing(tmp_path_factory, sequence):
    site = make_site(tmp_path_factory.mktemp("incremental"))
    kept = site.folder / "cache"
    site.build("first", kept)
    for step, (edit, number) in enumerate(zip(*sequence, strict=True)):
        edit(site, number)
        site.edits.append(f"{edit.__name__}({number})")
        incremental = every_file(site.build(f"incremental-{step}", kept))
        clean = every_file(site.build(f"clean-{step}", site.folder / f"empty-cache-{step}"))
        assert sorted(incremental) == sorted(clean), site.edits
        differing = sorted(name for name in clean if incremental[name] != clean[name])
        assert differing == [], f"after {', '.join(site.edits)}: {differing[:10]}"
