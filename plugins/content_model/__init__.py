"""Content model: YAML front matter read, validated and resolved into Release and Page objects."""

from pelican import signals

from .reader import PressroomReader


def use_pressroom_reader(readers) -> None:
    for extension in PressroomReader.file_extensions:
        readers.reader_classes[extension] = PressroomReader


def register() -> None:
    signals.readers_init.connect(use_pressroom_reader)
