"""Publishing replaces the live site only with a build that passed every check, and can be rolled back."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from support.site import FIXTURES, ROOT

from pressroom.validation import ContentInvalid
from publishing.publish import BuildStore, PublishFailed, publish, rollback
from publishing.targets import FolderTarget, GitHubPagesTarget, RsyncTarget, S3Target, content_type

CONFIG = ROOT / "publishconf.py"
RELEASE_URL = "releases/2022/care-review-response/index.html"


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def store(tmp_path) -> BuildStore:
    return BuildStore(tmp_path / "store")


def quiet(_message: str) -> None:
    """Publishing reports progress line by line; tests read results from the files instead."""


def edit_release(content: Path, old: str, new: str) -> None:
    path = content / "releases" / "2022" / "2022-05-23-care-review-response.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_publish_replaces_the_folder_in_one_step_and_rollback_restores_it(tmp_path, store, content_copy):
    live = FolderTarget(tmp_path / "www")
    first = publish(CONFIG, live, store, progress=quiet, content=content_copy)
    assert first.deployed and live.path.is_symlink()
    published = tree_digest(live.path)
    assert RELEASE_URL in published

    edit_release(content_copy, "The Care Review recognises", "The Care Review rightly recognises")
    second = publish(CONFIG, live, store, progress=quiet, content=content_copy)
    assert second.deployed
    assert tree_digest(live.path)[RELEASE_URL] != published[RELEASE_URL]

    again = publish(CONFIG, live, store, progress=quiet, content=content_copy)
    assert not again.deployed and "Nothing has changed" in again.message

    back = rollback(CONFIG, live, store, progress=quiet)
    assert back.name == first.name
    assert tree_digest(live.path) == published


def test_invalid_content_publishes_nothing_and_leaves_the_live_folder_byte_for_byte(tmp_path, store):
    live = FolderTarget(tmp_path / "www")
    publish(CONFIG, live, store, progress=quiet)
    before = tree_digest(live.path)
    with pytest.raises(ContentInvalid):
        publish(CONFIG, live, store, progress=quiet, content=FIXTURES / "invalid_site" / "content")
    assert tree_digest(live.path) == before
    assert [p.name for p in store.builds.iterdir()] == store.history()


def test_a_broken_internal_link_fails_the_checks_and_publishes_nothing(tmp_path, store, content_copy):
    live = FolderTarget(tmp_path / "www")
    publish(CONFIG, live, store, progress=quiet, content=content_copy)
    before = tree_digest(live.path)
    edit_release(content_copy, "published today", "[published today](/reviews/no-such-page/)")
    with pytest.raises(PublishFailed) as caught:
        publish(CONFIG, live, store, progress=quiet, content=content_copy)
    assert any(
        "link to /reviews/no-such-page/ — no such page" in problem for problem in caught.value.problems
    )
    assert tree_digest(live.path) == before


def test_first_publish_over_a_plain_folder_keeps_it_for_rollback(tmp_path, store):
    www = tmp_path / "www"
    www.mkdir()
    (www / "index.html").write_text("the old site")
    live = FolderTarget(www)
    publish(CONFIG, live, store, progress=quiet)
    assert "Parent-Infant" in (www / "index.html").read_text()
    assert (live.builds / "before-pressroom" / "index.html").read_text() == "the old site"


def test_rsync_target_mirrors_the_build_and_deletes_what_is_gone(tmp_path, store, content_copy):
    destination = tmp_path / "mirror"
    destination.mkdir()
    (destination / "stale.html").write_text("removed by the next publish")
    target = RsyncTarget(f"{destination}/")
    publish(CONFIG, target, store, progress=quiet, content=content_copy)
    assert tree_digest(destination) == tree_digest(store.current())

    (content_copy / "releases" / "2023" / "2023-06-12-helen-hayes-mp-visits-leap.md").unlink()
    publish(CONFIG, target, store, progress=quiet, content=content_copy)
    assert not (destination / "releases/2023/helen-hayes-mp-visits-leap").exists()
    assert tree_digest(destination) == tree_digest(store.current())


def test_github_pages_target_commits_the_build_to_the_branch(tmp_path, store):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--bare", "--quiet", str(remote)], check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(clone)], check=True, capture_output=True)
    publish(CONFIG, GitHubPagesTarget(repository=clone), store, progress=quiet)
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"],
        cwd=remote,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert RELEASE_URL in listed and ".nojekyll" in listed


@pytest.fixture
def s3_server():
    """moto's S3 server on 127.0.0.1, with throwaway credentials."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_target(s3_server, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    target = S3Target("press-site", prefix="", endpoint_url=s3_server, region="us-east-1")
    target.client().create_bucket(Bucket="press-site")
    return target


def test_s3_target_sets_types_and_cache_uploads_only_changes_and_deletes_the_rest(
    s3_target, store, content_copy
):
    client = s3_target.client()
    client.put_object(Bucket="press-site", Key="old/page.html", Body=b"gone after publish")
    messages: list[str] = []
    publish(CONFIG, s3_target, store, progress=messages.append, content=content_copy)

    keys = {item["Key"] for item in client.list_objects_v2(Bucket="press-site")["Contents"]}
    assert keys == set(tree_digest(store.current()))
    page = client.head_object(Bucket="press-site", Key=RELEASE_URL)
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["CacheControl"] == "public, max-age=300, must-revalidate"
    css = next(key for key in keys if key.endswith(".css"))
    assert client.head_object(Bucket="press-site", Key=css)["CacheControl"] == "public, max-age=86400"
    assert "deleted old/page.html" in messages

    edit_release(content_copy, "The Care Review recognises", "The Care Review rightly recognises")
    messages.clear()
    publish(CONFIG, s3_target, store, progress=messages.append, content=content_copy)
    uploaded = [message.removeprefix("uploaded ") for message in messages if message.startswith("uploaded ")]
    assert RELEASE_URL in uploaded
    assert css not in uploaded
    assert len(uploaded) < len(keys) / 2


def test_feeds_are_served_with_their_own_content_types():
    assert content_type("feeds/all.atom.xml") == "application/atom+xml"
    assert content_type("feeds/all.rss.xml") == "application/rss+xml"
    assert content_type("sitemap.xml") == "application/xml"
    assert content_type("releases/2025/event/event.ics") == "text/calendar; charset=utf-8"


def test_invoke_preview_refuses_to_write_where_the_public_site_is_built():
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "preview", "--output", "output"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "preview into another folder" in result.stderr
