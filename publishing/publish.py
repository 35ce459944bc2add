"""Publish: build with the production settings, check, and only then replace the live site.

Every publish is kept in `.publish/builds/` with a history, so `rollback` can put the previous
one back on any target, once it has checked that the earlier build shows nothing the current content
holds back. One publish or rollback runs at a time (a lock in `.publish/`), and each run first tidies
what an interrupted one left behind.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pressroom.content_model.clock import NOW_SETTING, ClockError, parse_moment
from pressroom.content_model.decision import Visibility, decide
from pressroom.content_model.problems import shown_path
from pressroom.content_model.reader import HELD_BACK_SETTING, HeldBack
from pressroom.content_model.settings import options_from
from pressroom.content_model.site import LIVE_BUILD_SETTING, site_of
from pressroom.content_model.storage import disk_error
from pressroom.visibility import PUBLIC_KEY, hidden_releases
from pressroom.visibility.leaks import find_leaks

from .addresses import Addresses, removed_addresses, served_addresses
from .build import build_into, settings_for
from .checks import check_build
from .targets import DeployError, Progress, share_unchanged, target_from_settings, tree_digest

STORE_FOLDER = ".publish"
KEEP_BUILDS = 5
BUILD_NAME_FORMAT = "%Y%m%dT%H%M%S.%fZ"


class PublishFailed(SystemExit):
    """Ends `invoke publish` with status 1 and every reason, leaving the live site untouched."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join([*problems, f"{len(problems)} problem(s): nothing was published."]))
        self.problems = problems


class PublishRefused(SystemExit):
    """Ends `invoke publish` or `invoke rollback` with status 1 and one sentence saying why."""


@contextmanager
def stopped_on_disk_errors(command: str, outcome: str) -> Iterator[None]:
    """A refused read or write (a full disk, a read-only folder) ends the command with a sentence: which
    file, why, and `outcome`, what that means for the live site."""
    try:
        yield
    except OSError as error:
        raise PublishRefused(
            f"The {command} stopped: {disk_error(error)}. Make room on the disk, or make the folder "
            f"writable, and run it again. {outcome}"
        ) from None


class HeldBackAtItsMoment(SystemExit):
    """Ends `invoke publish` with status 1 once everything else is published: a release whose moment has
    come has mistakes, so it was held back. Names it and each mistake, so a scheduled run's mail says so."""

    def __init__(self, outcome: Outcome, held: list[HeldBack]):
        lines = [outcome.message]
        for item in held:
            title = f" (“{item.release.title}”)" if item.release.title else ""
            lines.append(
                f"{item.release.source_path}{title} is due to go public, but was held back because of "
                f"{len(item.problems)} mistake(s):"
            )
            lines += [f"  {problem}" for problem in item.problems]
        lines.append(
            "Fix them and publish again: it goes public at the first publish after that, and until then "
            "every publish ends in failure."
        )
        super().__init__("\n".join(lines))
        self.outcome = outcome


@dataclass(frozen=True)
class Outcome:
    name: str
    deployed: bool
    message: str


def new_build_name(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime(BUILD_NAME_FORMAT)


def when_built(name: str) -> str:
    """'24 November 2026, 21:30 UTC' for a build's name, as a person reads it."""
    try:
        moment = dt.datetime.strptime(name, BUILD_NAME_FORMAT)
    except ValueError:
        return name
    return f"{moment:%-d %B %Y, %H:%M:%S} UTC"


class BuildStore:
    """The builds that have been published, oldest first, kept for rollback."""

    def __init__(self, root: Path):
        self.root = root
        self.builds = root / "builds"
        self.history_file = root / "history.json"
        self.rollback_file = root / "rolled-back.json"
        # Builds published with a moved clock: kept to compare with, never put back by a rollback.
        self.unrestorable_file = root / "unrestorable.json"
        # Which source file made each address of each kept build (publishing/addresses.py).
        self.addresses_folder = root / "addresses"
        self.lock_file = root / "lock"

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store for one publish or rollback; a second one at the same time is refused."""
        self.builds.mkdir(parents=True, exist_ok=True)
        with open(self.lock_file, "a+", encoding="utf-8") as held:
            try:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                held.seek(0)
                holder = held.read().strip() or "another process"
                raise PublishRefused(
                    f"Another publish or rollback is running ({holder}), so this one stopped without "
                    "changing anything. Run it again when that one has finished; a scheduled publish "
                    "simply tries again at its next run."
                ) from None
            held.seek(0)
            held.truncate()
            held.write(f"process {os.getpid()}, started {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M:%S} UTC")
            held.flush()
            try:
                yield
            finally:
                held.truncate(0)
                fcntl.flock(held, fcntl.LOCK_UN)

    def history(self) -> list[str]:
        if not self.history_file.exists():
            return []
        return json.loads(self.history_file.read_text("utf-8"))

    def write_json(self, path: Path, value) -> None:
        """Write whole or not at all: an interrupted write never leaves a half file behind."""
        partial = path.with_name(path.name + ".partial")
        partial.write_text(json.dumps(value, indent=1), "utf-8")
        os.replace(partial, path)

    def record(self, history: list[str]) -> None:
        kept = history[-KEEP_BUILDS:]
        self.write_json(self.history_file, kept)
        for build in self.builds.iterdir():
            if build.name not in kept and not build.name.startswith("."):
                shutil.rmtree(build)
        if self.addresses_folder.is_dir():
            for record in self.addresses_folder.iterdir():
                if record.name.removesuffix(".partial").removesuffix(".json") not in kept:
                    record.unlink()
        unrestorable = self.unrestorable()
        if unrestorable - set(kept):
            self.write_json(self.unrestorable_file, sorted(unrestorable & set(kept)))

    def unrestorable(self) -> set[str]:
        try:
            return set(json.loads(self.unrestorable_file.read_text("utf-8")))
        except (OSError, ValueError, TypeError):
            return set()

    def mark_unrestorable(self, name: str) -> None:
        self.write_json(self.unrestorable_file, sorted({*self.unrestorable(), name}))

    def addresses(self, name: str) -> Addresses | None:
        """The addresses a kept build serves, or None for a build published before they were kept."""
        try:
            addresses = json.loads((self.addresses_folder / f"{name}.json").read_text("utf-8"))["addresses"]
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if not isinstance(addresses, dict) or not all(isinstance(v, str) for v in addresses.values()):
            return None
        return addresses

    def keep_addresses(self, name: str, addresses: Addresses) -> None:
        self.addresses_folder.mkdir(exist_ok=True)
        self.write_json(self.addresses_folder / f"{name}.json", {"addresses": addresses})

    def current(self) -> Path | None:
        history = self.history()
        return self.builds / history[-1] if history else None

    def tidy(self, progress: Progress) -> None:
        """Clean up after an interrupted publish: unfinished builds, an unreadable history."""
        unfinished = [path for path in self.builds.iterdir() if path.name.endswith(".partial")]
        for path in unfinished:
            shutil.rmtree(path)
        if unfinished:
            progress(f"Removed {len(unfinished)} unfinished build(s) left by an interrupted publish.")
        kept = sorted(path.name for path in self.builds.iterdir() if not path.name.startswith("."))
        try:
            history = self.history()
            if not isinstance(history, list) or not all(isinstance(name, str) for name in history):
                raise ValueError("it is not a list of build names")
        except ValueError as error:
            self.write_json(self.history_file, kept)
            progress(
                f"{self.history_file} could not be read ({error}), so it was rebuilt from the "
                f"{len(kept)} kept build(s)."
            )
            return
        known = [name for name in history if name in kept]
        if known != history:
            self.write_json(self.history_file, known)
            progress(f"Forgot {len(history) - len(known)} publish(es) whose builds are no longer kept.")

    def rolled_back_from(self) -> list[dict]:
        """The builds rollbacks took down ({"build", "digest"}, oldest first), while they stay down."""
        try:
            taken_down = json.loads(self.rollback_file.read_text("utf-8"))
        except (OSError, ValueError):
            return []
        # One rollback's record, as versions before two rollbacks in a row were remembered wrote it.
        return [taken_down] if isinstance(taken_down, dict) else taken_down

    def remember_rollback(self, build: str, digest: str) -> None:
        self.write_json(self.rollback_file, [*self.rolled_back_from(), {"build": build, "digest": digest}])

    def forget_rollback(self) -> None:
        self.rollback_file.unlink(missing_ok=True)


def publishing_clock(
    at: str | None,
    moved_clock: bool,
    now: dt.datetime,
    progress: Progress,
    environ=os.environ,
    timezone: str = "UTC",
) -> dt.datetime:
    """The real time, unless a moved clock was both given and confirmed."""
    if not at:
        if environ.get("SOURCE_DATE_EPOCH"):
            progress(
                "SOURCE_DATE_EPOCH is set, but publishing ignores it: embargoes are judged against the "
                f"real time, {now:%Y-%m-%d %H:%M} UTC."
            )
        return now
    try:
        moment = parse_moment(at, timezone)
    except ClockError as error:
        raise PublishRefused(f"--at {error}. Nothing was published.") from None
    if not moved_clock:
        raise PublishRefused(
            f"--at {at} would publish the live site as if it were that moment, not now: embargoes would "
            "lift early or stay in force late. To see the site at a moment, use `invoke preview --at` or "
            "`invoke build --at`. To publish with a moved clock all the same, add --moved-clock. "
            "Nothing was published."
        )
    progress(
        f"WARNING: publishing to the LIVE site as if it were {moment.isoformat()}, not the real time "
        f"({now:%Y-%m-%d %H:%M} UTC)."
    )
    return moment


def early_releases(settings: dict, now: dt.datetime) -> list[str]:
    """Releases this build makes public although the real time has not reached their embargo or date."""
    return [
        f"{release.source_path} ({release.title})"
        for release in settings.get(PUBLIC_KEY, [])
        if not decide(release, now).public
    ]


def current_content(config, staging: Path, clock: dt.datetime, content, live: Path | None) -> dict:
    """Build the content as it is now into `staging`, judged at `clock`; return the build's settings.

    A release with mistakes whose moment has come is held back unless its page is in the `live` build."""
    override = {NOW_SETTING: clock.isoformat()}
    if content:
        override["PATH"] = str(Path(content).resolve())
    if live and live.exists():
        override[LIVE_BUILD_SETTING] = str(live)
    return build_into(staging, config, **override)


def held_back_state(visibility: Visibility) -> str:
    """What the content now says of a release that a build must not show, in words."""
    if visibility.reason == "draft":
        return "is a draft now"
    assert visibility.until is not None, "decide() gives every held-back or withdrawn release its moment"
    if visibility.withdrawn:
        return f"was withdrawn on {visibility.until:%-d %B %Y}"
    when = f"{visibility.until:%-d %B %Y, %H:%M %Z}"
    return f"is embargoed until {when}" if visibility.reason == "embargoed" else f"is scheduled for {when}"


def held_back_shown(build: Path, settings: dict, now: dt.datetime) -> list[str]:
    """Each release the content of a finished build (its `settings`) holds back or withdrew that the
    earlier `build` shows, with why and where, as a line for a person to read."""
    hidden = hidden_releases(settings)
    found: dict[str, list[str]] = {}
    for leak in find_leaks(build, hidden):
        found.setdefault(leak.release, []).append(leak.output_file)
    lines = []
    for item in hidden:
        files = list(dict.fromkeys(found.get(item.release.source_path, [])))
        if not files:
            continue
        state = held_back_state(decide(item.release, now))
        where = ", ".join(files[:3]) + (f" and {len(files) - 3} more file(s)" if len(files) > 3 else "")
        lines.append(
            f"  {item.release.source_path} (“{item.release.title}”) {state}; that build has it in {where}"
        )
    return lines


def deleted_shown(earlier: Addresses | None, settings: dict) -> list[str]:
    """Each release or page whose source file has been deleted since the build whose `earlier` addresses
    these are, that the content as it is now (its `settings`) serves nowhere: deleting a file takes its
    release down as surely as making it a draft, so a rollback must not bring it back either. A file
    renamed or moved with its address kept is still served, and is not named."""
    if earlier is None:
        return []
    root = Path(settings["PATH"])
    served = served_addresses(settings)
    gone: dict[str, list[str]] = {}
    for address, source in earlier.items():
        if address not in served and not (root / source).exists():
            gone.setdefault(source, []).append(address)
    return [
        f"  {shown_path(root / source)} has been deleted; that build has it at /{', /'.join(addresses)}"
        for source, addresses in sorted(gone.items())
    ]


def publish(
    config: str | Path = "publishconf.py",
    target=None,
    store: BuildStore | None = None,
    at: str | None = None,
    progress: Progress = print,
    content: Path | None = None,
    moved_clock: bool = False,
    undo_rollback: bool = False,
) -> Outcome:
    """Build, check and deploy; any failure before the deploy leaves the live site as it was."""
    root = Path(config).resolve().parent
    store = store or BuildStore(root / STORE_FOLDER)
    now = dt.datetime.now(dt.UTC)
    options = options_from(settings_for(config))
    if target is None:
        # Before building: a target that cannot be used is said at once, not after the build.
        try:
            target = target_from_settings(options.publish_target, root)
        except DeployError as error:
            raise PublishRefused(str(error)) from None
    timezone = options.timezone if at else "UTC"
    clock = publishing_clock(at, moved_clock, now, progress, timezone=timezone)
    with (
        stopped_on_disk_errors("publish", "Nothing was published: the live site is as it was."),
        store.lock(),
    ):
        store.tidy(progress)
        outcome, settings = publish_locked(
            config, target, store, clock, now, progress, content, undo_rollback
        )
    held = [item for item in settings.get(HELD_BACK_SETTING, {}).values() if item.reason == "due"]
    if held:
        raise HeldBackAtItsMoment(outcome, held)
    return outcome


def publish_locked(
    config, target, store, clock, now, progress, content, undo_rollback
) -> tuple[Outcome, dict]:
    """The publish itself, run while holding the store's lock; with the settings of the build it made."""
    root = Path(config).resolve().parent
    name = new_build_name(now)
    staging = store.builds / f".{name}.partial"
    try:
        progress("Building with " + str(config))
        live = store.current()
        settings = current_content(config, staging, clock, content, live)
        figures, problems = check_build(staging, site_of(settings).url)
        served = served_addresses(settings)
        live_addresses = store.addresses(live.name) if live else None
        removed, taken_down = (
            removed_addresses(live_addresses, served, settings) if live_addresses is not None else ([], [])
        )
        problems += [str(problem) for problem in removed]
        if problems:
            raise PublishFailed(problems)
        progress(
            f"Checked {figures['pages']} pages, {figures['links']} internal links and "
            f"{figures['machine_files']} feeds, sitemaps and JSON files"
        )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for early in early_releases(settings, now):
        progress(f"WARNING: {early} goes public before its time.")
    build = store.builds / name
    staging.rename(build)
    digest = tree_digest(build)
    try:
        target = target or target_from_settings(site_of(settings).options.publish_target, root)
        live_matches = target.matches(build)
        if live_matches is None:
            current = store.current()
            live_matches = current is not None and current.exists() and tree_digest(current) == digest
        if live_matches:
            if live and live_addresses is None and live.exists() and tree_digest(live) == digest:
                # The same content as the live build made before addresses were kept: now they are.
                store.keep_addresses(live.name, served)
            shutil.rmtree(build)
            return Outcome(
                name, False, "Nothing has changed since the last publish: the live site stays."
            ), settings
        rolled_back = store.rolled_back_from()
        same = [item for item in rolled_back if item.get("digest") == digest]
        shown = held_back_shown(live, settings, clock) if same and live and live.exists() else []
        if same and not undo_rollback and not shown:
            shutil.rmtree(build)
            return Outcome(
                name,
                False,
                f"The live site was rolled back from this same build (published "
                f"{when_built(same[-1]['build'])}), so it stays rolled back until the content changes. "
                "To put this build back live anyway, run `invoke publish --undo-rollback`.",
            ), settings
        if live and live_addresses is None:
            progress(
                f"The live publish ({when_built(live.name)}) has no record of the addresses it serves (it "
                "was made before publishes kept them), so this one could not check that every live address "
                "stays; the next one will."
            )
        for line in taken_down:
            progress(line)
        with stopped_on_disk_errors("publish", "The target may hold part of this build."):
            # Only a build that goes live is kept: its unchanged files become the last build's own.
            if live is not None and live.is_dir():
                share_unchanged(build, live)
            target.deploy(build, name, progress)
    except (DeployError, PublishRefused) as error:
        shutil.rmtree(build, ignore_errors=True)
        raise PublishRefused(str(error)) from None
    live_unrecorded = f"{name} is live, but not in the history, so a rollback would not know of it."
    with stopped_on_disk_errors("publish", live_unrecorded):
        store.keep_addresses(name, served)
        store.record([*store.history(), name])
        if clock != now:
            store.mark_unrestorable(name)
    if rolled_back:
        store.forget_rollback()
        if same and shown:
            why = "\n".join(shown)
            return Outcome(
                name,
                True,
                f"Published {name} in place of the rollback of {when_built(same[-1]['build'])}: the "
                f"rolled-back site showed what the content now holds back, so it could not stay live.\n{why}",
            ), settings
        return Outcome(
            name,
            True,
            f"Published {name}; it replaces the rollback of {when_built(rolled_back[-1]['build'])}.",
        ), settings
    return Outcome(name, True, f"Published {name}."), settings


def rollback(
    config: str | Path = "publishconf.py",
    target=None,
    store: BuildStore | None = None,
    progress: Progress = print,
    content: Path | None = None,
) -> Outcome:
    """Put the previously published build back live, and hold it there until the content changes.

    First the content as it is now is built at the real time: the earlier build is put back only if it
    shows none of the releases that content holds back or withdrew."""
    root = Path(config).resolve().parent
    store = store or BuildStore(root / STORE_FOLDER)
    now = dt.datetime.now(dt.UTC)
    untouched = "The rollback did not happen: the live site is as it was."
    with stopped_on_disk_errors("rollback", untouched), store.lock():
        store.tidy(progress)
        history = store.history()
        if not history:
            raise PublishRefused(
                "Nothing has been published from here yet, so there is nothing to roll back."
            )
        unrestorable = store.unrestorable()
        restorable = [name for name in history[:-1] if name not in unrestorable]
        if not restorable:
            moved = (
                f" ({len(history) - 1} earlier one(s) were published with --moved-clock, and a rollback "
                "never puts those back)"
                if len(history) > 1
                else ""
            )
            raise PublishRefused(
                f"There is no earlier publish to roll back to: only the live one ({when_built(history[-1])}) "
                f"is kept{moved} (the last {KEEP_BUILDS} publishes are kept, and each rollback uses one up)."
            )
        live, previous = history[-1], restorable[-1]
        progress(
            f"Rolling back: putting back the publish of {when_built(previous)} in place of the one of "
            f"{when_built(live)}, once it is checked against the content as it is now."
        )
        skipped = history[history.index(previous) + 1 : -1]
        if skipped:
            progress(
                f"Skipping {len(skipped)} publish(es) made with --moved-clock: "
                + ", ".join(when_built(name) for name in skipped)
                + "."
            )
        staging = store.builds / f".check-{new_build_name(now)}.partial"
        try:
            settings = current_content(config, staging, now, content, store.builds / live)
        except SystemExit as stopped:
            raise PublishRefused(
                f"{stopped}\nThe rollback checks the earlier publish against the content as it is now, and "
                "that content cannot be built, so the rollback did not happen: the live site is unchanged."
            ) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        shown = held_back_shown(store.builds / previous, settings, now)
        shown += deleted_shown(store.addresses(previous), settings)
        if shown:
            raise PublishRefused(
                "\n".join(
                    [
                        f"Rollback refused: the publish of {when_built(previous)} shows releases the content "
                        f"now holds back (checked at {now:%-d %B %Y, %H:%M} UTC):",
                        *shown,
                        "The live site is unchanged. To put the content as it is now live, run "
                        "`invoke publish`; if a release should come back, restore its status (or its embargo "
                        "or date), or its deleted file (`git checkout` names it), and publish.",
                    ]
                )
            )
        try:
            target = target or target_from_settings(site_of(settings).options.publish_target, root)
            target.deploy(store.builds / previous, previous, progress)
        except DeployError as error:
            raise PublishRefused(f"{error} The rollback did not happen.") from None
        unrecorded = (
            f"The publish of {when_built(previous)} is live again, but the history could not record it."
        )
        with stopped_on_disk_errors("rollback", unrecorded):
            store.remember_rollback(live, tree_digest(store.builds / live))
            store.record(history[: history.index(previous) + 1])
    return Outcome(
        previous,
        True,
        f"Rolled back to the publish of {when_built(previous)}, which shows nothing the content now holds "
        "back. It stays live until the content changes: a scheduled `invoke publish` of the same content "
        "leaves it, and the next change of content is published as usual.",
    )
