"""Where a published build goes: a folder, rsync over SSH, GitHub Pages, or S3-compatible storage.

Each target takes a finished, checked build folder and makes it live; none of them is given a
half-built site, and each replaces the live site in as close to one step as its medium allows.
"""

from __future__ import annotations

import dataclasses
import filecmp
import hashlib
import mimetypes
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pressroom.content_model.problems import nearest
from pressroom.content_model.storage import at_top_of_disk, disk_error, holds, settled

Progress = Callable[[str], None]

# Feeds and pages change whenever something is published; assets only when the theme does.
SHORT_CACHE = "public, max-age=300, must-revalidate"
LONG_CACHE = "public, max-age=86400"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".xsl": "text/xsl; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}
SHORT_CACHE_SUFFIXES = {".html", ".xml", ".json", ".txt", ".ics"}


def content_type(path: str) -> str:
    """The Content-Type a file is served with. Feeds go out as XML and JSON with an explicit charset:
    every browser shows application/xml and application/json as a document (it downloads or shows as
    raw text application/atom+xml, rss+xml and feed+json), and every feed reader reads them as feeds;
    the charset keeps quotes, dashes and pound signs intact."""
    suffix = Path(path).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def cache_control(path: str) -> str:
    return SHORT_CACHE if Path(path).suffix.lower() in SHORT_CACHE_SUFFIXES else LONG_CACHE


def site_files(build: Path) -> dict[str, Path]:
    return {path.relative_to(build).as_posix(): path for path in sorted(build.rglob("*")) if path.is_file()}


def tree_digest(folder: Path) -> str:
    """One hash of every file's path and bytes: equal digests mean the same site."""
    digest = hashlib.sha256()
    for relative, path in site_files(folder).items():
        digest.update(relative.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def unchanged_counterpart(path: Path, relative: str, previous: Path | None) -> Path | None:
    """The file at `relative` in the `previous` build, when it has exactly the bytes of `path`."""
    if previous is None:
        return None
    earlier = previous / relative
    if earlier.is_file() and not earlier.is_symlink() and filecmp.cmp(path, earlier, shallow=False):
        return earlier
    return None


def linked(earlier: Path, destination: Path) -> bool:
    """Make `destination` a second name of `earlier`; False where the disk has no hard links, or they
    would cross disks."""
    try:
        os.link(earlier, destination)
    except OSError:
        return False
    return True


def share_unchanged(build: Path, previous: Path | None) -> int:
    """Make each file of `build` whose bytes the `previous` build has at the same address the same file
    as that one; return how many. A kept build then costs the disk only what changed, and an unchanged
    file keeps its time, so a web server's Last-Modified and ETag stay and browsers revalidate it. Kept
    builds are never written to again, which is what makes sharing files between them safe."""
    shared = 0
    for relative, path in site_files(build).items():
        earlier = unchanged_counterpart(path, relative, previous)
        temporary = path.with_name(f".{path.name}.shared")
        if earlier is not None and linked(earlier, temporary):
            os.replace(temporary, path)
            shared += 1
    return shared


class DeployError(RuntimeError):
    """A target could not take the build; the message says what happened to the live site."""


@dataclass
class FolderTarget:
    """A local or mounted folder, made a symlink to the live build so the switch is one rename."""

    path: Path

    @property
    def builds(self) -> Path:
        return self.path.with_name(f".{self.path.name}.builds")

    def matches(self, build: Path) -> bool | None:
        """Whether the live folder already holds exactly this build, whatever put it there."""
        return self.path.is_dir() and tree_digest(self.path) == tree_digest(build)

    def deploy(self, build: Path, name: str, progress: Progress = print) -> None:
        try:
            copy, made, shared = self.copied(build, name)
        except OSError as error:
            raise DeployError(
                f"Could not copy the build to {self.builds} ({disk_error(error)}): the part copied was "
                "removed and the live site is as it was. Make room on that disk, or make it writable, and "
                "run it again."
            ) from None
        written = len(site_files(copy)) - shared
        progress(
            f"Copied {written} files to {copy}; {shared} unchanged files are shared with the last publish"
        )
        try:
            self.switch_to(copy, name, progress)
        except OSError as error:
            if made:
                shutil.rmtree(copy, ignore_errors=True)
            raise DeployError(
                f"Could not make {self.path} serve {name} ({disk_error(error)}): the live site is as it was. "
                "Make its folder writable and run it again."
            ) from None
        progress(f"{self.path} now serves {name}")
        self.prune(keep={name, "before-pressroom"})

    def copied(self, build: Path, name: str) -> tuple[Path, bool, int]:
        """The build copied beside the live site, whether this made the copy, and how many of its files
        are shared with the live copy (the same bytes: written once, see `share_unchanged`). Copied aside
        and renamed when whole, so a copy cut short (a full disk, a killed publish) is never served."""
        copy = self.builds / name
        if copy.is_dir():
            return copy, False, 0
        self.builds.mkdir(parents=True, exist_ok=True)
        for unfinished in self.builds.glob(".*.partial"):
            shutil.rmtree(unfinished, ignore_errors=True)
        partial = self.builds / f".{name}.partial"
        live = self.path.resolve() if self.path.is_symlink() else None
        shared = 0
        try:
            for relative, path in site_files(build).items():
                destination = partial / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                earlier = unchanged_counterpart(path, relative, live)
                if earlier is not None and linked(earlier, destination):
                    shared += 1
                else:
                    shutil.copy2(path, destination)
            partial.rename(copy)
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        return copy, True, shared

    def switch_to(self, copy: Path, name: str, progress: Progress) -> None:
        """Point the live path at `copy` in one rename; if that is refused, leave everything as it was."""
        link = self.path.with_name(f".{self.path.name}.next")
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(copy.resolve(), target_is_directory=True)
        kept = None
        try:
            if self.path.exists() and not self.path.is_symlink():
                # A plain folder there is kept, never deleted: the first one as the build to roll back to.
                kept = self.builds / "before-pressroom"
                if kept.exists():
                    kept = self.builds / f"replaced-before-{name}"
                self.path.rename(kept)
            os.replace(link, self.path)
        except OSError:
            link.unlink(missing_ok=True)
            if kept and kept.exists() and not self.path.exists():
                kept.rename(self.path)
            raise
        if kept:
            progress(f"{self.path} was a plain folder, not a publish: kept it as {kept}")

    def prune(self, keep: set[str], limit: int = 5) -> None:
        old = sorted(p for p in self.builds.iterdir() if p.name not in keep)
        for stale in old[: max(0, len(old) - limit)]:
            # The new build is already live: an old one that cannot be removed now is removed next time.
            shutil.rmtree(stale, ignore_errors=True)


@dataclass
class RsyncTarget:
    """rsync over SSH (or to a local path): uploads only changes, deletes what the build no longer has."""

    destination: str
    options: tuple[str, ...] = ()

    def rsync(self, build: Path, *extra: str) -> list[str]:
        """Run rsync from the build to the destination; return the changes it itemises."""
        command = [
            "rsync",
            "--recursive",
            "--links",
            "--times",
            "--checksum",
            "--delete",
            "--delay-updates",
            "--itemize-changes",
            *extra,
            *self.options,
            f"{build}/",
            self.destination,
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise DeployError(
                "rsync is not installed on this machine: install it (apt-get install rsync) or choose "
                "another PUBLISH_TARGET in publishconf.py. Nothing was sent."
            ) from None
        if result.returncode:
            reason = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "no message"
            raise DeployError(
                f"rsync to {self.destination} failed (exit status {result.returncode}: {reason}). Files "
                "are renamed into place only at the end, so the live site is as it was unless that last "
                "step failed: fix the cause and run `invoke publish` again."
            )
        return [line for line in result.stdout.splitlines() if line.strip()]

    def matches(self, build: Path) -> bool | None:
        # A line starting with "." changes only attributes (every build has new times), not content.
        return all(line.startswith(".") for line in self.rsync(build, "--dry-run"))

    def deploy(self, build: Path, name: str, progress: Progress = print) -> None:
        changes = self.rsync(build)
        for line in changes:
            progress(line)
        progress(f"rsync: {len(changes)} change(s) to {self.destination}")


@dataclass
class GitHubPagesTarget:
    """The gh-pages branch of a git remote, written by ghp-import as one commit."""

    remote: str = "origin"
    branch: str = "gh-pages"
    repository: Path = Path()

    def matches(self, build: Path) -> bool | None:
        """Unknown without fetching the branch: publishing compares with its own history instead."""
        return None

    def deploy(self, build: Path, name: str, progress: Progress = print) -> None:
        # Installed beside this Python, which need not be on PATH when run from cron or a test.
        ghp_import = shutil.which("ghp-import") or str(Path(sys.executable).with_name("ghp-import"))
        command = [
            ghp_import,
            "--no-jekyll",
            "--push",
            "--force",
            "--remote",
            self.remote,
            "--branch",
            self.branch,
            "--message",
            f"Publish {name}",
            str(build),
        ]
        try:
            result = subprocess.run(command, cwd=self.repository, capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise DeployError(
                "ghp-import is not installed beside this Python: run scripts/setup again. Nothing was pushed."
            ) from None
        if result.returncode:
            raise DeployError(
                f"ghp-import could not push to {self.remote} {self.branch} (exit status {result.returncode}: "
                f"{result.stderr.strip() or 'no message'}). The live branch is as it was."
            )
        progress(f"Pushed {name} to {self.remote} {self.branch}")


@dataclass
class S3Target:
    """S3-compatible storage: upload changed files with their type and cache policy, delete the rest."""

    bucket: str
    prefix: str = ""
    endpoint_url: str | None = None
    region: str | None = None

    def client(self):
        try:
            import boto3
        except ImportError:
            raise DeployError(
                "boto3 is not installed: run scripts/setup again to publish to S3. Nothing was uploaded."
            ) from None
        # A session of its own reads the credentials as they are now, not as an earlier client found them.
        session = boto3.session.Session()
        return session.client("s3", endpoint_url=self.endpoint_url, region_name=self.region)

    def storage_error(self, error: Exception, uploaded: int) -> DeployError:
        from botocore.exceptions import NoCredentialsError

        if isinstance(error, NoCredentialsError):
            return DeployError(
                f"No credentials for S3 bucket {self.bucket}: set AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) for the publishing account. Nothing was uploaded."
            )
        if not uploaded:
            return DeployError(
                f"S3 bucket {self.bucket} refused the publish ({error}): nothing was uploaded."
            )
        return DeployError(
            f"S3 bucket {self.bucket} stopped the publish after {uploaded} file(s) ({error}). The live "
            "site may mix old and new files until the next publish: fix the cause and run `invoke publish` "
            "again."
        )

    def matches(self, build: Path) -> bool | None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            remote = self.existing(self.client())
        except (BotoCoreError, ClientError) as error:
            raise self.storage_error(error, 0) from None
        files = site_files(build)
        return set(remote) == {self.key(relative) for relative in files} and all(
            remote[self.key(relative)] == hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            for relative, path in files.items()
        )

    def key(self, relative: str) -> str:
        return f"{self.prefix.strip('/')}/{relative}" if self.prefix.strip("/") else relative

    def existing(self, client) -> dict[str, str]:
        """Every key under the prefix with its ETag (the MD5 of a single-part upload)."""
        found: dict[str, str] = {}
        prefix = self.key("") if self.prefix.strip("/") else ""
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                found[item["Key"]] = item["ETag"].strip('"')
        return found

    def deploy(self, build: Path, name: str, progress: Progress = print) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        uploaded = unchanged = 0
        try:
            client = self.client()
            remote = self.existing(client)
            files = site_files(build)
            # Assets before pages, so no new page points at a file not yet uploaded.
            order = sorted(files, key=lambda relative: (relative.endswith(".html"), relative))
            for relative in order:
                body = files[relative].read_bytes()
                key = self.key(relative)
                if remote.get(key) == hashlib.md5(body, usedforsecurity=False).hexdigest():
                    unchanged += 1
                    continue
                client.put_object(
                    Bucket=self.bucket,
                    Key=key,
                    Body=body,
                    ContentType=content_type(relative),
                    CacheControl=cache_control(relative),
                )
                uploaded += 1
                progress(f"uploaded {key}")
            wanted = {self.key(relative) for relative in files}
            stale = sorted(set(remote) - wanted)
            for start in range(0, len(stale), 1000):
                batch = [{"Key": key} for key in stale[start : start + 1000]]
                client.delete_objects(Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})
        except (BotoCoreError, ClientError) as error:
            raise self.storage_error(error, uploaded) from None
        for key in stale:
            progress(f"deleted {key}")
        progress(f"S3 {self.bucket}: {uploaded} uploaded, {unchanged} unchanged, {len(stale)} deleted")


TARGET_KINDS = {
    "folder": FolderTarget,
    "rsync": RsyncTarget,
    "github-pages": GitHubPagesTarget,
    "s3": S3Target,
}


def disk_refusal(path: Path, project: Path) -> str | None:
    """Why a publish may never replace what is at `path` (settled), whatever the target, or None."""
    project = project.resolve()
    if holds(path, project) or path.resolve() == project:
        return "is the project folder (or holds it)"
    if at_top_of_disk(path):
        return "is a folder at the top of the disk"
    if path == Path.home():
        return "is the home folder"
    return None


def live_folder_refusal(path: Path, project: Path) -> str | None:
    """Why a folder target may not make `path` its link to the live build (it moves a folder there
    aside), or None. `path` is settled."""
    refusal = disk_refusal(path, project)
    if refusal:
        return refusal
    project = project.resolve()
    if holds(project, path):
        if path.parent != project:
            return "is inside a folder of the project (its content, theme, code or builds)"
        if path.exists() and not path.is_symlink():
            return (
                "is a folder of the project that a publish did not make (its content, theme, code or builds)"
            )
    if os.path.ismount(path):
        return "is a mount point (a disk of its own; a new folder inside it will do)"
    return several_sites_refusal(path)


def several_sites_refusal(path: Path) -> str | None:
    """Why a plain folder at `path` may not become the live site, or None when it is absent, empty or one
    site's web root: a first publish moves a folder aside (rsync empties it), which for a folder holding
    other sites would take them all down."""
    if not path.is_dir() or path.is_symlink():
        return None
    names = {entry.name for entry in path.iterdir()}
    if not names or names & {"index.html", "index.htm"}:
        return None
    return (
        "holds files but no index.html, so it looks like a folder of several sites (as /var/www holds "
        "html/), not the web root of one"
    )


def spaced(written, key: str) -> None:
    """Refuse a path with spaces round it: they would be part of the folder's name."""
    if str(written) != str(written).strip():
        raise DeployError(
            f"PUBLISH_TARGET: its {key} '{written}' starts or ends with a space, which would be part of the "
            f"folder's name: write it without. Nothing was published."
        )


def folder_target(written, root: Path) -> Path:
    """The live folder a folder target's `path` names (relative to the project `root`), refused with a
    sentence when it is missing or a publish would move aside something that is not a web root."""
    if not isinstance(written, (str, Path)) or not str(written).strip():
        raise DeployError(
            "PUBLISH_TARGET: a folder target needs a 'path', the folder the web server serves, for example "
            "{'kind': 'folder', 'path': '/var/www/press'} in publishconf.py. Nothing was published."
        )
    spaced(written, "path")
    path = settled(root / written)
    refusal = live_folder_refusal(path, root)
    if refusal:
        raise DeployError(
            f"PUBLISH_TARGET: its path '{written}' ({path}) {refusal}. A publish makes that path a link to "
            "the build and moves any folder there aside, so it must be the folder the web server serves: "
            "give another, for example '/var/www/press', or 'public' in the project. Nothing was published."
        )
    return path


# rsync reads `host:path` (a colon before any slash) and `rsync://…` as another machine; the rest is a
# folder on this one.
REMOTE = re.compile(r"[^/]*:|rsync://")


def rsync_destination(written, root: Path) -> str:
    """Where rsync sends the build: another machine as written, or a folder on this one, absolute (from
    the project `root`, wherever the publish runs). rsync --delete makes it the build, removing the rest,
    so a folder holding the project, or inside it, is refused."""
    if not isinstance(written, str) or not written.strip():
        raise DeployError(
            "PUBLISH_TARGET: an rsync target needs a 'destination', for example {'kind': 'rsync', "
            "'destination': 'deploy@press.example.org:/var/www/press/'}. Nothing was published."
        )
    if written.startswith("-"):
        raise DeployError(
            f"PUBLISH_TARGET: its destination '{written}' starts with '-', which rsync would read as an "
            "option: give the destination alone, and any options under 'options'. Nothing was published."
        )
    spaced(written, "destination")
    if REMOTE.match(written):
        return written
    path = settled(root / written)
    refusal = disk_refusal(path, root) or ("is inside the project" if holds(root.resolve(), path) else None)
    refusal = refusal or several_sites_refusal(path)
    if refusal:
        raise DeployError(
            f"PUBLISH_TARGET: its destination '{written}' ({path}) {refusal}. rsync --delete makes the "
            "destination the build and removes everything else there, so it must be the folder the web "
            "server serves (for a folder in the project, use {'kind': 'folder', 'path': 'public'}). "
            "Nothing was published."
        )
    return f"{path}/" if written.endswith("/") else str(path)


def checked_out_branch(repository: Path) -> str | None:
    """The branch `repository` has checked out, or None when it is no git repository (or on no branch)."""
    try:
        result = subprocess.run(
            ["git", "symbolic-ref", "--quiet", "--short", "HEAD"],
            cwd=repository,
            capture_output=True,
            text=True,
            check=False,
        )
    except (FileNotFoundError, NotADirectoryError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


def pages_branch(spec: dict, root: Path) -> dict:
    """A GitHub Pages target with its repository taken from the project `root`; refused when ghp-import
    would replace the files of the branch the repository has checked out (the project's own, usually)."""
    for key in ("remote", "branch"):
        if key in spec and (not isinstance(spec[key], str) or not spec[key] or spec[key].startswith("-")):
            raise DeployError(
                f"PUBLISH_TARGET: its {key} '{spec[key]}' is not a git {key} name (git would read one "
                "starting with '-' as an option). Nothing was published."
            )
    repository = settled(root / spec.get("repository", "."))
    branch = spec.get("branch", "gh-pages")
    if branch == checked_out_branch(repository):
        raise DeployError(
            f"PUBLISH_TARGET: its branch '{branch}' is the branch {repository} has checked out: ghp-import "
            "would replace that branch's files with the site. Publish to a branch of its own, such as "
            "'gh-pages' (GitHub serves it from Settings → Pages). Nothing was published."
        )
    return {**spec, "repository": repository}


def target_from_settings(spec: dict, root: Path):
    """Make the target `PUBLISH_TARGET` in publishconf.py names, e.g. {"kind": "folder", "path": "public"}."""
    spec = dict(spec)
    kind = spec.pop("kind", None)
    if kind not in TARGET_KINDS:
        raise DeployError(f"PUBLISH_TARGET kind '{kind}' is not one of {', '.join(TARGET_KINDS)}")
    known = [field.name for field in dataclasses.fields(TARGET_KINDS[kind])]
    unknown = [key for key in spec if key not in known]
    if unknown:
        guess = nearest(unknown[0], [*known, "kind"])
        article = "an" if kind in ("rsync", "s3") else "a"
        raise DeployError(
            f"PUBLISH_TARGET: '{unknown[0]}' is not a setting of {article} {kind} target, which takes "
            f"{', '.join(known)}{f' (did you mean {guess!r}?)' if guess else ''}. Nothing was published."
        )
    if kind == "folder":
        spec["path"] = folder_target(spec.pop("path", None), root)
    if kind == "rsync":
        spec["destination"] = rsync_destination(spec.pop("destination", None), root)
    if kind == "rsync" and "options" in spec:
        if not isinstance(spec["options"], (list, tuple)) or not all(
            isinstance(o, str) for o in spec["options"]
        ):
            raise DeployError(
                "PUBLISH_TARGET: an rsync target's 'options' is a list of rsync's options, one item each, "
                "for example ['--chmod=D755,F644']. Nothing was published."
            )
        spec["options"] = tuple(spec["options"])
    if kind == "github-pages":
        spec = pages_branch(spec, root)
    if kind == "s3" and (not isinstance(spec.get("bucket"), str) or not spec["bucket"].strip()):
        raise DeployError(
            "PUBLISH_TARGET: an s3 target needs a 'bucket', the name of the bucket the site is served from, "
            "for example {'kind': 's3', 'bucket': 'press-site'}. Nothing was published."
        )
    return TARGET_KINDS[kind](**spec)
