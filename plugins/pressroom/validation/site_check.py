"""Check a whole site's sources without building it: every problem in every file, in one pass."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.contents import Page as PelicanPage
from pelican.paginator import Paginator
from pelican.urlwrappers import Category, Tag

from pressroom.content_model.content_files import files_under, is_ignored
from pressroom.content_model.decision import decide_fields
from pressroom.content_model.loading import context_from_settings, is_page, load_source
from pressroom.content_model.model import Page, Release
from pressroom.content_model.problems import Problem, shown_path
from pressroom.content_model.reader import HeldBack, planned_article
from pressroom.content_model.schema import readable_release, visibility_values
from pressroom.content_model.site import LIVE_BUILD_SETTING, site_of

from .content_folder import file_link_problems, misplaced_source_problems, static_file_problems

READ_EXTENSIONS = (".md",)


@dataclass
class SiteCheck:
    releases: list[Release] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # {absolute source path: (Release | Page, Document)} for every source that passed
    sources: dict = field(default_factory=dict)
    # {shown path: HeldBack}: broken releases that this build leaves out
    held_back: dict[str, HeldBack] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == "warning"]

    @property
    def due(self) -> dict[str, HeldBack]:
        """Broken releases whose moment has come, held back although they should be going public."""
        return {path: held for path, held in self.held_back.items() if held.reason == "due"}

    def for_public_build(self) -> SiteCheck:
        """A broken release nobody can see yet must not stop the others: its errors become warnings.

        It is left out of the build (the reader skips it) and still listed, so it is fixed before
        its embargo lifts (or, once it has, `invoke publish` ends in failure until it is); a preview,
        which would show it, keeps them as errors.
        """
        problems = [
            replace(problem, severity="warning") if problem.path in self.held_back else problem
            for problem in self.problems
        ]
        return replace(self, problems=problems)


def link_problems(root: Path, settings: dict) -> tuple[list[Problem], set[str]]:
    """Symbolic links in content/ that loop or lead outside it: problems, and the links to avoid.

    Pelican follows links while it walks content/, so a loop would never end, and a link to a file
    outside would publish that file under an innocent name. An editor's lock link (Emacs's `.#name.md`,
    which leads nowhere) is one of the files every walk passes over.
    """
    root = root.resolve()
    problems, refused = [], set()
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if not is_ignored(name, settings)]
        for name in [*folders, *files]:
            if is_ignored(name, settings):
                continue
            link = Path(folder) / name
            if not link.is_symlink():
                continue
            shown = shown_path(link)
            try:
                target = link.resolve(strict=True)
            except (OSError, RuntimeError):
                what = "is a link that loops back on itself or leads nowhere"
                problems.append(
                    Problem(shown, None, "file", what, "delete the link, or replace it with the file")
                )
                refused.add(str(link))
                continue
            if not target.is_relative_to(root):
                problems.append(
                    Problem(
                        shown,
                        None,
                        "file",
                        f"is a link to {target}, outside the content folder, "
                        "and nothing outside it is published",
                        "copy the file itself into content/ instead of linking to it",
                    )
                )
                refused.add(str(link))
            elif target.is_dir() and link.parent.resolve().is_relative_to(target):
                problems.append(
                    Problem(
                        shown,
                        None,
                        "file",
                        "is a link to a folder that contains it, so reading the folder would never end",
                        "delete the link",
                    )
                )
                refused.add(str(link))
    return problems, refused


def source_files(settings: dict, setting: str, refused: Set[str] = frozenset()) -> list[Path]:
    """Every file under the content folders named by `setting` as Pelican finds them (following links
    that stay inside content/), sorted so reports are stable."""
    root = Path(settings["PATH"])
    found: list[Path] = []
    for folder in settings.get(setting, []):
        base = root / folder
        # A single file is a source too, as it is to Pelican (`invoke serve` builds one release alone).
        if base.is_file() and str(base) not in refused:
            found.append(base)
        if not base.is_dir():
            continue
        found.extend(
            path for path in files_under(base, settings, follow_links=True, skip=refused) if path.is_file()
        )
    return sorted(set(found))


def unread_file_problems(paths: list[Path]) -> list[Problem]:
    """Pelican skips files it has no reader for; an author who saved `.markdown` must hear about it."""
    return [
        Problem(
            shown_path(path),
            None,
            "file",
            f"'{path.suffix or path.name}' files are not read",
            f"rename it to {path.stem}.md, or move it out of the content folder",
        )
        for path in paths
        if path.suffix not in READ_EXTENSIONS
    ]


# Pages written once per site by the plugins, by the setting that names each (and its default).
SITE_PAGES = (
    ("ARCHIVES_SAVE_AS", "archive/index.html", "the archive"),
    ("PRESS_OFFICE_SAVE_AS", "press-office/index.html", "the press office page"),
    ("PEOPLE_SAVE_AS", "people/index.html", "the people index"),
    ("NOT_FOUND_SAVE_AS", "404.html", "the page-not-found page"),
    ("PRESSROOM_SUBSCRIBE_SAVE_AS", "subscribe/index.html", "the subscribe page"),
    ("SEARCH_SAVE_AS", "search/index.html", "the search page"),
)
DISCOVERY_FILES = ("sitemap.xml", "news-sitemap.xml", "robots.txt")
# Files a plugin writes at the site's root, when that plugin is on.
PLUGIN_ROOT_FILES = {
    "pressroom.favicon": ("favicon.ico",),
    "pressroom.security_headers": ("_headers",),
    "pressroom.archive": ("releases.json", "releases.schema.json"),
}


def plugin_listings(public: list[Release], settings: dict, directory) -> list[tuple[str, str, str, int]]:
    """The paginated listings the listings plugin writes: per person, per campaign with releases, per year."""
    listings = []
    for person_id in directory.people if directory else ():
        count = sum(any(person.id == person_id for person in release.people_named) for release in public)
        url = settings.get("SPOKESPERSON_URL", "").format(id=person_id)
        listings.append(
            (
                f"page of {person_id}",
                settings.get("SPOKESPERSON_SAVE_AS", "").format(id=person_id),
                url,
                count,
            )
        )
    for campaign_id in directory.campaigns if directory else ():
        count = sum(bool(release.campaign and release.campaign.id == campaign_id) for release in public)
        if not count:
            continue  # a campaign has its page from its first public release, as a topic does
        url = settings.get("CAMPAIGN_URL", "").format(id=campaign_id)
        listings.append(
            (
                f"page of campaign {campaign_id}",
                settings.get("CAMPAIGN_SAVE_AS", "").format(id=campaign_id),
                url,
                count,
            )
        )
    years = sorted({release.published for release in public}, key=lambda date: date.year)
    for year, dates in groupby(years, key=lambda date: date.year):
        first = next(dates)
        count = sum(release.published.year == year for release in public)
        listings.append(
            (
                f"archive of {year}",
                settings.get("YEAR_ARCHIVE_SAVE_AS", "").format(date=first),
                settings.get("YEAR_ARCHIVE_URL", "").format(date=first),
                count,
            )
        )
    return listings


@dataclass(frozen=True)
class OldAddress:
    """A redirect page that entry `number` of a release's `previous_urls` asks for: that entry, and not
    the release or page already at the address, is what a collision there must blame."""

    source: str
    number: int
    address: str

    def __str__(self) -> str:
        return f"the redirect from {self.address} in {self.source}"


def planned_outputs(
    releases: list[Release], pages: list[Page], settings: dict, directory=None
) -> dict[str, list[str | OldAddress]]:
    """Every file the build will write for content, listings and site pages, with what writes it."""
    outputs: dict[str, list[str | OldAddress]] = defaultdict(list)
    public = [release for release in releases if release.status == "published"]
    # A withdrawn release keeps its page and its earlier addresses, but leaves every listing.
    for release in (release for release in releases if release.status != "draft"):
        article = planned_article(release, settings)
        outputs[article.save_as].append(release.source_path)
        for number, previous in enumerate(release.previous_urls, start=1):
            # plugins/listings writes a redirect page there; it must not hide a page that exists.
            redirect = f"{previous}index.html" if previous.endswith("/") else previous
            outputs[redirect].append(OldAddress(release.source_path, number, previous))
    for page in pages:
        if page.status == "published":
            pelican_page = PelicanPage(
                "", {"title": page.title, "slug": page.slug}, settings, page.source_path
            )
            outputs[pelican_page.save_as].append(page.source_path)

    listings: list[tuple[str, str, str, int]] = [("index", "index.html", "", len(public))]
    by_type: dict[str, int] = defaultdict(int)
    by_topic: dict[tuple, int] = defaultdict(int)
    for release in public:
        by_type[release.type.plural] += 1
        for topic in release.topics:
            by_topic[(topic.name, topic.id)] += 1
    for name, count in by_type.items():
        category = Category(name, settings)
        listings.append((f"listing of {name}", category.save_as, category.url, count))
    for (name, topic_id), count in by_topic.items():
        tag = Tag(name, settings)
        tag.slug = topic_id
        listings.append((f"listing of topic {topic_id}", tag.save_as, tag.url, count))
    listings += plugin_listings(public, settings, directory)
    for setting, default, what in SITE_PAGES:
        if settings.get(setting, default):
            outputs[settings.get(setting, default)].append(what)
    for name in DISCOVERY_FILES:
        outputs[name].append(f"the {name} file")
    for plugin, names in PLUGIN_ROOT_FILES.items():
        if plugin in settings.get("PLUGINS", []):
            for name in names:
                outputs[name].append(f"the {name} file")

    for what, save_as, url, count in listings:
        if not save_as:
            continue
        per_page = settings.get("DEFAULT_PAGINATION") or None
        paginator = Paginator(save_as, url, list(range(count)), settings, per_page)
        for number in paginator.page_range:
            page_save_as = paginator.page(number).save_as
            label = what if number == 1 else f"{what}, page {number}"
            outputs[page_save_as].append(label)
    return outputs


def collision_problems(outputs: dict[str, list[str | OldAddress]]) -> list[Problem]:
    """Two things writing one file lose one of them silently; name both, and blame a source when one is:
    an old address first, since a redirect must never take the place of a page."""
    problems = []
    for output, writers in sorted(outputs.items()):
        sources = [writer for writer in writers if isinstance(writer, str) and Path(writer).exists()]
        for other in writers[1:]:
            first = writers[0]
            redirects = [writer for writer in (other, first) if isinstance(writer, OldAddress)]
            if redirects:
                redirect = redirects[0]
                partner = first if redirect is other else other
                problems.append(
                    Problem(
                        redirect.source,
                        None,
                        f"previous_urls[{redirect.number}]",
                        f"'{redirect.address}' would put a redirect at {output}, which {partner} writes",
                        "remove it, or correct it to an address this release really had",
                    )
                )
            elif sources:
                blamed = other if other in sources else sources[-1]
                partner = first if blamed != first else other
                problems.append(
                    Problem(
                        blamed,
                        None,
                        "slug",
                        f"writes {output}, which {partner} also writes",
                        "give one of them a different title or 'slug:', or change the URL settings",
                    )
                )
            else:
                problems.append(
                    Problem(
                        "pelicanconf.py",
                        None,
                        "PAGINATION_PATTERNS",
                        f"{first} and {other} both write {output}",
                        "put '{number}' in the URL and SAVE_AS of every pattern from page 2 on",
                    )
                )
    return problems


def held_back(path: Path, document, problems, settings: dict, context, now) -> HeldBack | None:
    """Whether a broken release is left out of this public build, and why; None when it must stop the
    build instead: it would be shown, its page is live already, or what decides cannot be read.

    Whether its page is live is known only when `invoke publish` gives the live build; otherwise a
    broken release whose moment has come stops the build."""
    if is_page(path, settings):
        return None
    values = visibility_values(document, context)
    if any(value is None for value in values.values()):
        return None  # a status or date that cannot be read could mean public: it must block
    visibility = decide_fields(
        values.get("status", "published"), values.get("embargo"), values.get("date"), now
    )
    release = readable_release(document, shown_path(path), context)
    if release is None:
        return None
    if not visibility.public and not visibility.withdrawn:
        return HeldBack(visibility.reason, release, document, tuple(problems), visibility.until)
    live = settings.get(LIVE_BUILD_SETTING)
    if live and not (Path(live) / planned_article(release, settings).save_as).is_file():
        return HeldBack("due", release, document, tuple(problems))
    return None


# How far ahead `check` looks for releases with mistakes that are about to go public.
DUE_SOON = dt.timedelta(hours=24)


def due_soon_problems(held: HeldBack, now: dt.datetime, timezone: str) -> list[Problem]:
    """A warning when an embargoed or scheduled release with mistakes goes public within a day."""
    if held.until is None or held.until - now > DUE_SOON:
        return []
    name = "embargo" if held.reason == "embargoed" else "date"
    moment = held.until.astimezone(ZoneInfo(timezone)).strftime("%H:%M on %A %-d %B %Y (%Z)")
    return [
        Problem(
            held.release.source_path,
            held.document.line_of((name,)),
            name,
            f"it goes public at {moment}, within 24 hours, and still has the mistakes below",
            "fix them before then: from that moment it is held back, and every `invoke publish` "
            "ends in failure until they are fixed",
            severity="warning",
        )
    ]


def check_site(settings: dict) -> SiteCheck:
    """Validate every release and page, the directories, and the output paths they would produce."""
    result = SiteCheck()
    context, result.problems = context_from_settings(settings)
    links, refused = link_problems(Path(settings["PATH"]), settings)
    result.problems += links
    article_files = source_files(settings, "ARTICLE_PATHS", refused)
    page_files = source_files(settings, "PAGE_PATHS", refused)
    result.problems += unread_file_problems(article_files + page_files)
    result.problems += misplaced_source_problems(settings, refused)
    result.problems += static_file_problems(settings, refused)
    now = site_of(settings).now
    for path in article_files + page_files:
        if path.suffix not in READ_EXTENSIONS:
            continue
        item, document, problems = load_source(path, settings, context)
        if item is None:
            held = held_back(path, document, problems, settings, context, now) if document else None
            if held:
                result.held_back[shown_path(path)] = held
                problems = [*due_soon_problems(held, now, settings.get("TIMEZONE", "UTC")), *problems]
        else:
            result.sources[str(path.resolve())] = (item, document)
        if isinstance(item, Release):
            result.releases.append(item)
        elif isinstance(item, Page):
            result.pages.append(item)
        result.problems += problems
    result.problems += file_link_problems(result.sources, settings)
    outputs = planned_outputs(result.releases, result.pages, settings, context.directory)
    result.problems += collision_problems(outputs)
    return result


def report(result: SiteCheck) -> str:
    held_back = [problem for problem in result.problems if problem.path in result.held_back]
    due = [problem for problem in held_back if problem.path in result.due]
    not_yet = [problem for problem in held_back if problem.path not in result.due]
    blocking = [problem for problem in result.problems if problem.path not in result.held_back]
    lines = [str(problem) for problem in blocking if problem.severity == "warning"]
    lines += [str(problem) for problem in blocking if problem.severity == "error"]
    if not_yet:
        reasons = ", ".join(
            sorted({held.reason for held in result.held_back.values() if held.reason != "due"})
        )
        lines.append(
            f"Not public yet ({reasons}), so a public build leaves these out and goes on; "
            "fix them before they go public:"
        )
        lines += [f"  {problem}" for problem in not_yet]
    if due:
        lines.append(
            "Due to go public now, but held back because of these mistakes (everything else is published, "
            "and every publish ends in failure until they are fixed):"
        )
        lines += [f"  {problem}" for problem in due]
    files = len({problem.path for problem in result.errors})
    if result.errors:
        lines.append(f"{len(result.errors)} error(s) in {files} file(s): nothing was built.")
    elif held_back:
        files = len({problem.path for problem in held_back})
        lines.append(f"{len(held_back)} problem(s) in {files} release(s) left out of this build.")
    return "\n".join(lines)
