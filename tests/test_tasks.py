"""The comms officer's commands: `invoke new` scaffolds a valid draft, `invoke check` judges the site."""

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from support.site import FIXTURES, INVOKE, ROOT, read_html, run_invoke


def run(project, *args):
    return run_invoke(project, *args)


@pytest.mark.parametrize("kind", ["press-release", "policy-response", "statement", "news", "event"])
def test_new_scaffolds_a_draft_that_passes_check_and_stays_out_of_the_site(project, kind):
    event_date = ["--event-date", "2031-05-01"] if kind == "event" else []
    created = run(
        project, "new", "--type", kind, "--title", "Charity responds: 'a £5m fund' & more", *event_date
    )
    assert created.returncode == 0, created.stderr
    [path] = (project / "content" / "releases").rglob("*charity-responds*.md")
    text = path.read_text()
    assert "status: draft" in text
    assert ("event:" in text) == (kind == "event")
    assert ("responds_to:" in text) == (kind == "policy-response")

    checked = run(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert "Checked 5 releases" in checked.stdout

    built = run(project, "build")
    assert built.returncode == 0, built.stderr
    listed = [a.get_text() for a in read_html(project / "output", "/").select("main h2 a")]
    assert len(listed) == 4
    assert not any("Charity responds" in title for title in listed)


def test_new_writes_a_slug_so_a_retitle_keeps_the_address(project):
    assert run(project, "new", "--type", "news", "--title", "First headline").returncode == 0
    [path] = (project / "content" / "releases").rglob("*first-headline.md")
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["slug"] == "first-headline"


def test_new_dates_a_release_by_the_offices_clock_not_the_machines(project):
    # 23:30 UTC on 30 June 2027 is 00:30 on 1 July in London (BST).
    late_in_june = str(int(dt.datetime(2027, 6, 30, 23, 30, tzinfo=dt.UTC).timestamp()))
    result = subprocess.run(
        [*INVOKE, "new", "--type", "statement", "--title", "Past midnight in London"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": late_in_june},
    )
    assert result.returncode == 0, result.stderr
    [path] = (project / "content" / "releases").rglob("*past-midnight-in-london.md")
    assert path.relative_to(project / "content") == Path(
        "releases/2027/2027-07-01-past-midnight-in-london.md"
    ), "dated by London's day"
    assert yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])["date"] == "2027-07-01"


def test_new_refuses_a_title_that_cannot_be_a_headline_and_writes_nothing(project):
    before = sorted((project / "content").rglob("*"))
    refused = run(project, "new", "--type", "news", "--title", "Charity welcomes\nfunding")
    assert refused.returncode == 1
    said = "--title: 'Charity welcomes' is followed by a line break, but it must be one line"
    assert said in refused.stderr
    assert "Traceback" not in refused.stderr
    assert sorted((project / "content").rglob("*")) == before


def test_new_event_asks_for_the_event_date_and_dates_the_announcement_today(project):
    refused = run(project, "new", "--type", "event", "--title", "Summer conference")
    assert refused.returncode == 1
    assert "An event needs the day it takes place: add --event-date YYYY-MM-DD" in refused.stderr
    assert "Traceback" not in refused.stderr
    unreadable = run(
        project, "new", "--type", "event", "--title", "Summer conference", "--event-date", "next June"
    )
    assert unreadable.returncode == 1
    assert "'next June' is not a date" in unreadable.stderr

    created = run(
        project, "new", "--type", "event", "--title", "Summer conference", "--event-date", "2031-06-05T18:00"
    )
    assert created.returncode == 0, created.stderr
    [path] = (project / "content" / "releases").rglob("*summer-conference.md")
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert str(front["date"]) == dt.datetime.now(ZoneInfo("Europe/London")).date().isoformat()
    assert str(front["event"]["start"]).startswith("2031-06-05") and "18:00" in str(front["event"]["start"])


def test_new_refuses_an_unknown_type_and_an_existing_file(project):
    wrong = run(project, "new", "--type", "press-relase", "--title", "Anything")
    assert wrong.returncode == 1
    assert "did you mean 'press-release'?" in wrong.stderr
    assert run(project, "new", "--type", "news", "--title", "Same").returncode == 0
    again = run(project, "new", "--type", "news", "--title", "Same")
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_check_fails_with_every_problem_and_builds_nothing(project):
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURES / "invalid_site" / "content", project / "content")
    result = run(project, "check")
    assert result.returncode == 1
    assert re.search(r"\d+ error\(s\) in \d+ file\(s\): nothing was built", result.stderr)
    assert "content/releases/bad-date.md:3: date: '32 May 2022' is not a date" in result.stderr
    assert not (project / "output").exists()


def folder_digest(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_build_refuses_any_output_folder_that_is_not_a_build_and_touches_nothing(project):
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project / "notes").mkdir()
    (project / "notes" / "plan.txt").write_text("the launch plan")
    (project / "linked").symlink_to(project / "notes", target_is_directory=True)
    before = folder_digest(project)
    for output, reason in [
        ("content", "is the content folder"),
        ("content/releases", "is the content folder"),
        (".", "is the project folder"),
        (".git", "is git's own folder"),
        ("notes", "is not empty and was not made by an earlier build"),
        # Read as the disk reads it once `missing/` is made: the folder `notes`, not a new one.
        ("missing/../notes", "is not empty and was not made by an earlier build"),
        ("missing/../content", "is the content folder"),
        ("linked", "is a link to another folder"),
    ]:
        for command in (["build", "--output", output], ["preview", "--output", output]):
            refused = run(project, *command)
            assert refused.returncode == 1, (command, refused.stdout)
            assert reason in refused.stderr, command
            assert "Choose a new or empty folder" in refused.stderr
            assert "Traceback" not in refused.stderr
    assert folder_digest(project) == before
    assert not (project / "missing").exists()


def test_build_goes_where_an_output_path_with_dot_dot_leads(project):
    (project / "drafts").mkdir()
    built = run(project, "build", "--output", f"{project}/drafts/../site")
    assert built.returncode == 0, built.stderr
    assert (project / "site" / "index.html").is_file()
    assert list((project / "drafts").iterdir()) == []

    assert run(project, "build", "--output", "site").returncode == 0
    again = run(project, "build", "--output", "site")
    assert again.returncode == 0, again.stderr
    assert (project / "site" / "index.html").is_file()


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["build", "--at", "tomorrow"], "write it as YYYY-MM-DDTHH:MM in UK time"),
        (["preview", "--at", "2026-03-29T01:30"], "01:30 on 29 March 2026 in London does not happen"),
        (["build", "--at", "2026-10-25T01:30"], "2026-10-25T01:30+01:00 (BST) or 2026-10-25T01:30+00:00"),
        (["publish", "--at", "next week"], "write it as YYYY-MM-DDTHH:MM in UK time"),
    ],
)
def test_an_unreadable_at_ends_with_a_sentence(project, command, said):
    result = run(project, *command)
    assert result.returncode == 1
    assert said in result.stderr
    assert "+01:00" not in result.stderr.replace("+01:00 (BST)", "")
    assert "Traceback" not in result.stderr
    assert not (project / "output").exists() and not (project / "public").exists()


def test_a_bad_source_date_epoch_ends_with_a_sentence(project):
    result = subprocess.run(
        [*INVOKE, "build"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "yesterday"},
    )
    assert result.returncode == 1
    assert "SOURCE_DATE_EPOCH='yesterday' is not a whole number of seconds" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["serve", "--port"], "--port"),
        (["preview", "--serve", "--port"], "--port"),
        (["edit", "--port"], "--port"),
        (["edit", "--port", "8123", "--backend-port"], "--backend-port"),
    ],
    ids=["serve", "preview", "edit", "edit-backend"],
)
def test_a_busy_port_ends_the_command_with_a_sentence_before_anything_is_built(project, command, option):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(project, *command, str(port))
    assert result.returncode == 1
    assert f"Port {port} is already in use" in result.stderr
    assert result.stderr.rstrip().endswith(f"pick another with {option}.")
    assert "Traceback" not in result.stderr
    assert not (project / "preview").exists() and not (project / "output").exists(), "nothing is built"


def test_a_misspelt_plugin_stops_invoke_build_with_a_sentence(project):
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text().replace('"pressroom.visibility"', '"pressroom.visibilty"'))
    result = run(project, "build")
    assert result.returncode == 1
    assert "Cannot load plugin `pressroom.visibilty`" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "output").exists()


def test_mutate_refuses_an_unknown_module_naming_those_it_mutates_which_all_exist():
    import importlib.util
    import tomllib

    said = run(ROOT, "mutate", "--module", "no-such-module")
    assert said.returncode == 1
    listed = said.stderr.strip().split("not one of ", 1)[1].removesuffix(" (pyproject.toml)").split(", ")
    assert "pressroom.content_model.decision" in listed and "pressroom.visibility.leaks" in listed
    assert [name for name in listed if importlib.util.find_spec(name) is None] == []
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    tests = config["pytest_add_cli_args_test_selection"]
    # A file, or one test in it (file::name).
    assert tests and [path for path in tests if not (ROOT / path.split("::")[0]).is_file()] == []


def test_the_mutation_score_counts_a_hang_as_caught_and_a_mutant_never_run_as_not():
    from tasks import _mutation_table

    table, score = _mutation_table(
        {
            "pressroom.a": {"m1": "killed", "m2": "timeout", "m3": "survived", "m4": "not checked"},
            "pressroom.b": {"m5": "no tests"},
        }
    )
    assert score == 0.4
    assert [line.split() for line in table.splitlines()] == [
        ["module", "caught", "of", "score"],
        ["pressroom.a", "2", "4", "50.0%"],
        ["pressroom.b", "0", "1", "0.0%"],
        ["all", "2", "5", "40.0%"],
    ]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["build", "--config", "nope.py"], "--config nope.py: there is no such settings file in "),
        (["check", "--config", "../pelicanconf.py"], "--config ../pelicanconf.py: there is no such settings"),
        (["serve", "--port", "99999"], "--port 99999: a port is a whole number from 1 to 65535"),
        (["serve", "--port", "abc"], "--port abc: a port is a whole number from 1 to 65535"),
        (["preview", "--serve", "--port", "0"], "--port 0: a port is a whole number from 1 to 65535"),
        (["edit", "--port", "8090", "--backend-port", "8090"], "--port and --backend-port are both 8090"),
        (["edit", "--backend-port", "x"], "--backend-port x: a port is a whole number"),
        (["bench", "--releases", "0"], "--releases and --repeats are counts: give 1 or more"),
        (["bench", "--repeats", "many"], "--releases and --repeats are counts: give 1 or more"),
        (
            [
                "new",
                "--type",
                "event",
                "--title",
                "Summer conference",
                "--event-date",
                "2026-12-04T10:00+01:60",
            ],
            "--event-date '2026-12-04T10:00+01:60' is not a date that exists (+01:60 is not a UTC offset)",
        ),
    ],
)
def test_a_mistyped_option_ends_in_a_sentence_before_anything_runs(project, arguments, said):
    before = folder_digest(project)
    refused = run(project, *arguments)
    assert refused.returncode == 1
    assert said in refused.stderr
    assert "Traceback" not in refused.stderr
    assert folder_digest(project) == before


@pytest.mark.parametrize(("task", "function"), [("publish", "publish"), ("rollback", "rollback")])
def test_a_publish_or_rollback_stopped_with_ctrl_c_says_what_may_be_live(monkeypatch, task, function):
    from invoke import Context

    import publishing.publish
    import tasks

    def interrupted(*arguments, **options):
        raise KeyboardInterrupt

    monkeypatch.setattr(publishing.publish, function, interrupted)
    try:
        getattr(tasks, task)(Context())
    except KeyboardInterrupt:
        pytest.fail("the interruption ended with nothing said (invoke prints nothing for it)")
    except SystemExit as stopped:
        said = str(stopped)
    assert said.startswith(f"The {task} was interrupted. Run `invoke {task}` again")
