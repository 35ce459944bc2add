"""Where PUBLISH_TARGET points: a folder target makes its path a link to the build (moving a folder there
aside) and rsync --delete makes its destination the build, so a path that would take the project, its
content or a system folder is refused with a sentence before anything is built or moved."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from publishing.targets import DeployError, FolderTarget, RsyncTarget, target_from_settings


@pytest.fixture
def root(tmp_path) -> Path:
    """A project: its content, theme and an earlier publish's link."""
    project = tmp_path / "site" / "project"
    for folder in ("content/releases", "theme"):
        (project / folder).mkdir(parents=True)
    (project / ".public.builds" / "20261203T000000Z").mkdir(parents=True)
    (project / "public").symlink_to(project / ".public.builds" / "20261203T000000Z")
    return project


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        ({"kind": "folder"}, "a folder target needs a 'path'"),
        ({"kind": "folder", "path": ""}, "a folder target needs a 'path'"),
        ({"kind": "folder", "path": 5}, "a folder target needs a 'path'"),
        ({"kind": "folder", "path": "."}, "is the project folder (or holds it)"),
        ({"kind": "folder", "path": ".."}, "is the project folder (or holds it)"),
        ({"kind": "folder", "path": "new/../../.."}, "is the project folder (or holds it)"),
        ({"kind": "folder", "path": "/"}, "is the project folder (or holds it)"),
        ({"kind": "folder", "path": "/var"}, "is a folder at the top of the disk"),
        ({"kind": "folder", "path": "content"}, "is a folder of the project that a publish did not make"),
        ({"kind": "folder", "path": "theme"}, "is a folder of the project that a publish did not make"),
        ({"kind": "folder", "path": "content/site"}, "is inside a folder of the project"),
        ({"kind": "rsync"}, "an rsync target needs a 'destination'"),
        (
            {"kind": "rsync", "destination": "-e sh x:/y"},
            "starts with '-', which rsync would read as an option",
        ),
        ({"kind": "rsync", "destination": "content/"}, "is inside the project"),
        ({"kind": "rsync", "destination": "."}, "is the project folder (or holds it)"),
        ({"kind": "rsync", "destination": "/srv"}, "is a folder at the top of the disk"),
        ({"kind": "rsync", "destination": "x:/y", "options": "-a"}, "'options' is a list of rsync's options"),
        ({"kind": "s3"}, "an s3 target needs a 'bucket'"),
        ({"kind": "s3", "bucket": " "}, "an s3 target needs a 'bucket'"),
        (
            {"kind": "github-pages", "remote": "--receive-pack=touch x"},
            "its remote '--receive-pack=touch x' is not",
        ),
        ({"kind": "github-pages", "branch": "-f"}, "its branch '-f' is not a git branch name"),
        (
            {"kind": "folder", "Path": "public"},
            "'Path' is not a setting of a folder target, which takes path (did you mean 'path'?)",
        ),
        (
            {"kind": "rsync", "destination": "x:/y", "host": "x"},
            "'host' is not a setting of an rsync target, which takes",
        ),
        ({"kind": "folder", "path": " public "}, "its path ' public ' starts or ends with a space"),
        ({"kind": "rsync", "destination": "x:/y "}, "its destination 'x:/y ' starts or ends with a space"),
        (
            {"kind": "folder", "path": "public", "host": "x"},
            "'host' is not a setting of a folder target, which takes path",
        ),
    ],
)
def test_a_target_that_would_take_the_project_or_a_system_folder_is_refused(root, spec, said):
    with pytest.raises(DeployError) as refused:
        target_from_settings(spec, root)
    assert said in str(refused.value)
    assert str(refused.value).endswith("Nothing was published.")


@pytest.mark.parametrize(
    ("spec", "made"),
    [
        ({"kind": "folder", "path": "public"}, FolderTarget(Path("{root}/public"))),
        ({"kind": "folder", "path": "www"}, FolderTarget(Path("{root}/www"))),
        ({"kind": "folder", "path": "../www/press"}, FolderTarget(Path("{site}/www/press"))),
        ({"kind": "rsync", "destination": "../mirror/"}, RsyncTarget("{site}/mirror/")),
        (
            {"kind": "rsync", "destination": "deploy@press.example:/var/www/"},
            RsyncTarget("deploy@press.example:/var/www/"),
        ),
        (
            {"kind": "rsync", "destination": "rsync://mirror.example/press/"},
            RsyncTarget("rsync://mirror.example/press/"),
        ),
    ],
)
def test_a_web_root_outside_the_project_or_a_folder_of_its_own_is_taken_from_the_project(root, spec, made):
    def placed(value):
        return type(value)(value.replace("{root}", str(root)).replace("{site}", str(root.parent)))

    if isinstance(made, FolderTarget):
        expected = FolderTarget(Path(placed(str(made.path))))
    else:
        expected = RsyncTarget(placed(made.destination))
    assert target_from_settings(spec, root) == expected


def test_github_pages_never_replaces_the_branch_the_project_is_on(root):
    subprocess.run(["git", "init", "--quiet", "--initial-branch", "trunk", str(root)], check=True)
    with pytest.raises(DeployError) as refused:
        target_from_settings({"kind": "github-pages", "branch": "trunk"}, root)
    assert f"its branch 'trunk' is the branch {root} has checked out" in str(refused.value)
    made = target_from_settings({"kind": "github-pages"}, root)
    assert (made.branch, made.repository) == ("gh-pages", root)


def test_the_home_folder_is_refused(root, tmp_path, monkeypatch):
    home = tmp_path / "home" / "comms"
    home.mkdir(parents=True)
    monkeypatch.setattr(Path, "home", staticmethod(lambda: home))
    with pytest.raises(DeployError, match="is the home folder"):
        target_from_settings({"kind": "folder", "path": str(home)}, root)


def test_a_folder_of_several_sites_is_refused_and_one_sites_web_root_or_an_empty_folder_is_taken(
    tmp_path, root
):
    several = tmp_path / "var" / "www"
    (several / "html").mkdir(parents=True)
    (several / "html" / "index.html").write_text("another site", encoding="utf-8")
    with pytest.raises(DeployError) as refused:
        target_from_settings({"kind": "folder", "path": str(several)}, root)
    assert (
        f"its path '{several}' ({several}) holds files but no index.html, so it looks like a folder of "
        in (str(refused.value))
    )
    assert str(refused.value).endswith("Nothing was published.")

    with pytest.raises(DeployError) as refused:
        target_from_settings({"kind": "rsync", "destination": f"{several}/"}, root)
    assert f"its destination '{several}/' ({several}) holds files but no index.html" in str(refused.value)

    one_site, empty = several / "html", tmp_path / "srv" / "press"
    empty.mkdir(parents=True)
    for path in (one_site, empty):
        assert target_from_settings({"kind": "folder", "path": str(path)}, root) == FolderTarget(path)
        assert target_from_settings({"kind": "rsync", "destination": f"{path}/"}, root) == RsyncTarget(
            f"{path}/"
        )


def folder_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.mark.parametrize("path", ["", ".", "content"])
def test_publishing_to_the_project_or_its_content_leaves_both_where_they_are(project, path):
    """Once, `path: ''` moved the whole project aside and made its folder a link to the build."""
    settings = project / "publishconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8") + f"\nPUBLISH_TARGET = {{'kind': 'folder', 'path': {path!r}}}\n",
        encoding="utf-8",
    )
    before = folder_digest(project)
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Nothing was published." in result.stderr
    assert "Traceback" not in result.stderr
    assert not project.is_symlink() and not (project / "content").is_symlink()
    assert folder_digest(project) == before
    assert not [item for item in project.parent.iterdir() if item.name.endswith(".builds")]
