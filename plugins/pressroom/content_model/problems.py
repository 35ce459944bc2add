"""Problems found in content: one shape for every mistake, with file, line, field and fix."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass

# Every line break a value can hold: YAML's, Unicode's, and the page breaks pasted from word processors.
LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# A value that spanned lines is shown at most this long: enough to find it in the file.
SHOWN_VALUE = 60


def one_line(text: str) -> str:
    """`text` on one line: a quoted value that spans lines shows each break as ⏎ and, when long, its start
    and end only; a break outside quotes is shown as ⏎ too."""
    breaks = list(LINE_BREAKS.finditer(text))
    if not breaks:
        return text
    start = text.rfind("'", 0, breaks[0].start()) + 1
    end = text.find("'", breaks[-1].end())
    if not start or end < 0:
        return LINE_BREAKS.sub("⏎", text)
    value = LINE_BREAKS.sub("⏎", text[start:end])
    if len(value) > SHOWN_VALUE:
        value = f"{value[: SHOWN_VALUE - 15]}…{value[-14:]}"
    return text[:start] + value + text[end:]


@dataclass(frozen=True)
class Problem:
    """One mistake in one file, written so the author can fix it without help, always on one line."""

    path: str
    line: int | None
    field: str
    what: str
    fix: str
    severity: str = "error"

    def __post_init__(self) -> None:
        for name in ("field", "what", "fix"):
            object.__setattr__(self, name, one_line(getattr(self, name)))

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


def nearest(word: str, choices, cutoff: float = 0.6) -> str | None:
    """The closest known name to a misspelt one, for 'did you mean …?' hints; `cutoff` how close (0 to 1)."""
    by_spelling = {re.sub(r"[\s-]+", "_", str(choice).lower()): choice for choice in choices}
    spelt = re.sub(r"[\s-]+", "_", str(word).strip().lower())
    if spelt in by_spelling:
        return by_spelling[spelt]
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=cutoff)
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
