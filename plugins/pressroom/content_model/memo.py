"""Results of pure steps kept between builds, keyed by a hash of everything they depend on.

A step (Markdown to HTML, what sanitising would remove, the policy check of one page) gives the same
answer for the same inputs, so a build asks the memo first and a fresh process (a scheduled publish, a
fresh checkout) still finds last build's answers: keys are content hashes, never modification times.

Each memo is one file under CACHE_PATH/memo/, read once per build and written back at the end of a
successful build with only the entries that build used, so it never grows past one build's worth.
"""

from __future__ import annotations

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
        value = self.kept[key] if key in self.kept else make()
        self.used[key] = value
        return value

    def save(self) -> None:
        """Write this build's answers, atomically: a concurrent build reads the old file or this one."""
        if self.path is None or not self.used or (self.used.keys() == self.kept.keys()):
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


@dataclass
class Memos:
    """The build's memos by name, all under one folder (None: remember within this build only)."""

    folder: Path | None
    by_name: dict[str, Memo] = field(default_factory=dict)

    def named(self, name: str, version: str) -> Memo:
        memo = self.by_name.get(name)
        if memo is None or memo.version != version:
            path = self.folder / f"{name}.pickle" if self.folder else None
            memo = self.by_name[name] = Memo(path, version)
        return memo

    def save(self) -> None:
        for memo in self.by_name.values():
            memo.save()
