"""Problems found in content: one shape for every mistake, with file, line, field and fix."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in one file, written so the author can fix it without help."""

    path: str
    line: int | None
    field: str
    what: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.what} — {self.fix}"


class Invalid(Exception):
    """Raised by a field validator; carries one or more (subfield, what, fix) findings."""

    def __init__(self, what: str, fix: str, subfield: tuple = ()):
        super().__init__(what)
        self.findings = [(subfield, what, fix)]

    @classmethod
    def many(cls, findings: list[tuple[tuple, str, str]]) -> Invalid:
        error = cls(findings[0][1], findings[0][2], findings[0][0])
        error.findings = list(findings)
        return error


def nearest(word: str, choices) -> str | None:
    """The closest known name to a misspelt one, for 'did you mean …?' hints."""
    by_spelling = {re.sub(r"[\s-]+", "_", str(choice).lower()): choice for choice in choices}
    spelt = re.sub(r"[\s-]+", "_", str(word).strip().lower())
    if spelt in by_spelling:
        return by_spelling[spelt]
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices, otherwise: str) -> str:
    guess = nearest(word, choices)
    return f"did you mean '{guess}'?" if guess else otherwise


def shortened(text: str, length: int = 50) -> str:
    """A long text cut to quote it in a message."""
    return text if len(text) <= length else text[:length].rstrip() + "…"


def shown_path(path) -> str:
    """A path as the author would type it: relative to the working folder when inside it."""
    path = os.path.abspath(path)
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
