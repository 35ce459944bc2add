"""The comms officer's commands: `invoke new` scaffolds a valid draft, `invoke check` judges the site."""

import os
import shutil
import subprocess
import sys

import pytest
from support.site import FIXTURES, ROOT, read_html

INVOKE = [sys.executable, "-m", "invoke"]


@pytest.fixture
def project(tmp_path):
    """A copy of the project's settings, theme, plugins and content, so tasks can write freely."""
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("content", "theme", "plugins", "publishing"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def run(project, *args):
    return subprocess.run(
        [*INVOKE, *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )


@pytest.mark.parametrize("kind", ["press-release", "policy-response", "statement", "news", "event"])
def test_new_scaffolds_a_draft_that_passes_check_and_stays_out_of_the_site(project, kind):
    created = run(project, "new", "--type", kind, "--title", "Charity responds: 'a £5m fund' & more")
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
    assert "46 error(s) in 46 file(s)" in result.stderr
    assert "content/releases/bad-date.md:3: date: '32 May 2022' is not a date" in result.stderr
    assert not (project / "output").exists()
