"""Check a whole site's sources without building it: every problem in every file, in one pass."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path

from pelican.paginator import Paginator
from pelican.urlwrappers import Category, Tag

from pressroom.content_model.content_files import files_under, is_ignored
from pressroom.content_model.decision import decide_fields
from pressroom.content_model.loading import context_from_settings, is_page, load_source
from pressroom.content_model.model import Page, Release
from pressroom.content_model.outputs import (
    PLUGINS,
    BesidePage,
    Output,
    beside_pages,
    declared_folders,
    declared_outputs,
    folder_holding,
    plugins_on,
    written_by,
)
from pressroom.content_model.problems import Problem, shown_path
from pressroom.content_model.reader import HeldBack, planned_article, planned_page
from pressroom.content_model.schema import readable_release, visibility_values
from pressroom.content_model.site import LIVE_BUILD_SETTING, site_of
from pressroom.content_model.times import in_full

from .content_folder import (
    file_link_problems,
    misplaced_source_problems,
    missing_link_target_problems,
    static_file_problems,
)

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
    """Symbolic links in content/ that loop or lead outside it, and files that are no regular file:
    problems, and the paths to avoid.

    Pelican follows links while it walks content/, so a loop would never end, and a link to a file
    outside would publish that file under an innocent name; reading a named pipe waits for ever, so a
    scheduled publish would hang holding its lock. An editor's lock link (Emacs's `.#name.md`, which leads
    nowhere) is one of the files every walk passes over.
    """
    root = root.resolve()
    problems, refused = [], set()
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if not is_ignored(name, settings)]
        for name in [*folders, *files]:
            if is_ignored(name, settings):
                continue
            link = Path(folder) / name
            if name in files and not link.is_symlink() and not link.is_file():
                problems.append(
                    Problem(
                        shown_path(link),
                        None,
                        "file",
                        "is not a regular file (a named pipe, a socket or a device), which a build would "
                        "wait on for ever",
                        "delete it",
                    )
                )
                refused.add(str(link))
                continue
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


# A paginated listing: what it lists, the setting that places it, its first page's save_as and url, and
# how many releases it lists.
Listing = tuple[str, str, str, str, int]


def plugin_listings(public: list[Release], settings: dict, directory) -> list[Listing]:
    """The paginated listings the listings plugin writes: per person, and per campaign with releases."""
    if "pressroom.listings" not in plugins_on(settings):
        return []
    listings = []
    site = site_of(settings)
    for person_id in directory.people if directory else ():
        count = sum(any(person.id == person_id for person in release.people_named) for release in public)
        listings.append(
            (
                f"page of {person_id}",
                "SPOKESPERSON_SAVE_AS",
                site.person_save_as(person_id),
                site.person_path(person_id),
                count,
            )
        )
    for campaign_id in directory.campaigns if directory else ():
        count = sum(bool(release.campaign and release.campaign.id == campaign_id) for release in public)
        if not count:
            continue  # a campaign has its page from its first public release, as a topic does
        listings.append(
            (
                f"page of campaign {campaign_id}",
                "CAMPAIGN_SAVE_AS",
                site.campaign_save_as(campaign_id),
                site.campaign_path(campaign_id),
                count,
            )
        )
    return listings


def pelican_listings(public: list[Release], settings: dict) -> list[Listing]:
    """The paginated listings Pelican writes: the paginated direct templates (the home page), one per
    type and topic with a public release, and one per year."""
    site = site_of(settings)
    paginated = settings.get("PAGINATED_TEMPLATES") or {}
    listings: list[Listing] = []
    for template in settings.get("DIRECT_TEMPLATES", []):
        if template in paginated:
            setting = f"{template.upper()}_SAVE_AS"
            listings.append((template, setting, settings.get(setting, f"{template}.html"), "", len(public)))
    by_type: dict[str, int] = defaultdict(int)
    by_topic: dict[tuple, int] = defaultdict(int)
    for release in public:
        by_type[release.type.plural] += 1
        for topic in release.topics:
            by_topic[(topic.name, topic.id)] += 1
    for name, count in by_type.items():
        category = Category(name, settings)
        listings.append((f"listing of {name}", "CATEGORY_SAVE_AS", category.save_as, category.url, count))
    for (name, topic_id), count in by_topic.items():
        tag = Tag(name, settings)
        tag.slug = topic_id
        listings.append((f"listing of topic {topic_id}", "TAG_SAVE_AS", tag.save_as, tag.url, count))
    years = sorted({release.published for release in public}, key=lambda date: date.year)
    for year, dates in groupby(years, key=lambda date: date.year):
        first = next(dates)
        count = sum(release.published.year == year for release in public)
        listings.append(
            (
                f"archive of {year}",
                "YEAR_ARCHIVE_SAVE_AS",
                site.options.year_archive_save_as.format(date=first),
                site.options.year_archive_url.format(date=first),
                count,
            )
        )
    return listings


@dataclass(frozen=True)
class OldAddress:
    """A redirect page that entry `number` of a release's or page's `previous_urls` asks for: that entry,
    and not the release or page already at the address, is what a collision there must blame."""

    source: str
    number: int
    address: str

    def __str__(self) -> str:
        return f"the redirect from {self.address} in {self.source}"


@dataclass(frozen=True)
class BesideFile:
    """A file a plugin writes beside a release's page, named after it: the release's slug is to blame
    for where it lands."""

    source: str
    beside: BesidePage

    def __str__(self) -> str:
        return (
            f"the {self.beside.what} of {self.source} ({written_by(self.beside.writer, self.beside.setting)})"
        )


# What writes a planned file: a release or page (its source path), a redirect, a file beside a release's
# page, or a file the settings put there (a plugin's, Pelican's, a listing's).
Writer = str | OldAddress | BesideFile | Output


def plan_redirects(outputs: dict[str, list[Writer]], source: str, previous_urls: tuple[str, ...]) -> None:
    for number, previous in enumerate(previous_urls, start=1):
        # plugins/listings writes a redirect page there; it must not hide a page that exists.
        redirect = f"{previous}index.html" if previous.endswith("/") else previous
        outputs[redirect].append(OldAddress(source, number, previous))


def planned_outputs(
    releases: list[Release], pages: list[Page], settings: dict, directory=None
) -> dict[str, list[Writer]]:
    """Every file the build will write outside the plugins' folders, with what writes it: content, the
    files beside releases' pages, listings, and every file the registry of outputs declares."""
    outputs: dict[str, list[Writer]] = defaultdict(list)
    public = [release for release in releases if release.status == "published"]
    beside = beside_pages(settings)
    # A withdrawn release keeps its page and its earlier addresses, but leaves every listing.
    for release in (release for release in releases if release.status != "draft"):
        article = planned_article(release, settings)
        outputs[article.save_as].append(release.source_path)
        plan_redirects(outputs, release.source_path, release.previous_urls)
        if release.status == "published":
            for kind in beside:
                path = kind.path(release, article.save_as)
                if path:
                    outputs[path].append(BesideFile(release.source_path, kind))
    for page in pages:
        if page.status == "published":
            outputs[planned_page(page, settings).save_as].append(page.source_path)
            plan_redirects(outputs, page.source_path, page.previous_urls)
    declared = declared_outputs(settings)
    folders = [output for output in declared if output.is_folder]
    for output in declared:
        # Inside its own folder a plugin's file is its own business; anything else there is a mistake.
        folder = folder_holding(output.path, folders)
        if not output.is_folder and (folder is None or folder.writer != output.writer):
            outputs[output.path].append(output)

    listings = [*pelican_listings(public, settings), *plugin_listings(public, settings, directory)]
    for what, setting, save_as, url, count in listings:
        if not save_as:
            continue
        per_page = site_of(settings).options.page_size or None
        paginator = Paginator(save_as, url, list(range(count)), settings, per_page)
        for number in paginator.page_range:
            page_save_as = paginator.page(number).save_as
            if number == 1:
                outputs[page_save_as].append(Output(page_save_as, what, setting=setting))
            else:
                label = f"{what}, page {number}"
                outputs[page_save_as].append(Output(page_save_as, label, setting="PAGINATION_PATTERNS"))
    return outputs


def source_of(writer: Writer) -> str | None:
    """The release or page to blame for a planned file, when content put it there."""
    if isinstance(writer, str):
        return writer
    if isinstance(writer, OldAddress | BesideFile):
        return writer.source
    return None


def movable(*writers: Writer) -> Output | None:
    """Of two settings' outputs on one file, the one a setting can move: an address setting, not PLUGINS
    (nor the pagination patterns, which have their own fix)."""
    fixed = (PLUGINS, 'CMS["enabled"]', "PAGINATION_PATTERNS")
    return next((w for w in writers if isinstance(w, Output) and w.setting not in fixed), None)


def collision_problems(outputs: dict[str, list[Writer]]) -> list[Problem]:
    """Two things writing one file lose one of them silently; name both, and blame a source when one is:
    an old address first, since a redirect must never take the place of a page."""
    problems = []
    for output, writers in sorted(outputs.items()):
        sources = [writer for writer in writers if isinstance(writer, str | BesideFile)]
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
                        "remove it, or correct it to an address it really had",
                    )
                )
            elif sources:
                blamed = other if other in sources else sources[-1]
                partner = first if blamed != first else other
                what = f" (its {blamed.beside.what})" if isinstance(blamed, BesideFile) else ""
                which = "one of them" if source_of(partner) else "it"
                problems.append(
                    Problem(
                        str(source_of(blamed)),
                        None,
                        "slug",
                        f"writes {output}{what}, which {partner} also writes",
                        f"give {which} a different title or 'slug:', or change the URL settings",
                    )
                )
            elif (misplaced := movable(other, first)) is not None:
                partner = first if misplaced is other else other
                problems.append(
                    Problem(
                        "pelicanconf.py",
                        None,
                        misplaced.setting,
                        f"puts {misplaced.what} at {output}, which {partner} also writes",
                        f"give {misplaced.what} an address of its own",
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
    # Three writers of one file can blame the same source twice.
    return list(dict.fromkeys(problems))


def folder_problem(writer: Writer, path: str, folder: Output) -> Problem:
    """Something other than a folder's plugin would write inside the folder, which is the plugin's alone."""
    inside = f"{path}, inside {folder.path}, the folder of {folder}"
    if isinstance(writer, OldAddress):
        return Problem(
            writer.source,
            None,
            f"previous_urls[{writer.number}]",
            f"'{writer.address}' would put a redirect at {inside}",
            "remove it, or correct it to an address it really had",
        )
    if isinstance(writer, Output):
        return Problem(
            "pelicanconf.py",
            None,
            writer.setting,
            f"puts {writer.what} at {inside}",
            f"give it an address outside {folder.path}",
        )
    what = f"its {writer.beside.what}" if isinstance(writer, BesideFile) else "its page"
    return Problem(
        str(source_of(writer)),
        None,
        "slug",
        f"puts {what} at {inside}",
        f"give it another 'slug:' ({folder.path} is for {folder.what} alone)",
    )


def folder_problems(outputs: dict[str, list[Writer]], folders: list[Output]) -> list[Problem]:
    """Every planned file inside a plugin's folder (which holds none of the plugin's own), once per source
    and folder: a release's page and the files beside it are one mistake."""
    problems: dict[tuple, Problem] = {}
    for path, writers in sorted(outputs.items()):
        folder = folder_holding(path, folders)
        if folder is None:
            continue
        for writer in writers:
            problem = folder_problem(writer, path, folder)
            problems.setdefault((problem.path, problem.field, folder.path), problem)
    return list(problems.values())


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
    moment = in_full(held.until, timezone)
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


def future_withdrawal_problems(release: Release, document, now: dt.datetime) -> list[Problem]:
    """A withdrawal takes a release down at the next publish, so a date after today would print a
    notice saying it was withdrawn on a day still to come."""
    withdrawal = release.withdrawn
    if withdrawal is None:
        return []
    today = now.astimezone(withdrawal.date.tzinfo).date()
    if withdrawal.date.date() <= today:
        return []
    return [
        Problem(
            release.source_path,
            document.line_of(("withdrawn", "date")),
            "withdrawn.date",
            f"is {withdrawal.date:%-d %B %Y}, after today ({today:%-d %B %Y}): the release is taken down at "
            "the next publish, and its notice would say it was withdrawn on a day still to come",
            f"give the day it was withdrawn, today ({today.isoformat()}) or earlier",
        )
    ]


def check_site(settings: dict, unsaved: dict[Path, str] | None = None) -> SiteCheck:
    """Validate every release and page, the directories, and the output paths they would produce;
    `unsaved` gives sources as an editor holds them (absolute path: text), read instead of the file."""
    unsaved = unsaved or {}
    result = SiteCheck()
    context, result.problems = context_from_settings(settings)
    links, refused = link_problems(Path(settings["PATH"]), settings)
    result.problems += links
    article_files = source_files(settings, "ARTICLE_PATHS", refused)
    page_files = source_files(settings, "PAGE_PATHS", refused)
    for path in set(unsaved) - {*article_files, *page_files}:
        (page_files if is_page(path, settings) else article_files).append(path)
    result.problems += unread_file_problems(article_files + page_files)
    result.problems += misplaced_source_problems(settings, refused)
    result.problems += static_file_problems(settings, refused)
    now = site_of(settings).now
    for path in article_files + page_files:
        if path.suffix not in READ_EXTENSIONS:
            continue
        item, document, problems = load_source(path, settings, context, unsaved.get(path))
        if item is None:
            held = held_back(path, document, problems, settings, context, now) if document else None
            if held:
                result.held_back[shown_path(path)] = held
                problems = [*due_soon_problems(held, now, site_of(settings).options.timezone), *problems]
        else:
            result.sources[str(path.resolve())] = (item, document)
        if isinstance(item, Release):
            problems = [*problems, *future_withdrawal_problems(item, document, now)]
            result.releases.append(item)
        elif isinstance(item, Page):
            result.pages.append(item)
        result.problems += problems
    result.problems += file_link_problems(result.sources, settings)
    result.problems += missing_link_target_problems(result.sources, settings)
    outputs = planned_outputs(result.releases, result.pages, settings, context.directory)
    result.problems += collision_problems(outputs)
    result.problems += folder_problems(outputs, declared_folders(settings))
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
