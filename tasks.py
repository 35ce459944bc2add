"""Pressroom tasks: `invoke --list` is the comms officer's manual."""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil
import signal
import sys
import tempfile
import tomllib
import zoneinfo
from pathlib import Path

from invoke import task

from publishing.build import build_and_replace

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
PREVIEW = ROOT / "preview"
# Advance copies of embargoed releases: beside output/, so no build or publish ever carries them.
ADVANCE = ROOT / "advance"


# Said when Ctrl+C stops a publish or a rollback: the switch is one step, so either build may be live.
INTERRUPTED = {
    "publish": "The publish was interrupted. Run `invoke publish` again: it puts the content as it is now "
    "live and finishes anything this one left undone (a folder or GitHub Pages target is switched in one "
    "step, so it never serves part of two publishes).",
    "rollback": "The rollback was interrupted. Run `invoke rollback` again to put the earlier publish back, "
    "or `invoke publish` to put the content as it is now live; either finishes anything this one left "
    "undone.",
}


def _config(name: str) -> Path:
    """Settings files are named relative to this project, wherever invoke is run from."""
    path = ROOT / name
    if not path.is_file():
        sys.exit(
            f"--config {name}: there is no such settings file in {ROOT}: give pelicanconf.py (the default) "
            "or publishconf.py (the public site's)."
        )
    return path


def _port(value, option: str = "--port") -> int:
    """A port to listen on, or the task ends with a sentence."""
    try:
        port = int(value)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        sys.exit(f"{option} {value}: a port is a whole number from 1 to 65535, such as 8000.")
    return port


def _port_in_use(port: int, option: str = "--port") -> str:
    return (
        f"Port {port} is already in use (by another `invoke serve`, `invoke edit` or `invoke preview "
        f"--serve`?): stop that, or pick another with {option}."
    )


def _free_port(value, option: str = "--port", host: str = "localhost") -> int:
    """A port nothing listens on yet, asked before anything is built; or the task ends with a sentence."""
    import socket

    port = _port(value, option)
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            sys.exit(_port_in_use(port, option))
    return port


def _clock(at: str, config: str = "pelicanconf.py") -> dict:
    """Settings override for `--at`: the moment every embargo and schedule is judged against."""
    from pressroom.content_model.clock import ClockError, parse_moment
    from pressroom.content_model.settings import options_from
    from publishing.build import settings_for

    if not at:
        return {}
    try:
        parse_moment(at, options_from(settings_for(_config(config))).timezone)
    except ClockError as error:
        sys.exit(f"--at {error}. Nothing was built.")
    return {"PRESSROOM_NOW": at}


def _live_sites() -> tuple[Path, ...]:
    """The folder `invoke publish` serves the public from, when it publishes to a folder."""
    from pressroom.content_model.settings import options_from
    from publishing.build import settings_for
    from publishing.targets import DeployError, FolderTarget, target_from_settings

    try:
        target = target_from_settings(
            options_from(settings_for(_config("publishconf.py"))).publish_target, ROOT
        )
    except DeployError:
        # A target `invoke publish` would refuse serves nothing yet; the publish itself says why.
        return ()
    return (target.path,) if isinstance(target, FolderTarget) else ()


@task(
    help={
        "config": "settings file: pelicanconf.py (default) or publishconf.py",
        "output": "output folder",
        "at": "build as if it were this moment, e.g. 2022-05-23T00:01 (UK time; default: now)",
    }
)
def build(c, config="pelicanconf.py", output=str(OUTPUT), at=""):
    """Build the site into output/ (checked first; a failed build leaves the old output as it was)."""
    build_and_replace(Path(output), _config(config), live=_live_sites(), **_clock(at, config))
    print(f"Built {output}")


@task(
    help={
        "at": "preview as if it were this moment (default: now)",
        "output": "preview folder",
        "serve": "then serve it at http://localhost:PORT/ until Ctrl+C",
        "port": "port to serve on with --serve (default 8000)",
    }
)
def preview(c, at="", output=str(PREVIEW), serve=False, port="8000"):
    """Build drafts and embargoed releases too, with a banner on each, into preview/ (never output/)."""
    from pressroom.content_model.storage import settled

    port = _free_port(port) if serve else _port(port)
    # Settled, not resolved: a link at the path itself is refused by the build, as any link is.
    target = settled(Path(output))
    for public in (OUTPUT, ROOT / "public"):
        if target.resolve() == public.resolve():
            sys.exit(f"{output} is where the public site is built: preview into another folder")
    build_and_replace(
        target, _config("pelicanconf.py"), live=_live_sites(), PRESSROOM_PREVIEW=True, **_clock(at)
    )
    if not serve:
        print(
            f"Preview built in {target}. To look at it, run `invoke preview --serve` and open "
            "http://localhost:8000/ (its pages link from the site's root, so opening the files from disk "
            "shows them unstyled)."
        )
        return
    from publishing.preview_server import PreviewServer

    print(f"Preview built in {target}: open http://localhost:{port}/ . Stop with Ctrl+C.", flush=True)
    server = PreviewServer()
    # livereload watches the working folder when told to watch nothing; the build marker never changes.
    server.watch(str(target / ".pressroom-build"))
    try:
        server.serve(host="localhost", port=port, root=str(target), open_url_delay=None)
    except OSError:
        # Taken while the preview was built.
        sys.exit(_port_in_use(port))


@task(help={"file": "the embargoed release, e.g. content/releases/2026/2026-12-03-my-release.md"})
def advance_copy(c, file):
    """Write an embargoed release's advance copy for journalists into advance/SLUG/: .txt, PDF and .eml."""
    from publishing.advance import write_advance_copy

    written = write_advance_copy(file, ADVANCE, _config("publishconf.py"))
    names = ", ".join(path.name for path in written.files)
    print(
        f"Advance copy written in {written.folder.relative_to(ROOT)}/: {names}. Open the .eml in your mail "
        f"program, add the journalists (as Bcc) and send it. Its subject: {written.subject}"
    )


@task(
    help={
        "at": "publish as if it were this moment instead of now: refused unless --moved-clock is also given",
        "moved-clock": "really publish the LIVE site with the clock --at gives (embargoes lift by it)",
        "undo-rollback": "put back the build the last rollback took down, though the content is the same",
    }
)
def publish(c, at="", moved_clock=False, undo_rollback=False):
    """Build with publishconf.py at the real time, check links, feeds and embargoes, then go live at once."""
    from publishing.publish import publish as publish_site

    try:
        outcome = publish_site(
            _config("publishconf.py"), at=at or None, moved_clock=moved_clock, undo_rollback=undo_rollback
        )
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED["publish"])
    print(outcome.message)


@task
def rollback(c):
    """Put the previous publish back live; it stays live until the content changes."""
    from publishing.publish import rollback as rollback_site

    try:
        outcome = rollback_site(_config("publishconf.py"))
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED["rollback"])
    print(outcome.message)


@task(
    help={
        "config": "settings file to check with",
        "links": "also build into a temporary folder and check every internal link and anchor",
        "github": "also print each problem as a GitHub annotation, shown on its line in a pull request",
    }
)
def check(c, config="pelicanconf.py", links=False, github=False):
    """Check every release, page and directory for mistakes (fast, without building); --links for links."""
    from pressroom.validation.annotations import github_annotations
    from pressroom.validation.site_check import check_site, report
    from publishing.build import settings_for

    result = check_site(settings_for(_config(config)))
    if result.problems:
        print(report(result), file=sys.stderr)
    if github and result.problems:
        print(github_annotations(result))
    if result.errors:
        sys.exit(1)
    print(f"Checked {len(result.releases)} releases and {len(result.pages)} pages: no errors.")
    if links:
        from pressroom.content_model.site import site_of
        from publishing.build import build_into
        from publishing.checks import check_build

        with tempfile.TemporaryDirectory() as folder:
            settings = build_into(Path(folder) / "site", _config(config))
            figures, problems = check_build(Path(folder) / "site", site_of(settings).url)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(
            f"Checked {figures['links']} internal links on {figures['pages']} pages: {len(problems)} broken."
        )
        if problems:
            sys.exit(1)


@task(
    help={
        "port": "port to serve on (default 8000)",
        "content": "the content folder to build and watch (default content/)",
    }
)
def serve(c, port="8000", content="content"):
    """Preview the site at http://localhost:8000: a saved release's page updates at once, the rest of
    the site (listings, feeds, search) a whole build later; the browser reloads after each."""
    from pressroom.content_model.storage import holds
    from publishing.build import refuse_unsafe_output
    from publishing.serve import Project
    from publishing.serve import serve as serve_site

    port = _free_port(port)
    project = Project(_config("pelicanconf.py"), (ROOT / content).resolve(), OUTPUT)
    if not project.content.is_dir():
        sys.exit(f"--content {content}: there is no such folder; give the folder the releases are in.")
    if holds(project.content, ROOT.resolve()):
        sys.exit(
            f"--content {content!r} is {project.content}, which holds the whole project (its settings, "
            "theme and output): give the folder the releases are in, such as content."
        )
    refuse_unsafe_output(OUTPUT, project.config, project.content, _live_sites())
    try:
        serve_site(project, port)
    except OSError:
        sys.exit(_port_in_use(port))


@task(
    help={
        "port": "port of the preview and the editor (default 8000)",
        "backend_port": "port the editor saves through (default 8081)",
    }
)
def edit(c, port="8000", backend_port="8081"):
    """Edit in the browser at http://127.0.0.1:8000/admin/; saving writes content/ and rebuilds preview/."""
    from pressroom.cms import local_backend
    from pressroom.cms.editing import Editing
    from pressroom.content_model.settings import options_from
    from pressroom.validation.site_check import check_site
    from publishing.build import settings_for
    from publishing.preview_server import PreviewServer

    port, backend_port = _port(port), _port(backend_port, "--backend-port")
    if port == backend_port:
        sys.exit(
            f"--port and --backend-port are both {port}: the preview and the editor's saves need a port each."
        )
    _free_port(port, host=local_backend.HOST)
    _free_port(backend_port, "--backend-port", host=local_backend.HOST)
    # A new key at each start: only the editor page served below carries it (in its config.yml).
    secret = local_backend.new_secret()
    cms = {
        **options_from(settings_for(_config("pelicanconf.py"))).cms,
        "enabled": True,
        "local_backend": local_backend.api_url(backend_port, secret),
    }

    def rebuild():
        try:
            build_and_replace(
                PREVIEW,
                _config("pelicanconf.py"),
                PRESSROOM_PREVIEW=True,
                PRESSROOM_SHOW_PROBLEMS=True,
                CMS=cms,
            )
        except SystemExit as stop:
            print(stop, file=sys.stderr)

    rebuild()
    editing = Editing(
        lambda: settings_for(_config("pelicanconf.py"), PRESSROOM_PREVIEW=True),
        check_site,
        ROOT,
    )
    backend = local_backend.start(
        ROOT / "cms", ROOT, backend_port, editor_port=port, secret=secret, editing=editing
    )

    # A stop from outside (kill, a service manager) ends the server the way Ctrl+C does, so decap-server
    # is stopped too, and its socket's folder removed: a second stop must not cut that short.
    def stop_once(number, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop_once)
    try:
        server = PreviewServer()
        for watched in ("content", "theme", "plugins", "pelicanconf.py"):
            server.watch(str(ROOT / watched), rebuild)
        print(
            f"Open http://{local_backend.HOST}:{port}/admin/ to edit; the site, drafts included, is at "
            f"http://{local_backend.HOST}:{port}/ . Stop with Ctrl+C."
        )
        try:
            server.serve(host=local_backend.HOST, port=port, root=str(PREVIEW), open_url_delay=None)
        except OSError:
            # Taken while the preview was built.
            sys.exit(_port_in_use(port))
    finally:
        local_backend.stop(backend)


def _event_start(kind: str, event_date: str, timezone: str):
    """When the event starts, from --event-date (YYYY-MM-DD, or YYYY-MM-DDTHH:MM); ends the task with a
    sentence when an event has none or the date cannot be read."""
    if kind != "event":
        if event_date:
            sys.exit(f"--event-date is only for events, and this is a {kind}: leave it out")
        return None
    if not event_date:
        sys.exit(
            "An event needs the day it takes place: add --event-date YYYY-MM-DD (or YYYY-MM-DDTHH:MM). "
            "The announcement itself is dated today."
        )
    from pressroom.content_model import fields
    from pressroom.content_model.problems import Invalid

    # Read as `check` reads the event's start, so a time that is not one is named as check would name it.
    try:
        fields.datetime(event_date, timezone)
    except Invalid as error:
        [(_, what, fix)] = error.findings[:1]
        sys.exit(f"--event-date {what} — {fix}")
    moment = dt.datetime.fromisoformat(event_date)
    return moment if "T" in event_date or " " in event_date.strip() else moment.date()


@task(
    help={
        "type": "press-release, policy-response, statement, news or event",
        "title": "the headline",
        "event_date": "for an event: the day it takes place, YYYY-MM-DD or YYYY-MM-DDTHH:MM",
    }
)
def new(c, type, title, event_date=""):
    """Start a new draft release of TYPE titled TITLE, dated today, with the fields its type needs.

    The release gets a `slug` made from the title, so retitling it later keeps its address. An event
    also needs --event-date: the announcement is dated today, the event on that day."""
    from pressroom.content_model.loading import context_from_settings
    from pressroom.content_model.scaffold import release_front_matter
    from pressroom.content_model.site import site_of
    from publishing.build import settings_for

    settings = settings_for(_config("pelicanconf.py"))
    context, _ = context_from_settings(settings)
    # Today in the office's time zone, on the clock every build reads: at 00:30 BST it is already
    # tomorrow in London, though not yet by the machine's UTC clock.
    today = site_of(settings).now.astimezone(zoneinfo.ZoneInfo(context.timezone)).date()
    try:
        relative, text = release_front_matter(
            type, title, today, context.slugify, _event_start(type, event_date, context.timezone)
        )
    except ValueError as error:
        sys.exit(str(error))
    target = Path(settings["PATH"]) / relative
    if target.exists():
        sys.exit(f"{target} already exists — choose another title, or edit that file")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(
        f"Created {target.relative_to(ROOT)} as a draft: fill it in, run `invoke check`, "
        "then set status: published"
    )


@task(
    iterable=["without"],
    help={
        "releases": "how many releases the synthetic archive holds (default 1000)",
        "repeats": "builds of each kind; the median is kept (default 1)",
        "json": "where to write the results (default benchmarks/results/bench-RELEASES.json)",
        "without": "leave this plugin out of Pressroom's builds to cost it (pressroom.search); repeatable",
    },
)
def bench(c, releases="1000", repeats="1", json="", without=None):
    """Time Pressroom's cold, one-edit and no-change builds and `invoke serve` beside plain Pelican."""
    counts = [str(count).strip() for count in (releases, repeats)]
    if not all(count.isdigit() and int(count) >= 1 for count in counts):
        sys.exit(
            "--releases and --repeats are counts: give 1 or more (by default 1000 releases, 1 build each)."
        )
    from benchmarks.run import run, table, write_results

    results = run(int(counts[0]), int(counts[1]), tuple(without or ()))
    print(table(results))
    print(f"Results written to {write_results(results, Path(json) if json else None)}")


# mutmut names a mutant after its file's path in the folder it runs in, less a leading `src/`: it runs in
# .mutation/, where the plugins are linked in as src/, so a mutant is named as its module is imported
# (pressroom.visibility.leaks…); the rest of the project is linked in beside them for the tests.
MUTATION = ROOT / ".mutation"
BESIDE_THE_PLUGINS = (
    "publishing",
    "tests",
    "theme",
    "content",
    "pyproject.toml",
    "pelicanconf.py",
    "publishconf.py",
    "tasks.py",
)
MUTATION_LINKS = {"src": "plugins"} | {name: name for name in BESIDE_THE_PLUGINS}
MUTATION_SCORE_REQUIRED = 0.9
MUTANT_MODULE = re.compile(r"(.+?)\.x[_ǁ]")


def _mutated_modules() -> list[str]:
    """The modules pyproject.toml's [tool.mutmut] only_mutate lists, by the names they are imported as."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    return [
        re.sub(r"^src/", "", path).removesuffix(".py").replace("/", ".") for path in config["only_mutate"]
    ]


def _lay_out_mutation_folder() -> None:
    for name, target in MUTATION_LINKS.items():
        link = MUTATION / name
        if not link.is_symlink():
            link.parent.mkdir(exist_ok=True)
            link.symlink_to(Path("..") / target)
    # Tests that copy the project (tests/support/site.py) take its plugins/: there, the mutated ones.
    (MUTATION / "mutants").mkdir(exist_ok=True)
    if not (MUTATION / "mutants" / "plugins").is_symlink():
        (MUTATION / "mutants" / "plugins").symlink_to("src")


def _mutation_results(listing: str, modules: list[str]) -> dict[str, dict[str, str]]:
    """`mutmut results --all true` as {module: {mutant: status}}, for the modules asked about."""
    results: dict[str, dict[str, str]] = {module: {} for module in modules}
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        found = MUTANT_MODULE.match(name)
        if found and found[1] in results:
            results[found[1]][name] = status
    return results


# A mutant that makes a test hang past mutmut's time limit is caught too: the run fails on it.
MUTANT_CAUGHT = ("killed", "timeout")


def _mutation_table(results: dict[str, dict[str, str]]) -> tuple[str, float]:
    """Caught mutants per module and in all, and the share caught; one not run (no test reached it, or
    the run stopped first) counts as not caught."""
    lines = [f"{'module':45} {'caught':>7} {'of':>5} {'score':>6}"]
    for name, statuses in results.items():
        caught = sum(status in MUTANT_CAUGHT for status in statuses.values())
        lines.append(f"{name:45} {caught:7} {len(statuses):5} {caught / max(len(statuses), 1):6.1%}")
    verdicts = [status for statuses in results.values() for status in statuses.values()]
    caught = sum(status in MUTANT_CAUGHT for status in verdicts)
    score = caught / max(len(verdicts), 1)
    lines.append(f"{'all':45} {caught:7} {len(verdicts):5} {score:6.1%}")
    return "\n".join(lines), score


@task(
    help={
        "module": "only this module, by its last name or whole (decision, pressroom.visibility.leaks)",
        "survivors": "retest only the mutants that survived the last run, after adding a test",
    }
)
def mutate(c, module="", survivors=False):
    """Mutation testing (slow; not in CI): change the code that decides what the public sees, one small
    change at a time, and list each change the tests did not notice. Scored per module; fails below 90%."""
    modules = _mutated_modules()
    if module:
        modules = [name for name in modules if module in (name, name.rpartition(".")[2])]
        if not modules:
            sys.exit(f"--module {module}: not one of {', '.join(_mutated_modules())} (pyproject.toml)")
    _lay_out_mutation_folder()
    mutmut = Path(sys.executable).with_name("mutmut")

    def results() -> dict[str, dict[str, str]]:
        return _mutation_results(c.run(f"{mutmut} results --all true", hide=True).stdout, modules)

    with c.cd(str(MUTATION)):
        if survivors:
            retest = [
                name for found in results().values() for name, status in found.items() if status == "survived"
            ]
        else:
            # Every mutant again: mutmut keeps a verdict until its function changes, even when a test does.
            retest = [f"{name}.*" for name in modules]
        if retest:
            c.run(f"{mutmut} run --max-children 2 {shlex.join(retest)}")
        final = results()
        for name, status in ((n, s) for found in final.values() for n, s in found.items() if s != "killed"):
            print(f"\n{status}: " + c.run(f"{mutmut} show {name}", hide=True).stdout.strip())
    table, score = _mutation_table(final)
    print(f"\n{table}\n(`mutmut browse` in .mutation/ shows every mutant)")
    if score < MUTATION_SCORE_REQUIRED:
        sys.exit(
            f"Below {MUTATION_SCORE_REQUIRED:.0%}: each change above is a missing test, or changes nothing."
        )


@task
def screenshots(c):
    """Save screenshots of the theme's showcase pages and the printed release in test-artifacts/."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support.screenshots import take_screenshots

    written = take_screenshots(ROOT / "test-artifacts")
    print(f"Saved {len(written)} files in test-artifacts/: screenshots/ and print/")


@task
def clean(c):
    """Remove built output and caches."""
    for path in (OUTPUT, PREVIEW, ROOT / "cache", ROOT / ".pytest_cache", ROOT / ".ruff_cache", MUTATION):
        shutil.rmtree(path, ignore_errors=True)


@task
def tables(c):
    """Write the README's field and settings tables again from the schema and the settings' definitions."""
    from pressroom.content_model.schema import field_table
    from pressroom.content_model.settings import settings_table

    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    for name, table in (("fields", field_table()), ("settings", settings_table())):
        start, end = f"<!-- {name}:start -->\n", f"\n<!-- {name}:end -->"
        before, rest = text.split(start, 1)
        text = before + start + table + end + rest.split(end, 1)[1]
    readme.write_text(text, encoding="utf-8")
    print("README.md: the field and settings tables are the definitions' again.")


@task
def lint(c):
    """Check code style with ruff."""
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    c.run(f"{sys.executable} -m ruff format --check .", pty=False)


@task
def typecheck(c):
    """Check the types of the plugins and publishing/ with mypy (configured in pyproject.toml)."""
    with c.cd(str(ROOT)):
        c.run(f"{sys.executable} -m mypy -p pressroom", pty=False)
        c.run(f"{sys.executable} -m mypy publishing", pty=False)


@task(help={"browser": "also run the browser and validator tests (needs scripts/install-test-tools)"})
def test(c, browser=True):
    """Run the whole test suite (pytest)."""
    marks = "" if browser else " -m 'not browser and not validator'"
    c.run(f"{sys.executable} -m pytest{marks}", pty=False)
