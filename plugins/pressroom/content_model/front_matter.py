"""Read YAML front matter with the line of every key, refusing what YAML would silently accept.

PyYAML keeps the last of two duplicate keys without a word, and forgets where each value
came from; authors need both the duplicate reported and a line number for every mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

FENCE = "---"


@dataclass
class Document:
    """A parsed source file: front matter values, where each came from, and the body."""

    data: dict
    lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line_of(self, path: tuple) -> int | None:
        """The line of the deepest known part of a key path such as ('quotes', 1, 'by')."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


class FrontMatterError(Exception):
    """The front matter cannot be read at all; `line` is 1-based within the file."""

    def __init__(self, line: int | None, what: str, fix: str):
        super().__init__(what)
        self.line, self.what, self.fix = line, what, fix


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (yaml_text, body, body_line); the YAML starts on line 2 of the file."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(
            1,
            "the file does not start with front matter",
            "make the first line '---', then the fields, then a closing '---'",
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise FrontMatterError(
        1,
        "the front matter is never closed",
        "add a line '---' after the last field, before the body",
    )


def _record_lines(node, path: tuple, lines: dict, offset: int) -> None:
    lines[path] = node.start_mark.line + offset
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value
            key_line = key_node.start_mark.line + offset
            if key in seen:
                raise FrontMatterError(
                    key_line,
                    f"'{key}' is given twice (first on line {seen[key]})",
                    "keep one of them; YAML would silently use only the last",
                )
            seen[key] = key_line
            lines[(*path, key)] = key_line
            _record_lines(value_node, (*path, key), lines, offset)
            lines[(*path, key)] = key_line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines, offset)


# libyaml's parser when PyYAML was built with it (its wheels are): the same events, several times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, first_line: int = 1) -> tuple[object, dict]:
    """Parse YAML into Python values plus {key path: line}; `first_line` is the file line of text's line 1."""
    offset = first_line
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict = {}
        if node is not None:
            _record_lines(node, (), lines, offset)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + offset if mark else None
        problem = " ".join(filter(None, [error.context, error.problem]))
        raise FrontMatterError(
            line,
            f"YAML syntax error: {problem}",
            "check indentation and quote values that contain ': ' or start with a symbol",
        ) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(None, f"YAML error: {error}", "fix the YAML syntax") from None
    finally:
        loader.dispose()
    return data, lines


def read_document(text: str) -> Document:
    """Split and parse a Markdown file with YAML front matter."""
    yaml_text, body, body_line = split_front_matter(text)
    data, lines = load_yaml(yaml_text, first_line=2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            2,
            "the front matter is not a list of 'field: value' lines",
            "write each field as 'name: value' on its own line",
        )
    return Document(data=data, lines=lines, body=body, body_line=body_line)
