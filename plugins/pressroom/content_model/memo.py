"""Results of pure steps kept between builds, keyed by a hash of everything they depend on.

A step (Markdown to HTML, what sanitising would remove, the policy check of one page) gives the same
answer for the same inputs, so a build asks the memo first and a fresh process (a scheduled publish, a
fresh checkout) still finds last build's answers: keys are content hashes, never modification times.

Each memo is one file under CACHE_PATH/memo/ per version (its code; for a step that reads built pages,
the kind of build too), read once per build and written back at the end of a successful build with only
the entries that build used, so it never grows past one build's worth. Builds of different kinds taking
turns (`invoke serve`'s development pages, `invoke publish`'s public ones) so keep each other's answers;
the files of a memo last used longest ago are removed past `FILES_PER_MEMO`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# Bumped when the file layout changes; an older file is simply not read.
FORMAT = "2"
# Files kept per memo: enough for a development build, a publish and a preview taking turns, and one
# more while new code replaces old.
FILES_PER_MEMO = 4


@cache
def code_version(*module_names: str) -> str:
    """A hash of these modules' source files: a memo's answers go stale when the code that made them
    changes, as well as when their inputs do."""
    digest = hashlib.sha256(FORMAT.encode())
    for name in module_names:
        module = sys.modules[name]
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()


@cache
def library_version(distribution: str) -> str:
    """An installed library's version, looked up once per process (each lookup reads package metadata,
    and a memo's version is asked for once per source file)."""
    return version(distribution)


def key_of(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8", "surrogatepass")
        # The length first, so that ("ab", "c") and ("a", "bc") are different keys.
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()


@dataclass
class Memo:
    """One step's answers: `answer(inputs, make)` is `make()`, computed once per distinct inputs."""

    path: Path | None
    version: str
    kept: dict[str, Any] = field(default_factory=dict)
    used: dict[str, Any] = field(default_factory=dict)
    loaded: bool = False
    # How many of this build's distinct inputs found their answer kept (the rest were worked out).
    reused: int = 0

    def _load(self) -> None:
        self.loaded = True
        if self.path is None:
            return
        try:
            with self.path.open("rb") as stream:
                stored = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            # Missing, cut short by a killed build, or from older code: the answers are made again.
            return
        # Only this memo's own file: another memo's (copied or restored over it) may hold an answer
        # under the same key, since keys are hashes of inputs and two steps may read the same text.
        if (
            isinstance(stored, dict)
            and stored.get("memo") == self.path.name
            and stored.get("version") == self.version
            and isinstance(stored.get("answers"), dict)
        ):
            self.kept = stored["answers"]

    def answer(self, inputs: tuple[str, ...], make: Callable[[], T]) -> T:
        if not self.loaded:
            self._load()
        key = key_of(*inputs)
        if key in self.used:
            return self.used[key]
        if key in self.kept:
            value = self.kept[key]
            self.reused += 1
        else:
            value = make()
        self.used[key] = value
        return value

    def save(self) -> None:
        """Write this build's answers, atomically: a concurrent build reads the old file or this one."""
        if self.path is None or not self.used:
            return
        if self.used.keys() == self.kept.keys():
            # Unchanged, and marked as used now: a memo's files used longest ago are the ones removed.
            with contextlib.suppress(FileNotFoundError):
                os.utime(self.path)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(handle, "wb") as stream:
                kept = {"memo": self.path.name, "version": self.version, "answers": self.used}
                pickle.dump(kept, stream, pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


@dataclass(frozen=True)
class Reuse:
    """How much of one kind of work a build took from what earlier builds kept."""

    reused: int
    wanted: int

    def __str__(self) -> str:
        return f"{self.reused} of {self.wanted}"


@dataclass
class Memos:
    """The build's memos by name, all under one folder (None: remember within this build only); and what
    the caches of files (cards, PDFs, the search index) reused, so that one line tells how much of a
    build was done again."""

    folder: Path | None
    by_name: dict[str, Memo] = field(default_factory=dict)
    files: dict[str, Reuse] = field(default_factory=dict)

    def named(self, name: str, version: str) -> Memo:
        memo = self.by_name.get(name)
        if memo is None or memo.version != version:
            path = self.folder / f"{name}.{key_of(version)[:16]}.pickle" if self.folder else None
            memo = self.by_name[name] = Memo(path, version)
        return memo

    def save(self) -> None:
        for memo in self.by_name.values():
            memo.save()
        if self.folder is not None:
            for name in self.by_name:
                self.remove_unused_files(name)

    def remove_unused_files(self, name: str) -> None:
        """Keep the `FILES_PER_MEMO` files of this memo used last; an older one's answers are for code
        or a kind of build no longer in use."""
        assert self.folder is not None
        files = []
        for path in self.folder.glob(f"{name}.*pickle"):
            with contextlib.suppress(FileNotFoundError):
                files.append((path.stat().st_mtime, path))
        for _, path in sorted(files, reverse=True)[FILES_PER_MEMO:]:
            path.unlink(missing_ok=True)

    def note_files(self, what: str, reused: int, wanted: int) -> None:
        """Record that a cache of files had `reused` of the `wanted` files this build needed."""
        self.files[what] = Reuse(reused, wanted)

    def memo_reuse(self) -> dict[str, Reuse]:
        """This build's reuse so far, per memo."""
        return {name: Reuse(memo.reused, len(memo.used)) for name, memo in sorted(self.by_name.items())}

    def reuse(self) -> dict[str, Reuse]:
        """This build's reuse so far, per memo and per cache of files."""
        return {**self.memo_reuse(), **self.files}

    def summary(self) -> str:
        """One line for the build's log: "Memos: 812 of 830 reused (markdown 200 of 200, …); social
        cards 200 of 200; PDFs 199 of 200"."""
        memos = self.memo_reuse()
        counts = memos.values()
        total = Reuse(sum(each.reused for each in counts), sum(each.wanted for each in counts))
        each = ", ".join(f"{name} {reuse}" for name, reuse in memos.items()) or "none asked"
        files = "".join(f"; {what} {reuse}" for what, reuse in self.files.items())
        return f"Memos: {total} reused ({each}){files}"
