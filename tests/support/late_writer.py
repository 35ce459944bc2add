"""A plugin that writes a file at Pelican's own `finalized` signal, connected after every Pressroom plugin
(as a third-party plugin listed last would be): the leak scan must read its file too."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

NOTE_FILE = "late-note.txt"
NOTE_SETTING = "LATE_NOTE"


def write_note(pelican) -> None:
    note = pelican.settings.get(NOTE_SETTING)
    if note:
        (Path(pelican.output_path) / NOTE_FILE).write_text(note, encoding="utf-8")


def register() -> None:
    signals.finalized.connect(write_note)
