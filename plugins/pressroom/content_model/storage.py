"""The disk under a build: the cache folder it keeps, where a command may write, and a refused read or
write put in words.

Every command that writes (build, publish, rollback) ends a refused write with a sentence naming the file
and the reason (no space left, a read-only file system), never a traceback.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from pathlib import Path


def settled(path: str | Path) -> Path:
    """`path`, absolute, as the system will find it once its missing folders are made: every `..` taken
    as the disk takes it, so `/tmp/new/../../etc` is /etc (while /tmp/new is missing, asking the disk
    about that path finds nothing at all). The last name is kept as written, so a link there is seen."""
    path = Path(path).absolute()
    if path.name in ("", ".", ".."):
        return path.resolve()
    return path.parent.resolve() / path.name


def holds(folder: Path, path: Path) -> bool:
    """Whether `path` is `folder` or inside it (both absolute)."""
    return path == folder or folder in path.parents


def at_top_of_disk(path: Path) -> bool:
    """Whether `path` is the disk's root or a folder directly in it (/etc, /var, /home)."""
    return path.parent == Path(path.anchor)


class CacheUnusable(SystemExit):
    """CACHE_PATH cannot be used as a folder: the build stops, saying to delete it."""


def disk_error(error: OSError) -> str:
    """'/srv/site/index.html: No space left on device': which file (or files), and why the system refused."""
    if isinstance(error, shutil.Error) and error.args and isinstance(error.args[0], list) and error.args[0]:
        # copytree gathers one (source, target, reason) per file that failed.
        failures = error.args[0]
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        return f"{failures[0][2]}{more}"
    if error.strerror and error.filename2:
        # A copy or a rename: the second file is usually the one refused (the copy on a full disk).
        return f"{error.filename} to {error.filename2}: {error.strerror}"
    if error.strerror and error.filename:
        return f"{error.filename}: {error.strerror}"
    return error.strerror or str(error)


def cache_folder(settings: dict, *names: str) -> Path:
    """CACHE_PATH, or a folder inside it, made if missing; the build stops with a sentence when it cannot
    be (a file where the folder should be, a disk that refuses)."""
    root = Path(settings["CACHE_PATH"])
    folder = root.joinpath(*names)
    for path in (root, *(root.joinpath(*names[:end]) for end in range(1, len(names) + 1))):
        if path.exists() and not path.is_dir():
            raise CacheUnusable(
                f"The cache folder {root} cannot be used: {path} is a file, not a folder. The cache holds "
                f"only what builds make again: delete {root} and build again."
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CacheUnusable(
            f"The cache folder {root} cannot be used ({disk_error(error)}): make room on the disk or make "
            f"it writable; or delete {root}, which holds only what builds make again. Then build again."
        ) from None
    return folder


def file_digest(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, read again only when its size or time changes: cache keys hold the
    digests of fonts and templates, and a build asks for them once per release."""
    status = os.stat(path)
    return bytes_digest(str(path), status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def bytes_digest(path: str, _size: int, _modified: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
