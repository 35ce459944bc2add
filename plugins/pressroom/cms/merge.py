"""What the editor's save writes: the file as it was, with only what was changed changed.

Decap writes a whole file of its own on every save: its own line-wrapping, its own key order, `*` for
every `-` bullet, and no comments. So the local backend does not write Decap's text; it writes the file on
disk with each value that means something else now put in, in the style the file already gave it
(a folded block keeps its line breaks wherever the words around them are unchanged), and each block of
the body kept as it was where Decap's rewrite of it renders to the same HTML. A new file is written as
`invoke new` writes one.

The front matter goes through ruamel.yaml's round-trip mode, the maintained YAML library that keeps
comments, key order, quoting and block styles; dates are read as the text written, never as dates, so
nothing is re-spelt (and an impossible date is kept for `invoke check` to name).
"""

from __future__ import annotations

import difflib
import io
import json
import re
from collections.abc import Callable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from pressroom.content_model.front_matter import FENCE, FrontMatterError, split_front_matter
from pressroom.content_model.scaffold import as_prose, front_matter_text, is_prose

TIMESTAMP = "tag:yaml.org,2002:timestamp"
# A block or list item the editor did not change: Markdown's blank-line-separated blocks.
BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")
LIST_MARKER = re.compile(r"^([ \t]*)([-*+])([ \t]+)")


class DatesAsWritten(VersionedResolver):
    """YAML's resolver without its date rule: `2022-05-23` stays the text written, and is written back so."""

    @property
    def versioned_resolver(self):
        table = super().versioned_resolver
        return {first: [rule for rule in rules if rule[0] != TIMESTAMP] for first, rules in table.items()}


def round_trip() -> YAML:
    yaml = YAML()
    yaml.Resolver = DatesAsWritten
    yaml.preserve_quotes = True
    # A line is never wrapped by the writer: a long line stays one line, as the person wrote it.
    yaml.width = 1 << 20
    # The indentation `invoke new` and the sample content use: `  - item` under its key.
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def plain(value):
    """A value as data: mappings, lists and text, without the styles and comments that carry it."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value


def says_nothing(value) -> bool:
    """An empty value, or `false`: what the schema reads as a field left out (a speaker's `chair`)."""
    return value is None or value is False or value in ("", [], {})


def meaning(value):
    """What a value says, for telling whether the editor changed it: text without the spaces and line
    breaks around it (a block's final line break is the block's, not the text's), a field that says
    nothing the same as one left out, and a person written `{id: keith-reed}` the same as `keith-reed`, as
    the schema reads both (schema.person)."""
    if isinstance(value, dict):
        value = {key: item for key, item in value.items() if not says_nothing(item)}
        if set(value) == {"id"} and isinstance(value["id"], str):
            return meaning(value["id"])
        return {key: meaning(item) for key, item in value.items()}
    if isinstance(value, list):
        return [meaning(item) for item in value]
    if isinstance(value, str):
        return value.strip()
    return value


def same(old, new) -> bool:
    return meaning(plain(old)) == meaning(plain(new))


def moved_folds(old: str, new: str, folds: list[int]) -> list[int]:
    """Where a folded block's line breaks go in its new text: each at the same place among the words
    around it, where those words are unchanged; a line whose words changed is left long."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    moved = []
    for position in folds:
        for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
            # The break and a character either side unchanged: the same word boundary in the new text.
            if tag == "equal" and i1 < position < i2 - 1:
                target = position - i1 + j1
                if new[target] == " ":
                    moved.append(target)
                break
    return moved


def written_like(old, new):
    """`new` in the style `old` was written in: folded, literal, quoted or plain."""
    if not isinstance(new, str) or not isinstance(old, str):
        return as_written(new)
    if isinstance(old, FoldedScalarString) and "\n" not in new:
        folded = FoldedScalarString(new)
        folded.fold_pos = moved_folds(str(old), new, list(getattr(old, "fold_pos", [])))
        return folded
    if isinstance(old, LiteralScalarString):
        # The block keeps its chomping: a final line break where it had one, none where it had none.
        return LiteralScalarString(new.rstrip("\n") + ("\n" if str(old).endswith("\n") else ""))
    for style in (DoubleQuotedScalarString, SingleQuotedScalarString):
        if isinstance(old, style):
            return style(new)
    # Plain text stays plain (the writer adds quotes only if YAML would otherwise read it otherwise).
    return LiteralScalarString(new) if "\n" in new.strip("\n") else new


def as_written(value):
    """A new value as `invoke new` writes one: text of several words as a block, which keeps any
    apostrophe, colon or hash as text; lists and mappings one item a line."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = as_written(item)
        return mapping
    if isinstance(value, list):
        return CommentedSeq([as_written(item) for item in value])
    if isinstance(value, str) and "\n" in value.strip("\n"):
        return LiteralScalarString(value if value.endswith("\n") else value + "\n")
    if isinstance(value, str) and is_prose(value):
        return FoldedScalarString(value.strip())
    return value


def merged_value(old, new):
    """`old` (as read from the file, with its styles and comments) with `new` put in where it means
    something else: mappings key by key, lists item by item, text in the style it had."""
    if same(old, new):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        merge_mapping(old, new)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        merge_sequence(old, new)
        return old
    return written_like(old, new)


def merge_mapping(old: CommentedMap, new: dict) -> None:
    for key in [key for key in old if key not in new and not says_nothing(plain(old[key]))]:
        del old[key]
    previous = -1
    for key, value in new.items():
        if key not in old and says_nothing(value):
            continue
        if key in old:
            old[key] = merged_value(old[key], value)
            previous = list(old).index(key)
        else:
            # A field added in the editor goes where the editor put it: after the one before it.
            previous += 1
            old.insert(previous, key, as_written(value))


def merge_sequence(old: CommentedSeq, new: list) -> None:
    keys = [json.dumps(meaning(plain(item)), sort_keys=True) for item in old]
    new_keys = [json.dumps(meaning(plain(item)), sort_keys=True) for item in new]
    opcodes = difflib.SequenceMatcher(None, keys, new_keys, autojunk=False).get_opcodes()
    # From the end, so each change leaves the positions of the ones before it as they were.
    for tag, i1, i2, j1, j2 in reversed(opcodes):
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                old[i1 + offset] = merged_value(old[i1 + offset], new[j1 + offset])
            continue
        for index in reversed(range(i1, i2)):
            del old[index]
        for offset, item in enumerate(new[j1:j2]):
            old.insert(i1 + offset, as_written(item))


def blocks(body: str) -> tuple[list[str], list[str]]:
    """The body's blocks (what blank lines separate) and the blank lines after each."""
    parts, separators, start = [], [], 0
    for gap in BLANK_LINES.finditer(body):
        parts.append(body[start : gap.start()])
        separators.append(gap.group())
        start = gap.end()
    parts.append(body[start:])
    separators.append("")
    return parts, separators


def merged_block(old: str, new: str, render: Callable[[str], str]) -> str:
    """A changed block line by line: a line that renders as it did keeps its own writing, and a changed
    list item keeps the block's bullet, so one changed word changes one line."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    if len(old_lines) != len(new_lines):
        return new
    lines = []
    for old_line, new_line in zip(old_lines, new_lines, strict=True):
        if old_line == new_line or render(old_line) == render(new_line):
            lines.append(old_line)
            continue
        marker, new_marker = LIST_MARKER.match(old_line), LIST_MARKER.match(new_line)
        if marker and new_marker:
            new_line = marker.group() + new_line[new_marker.end() :]
        lines.append(new_line)
    merged = "\n".join(lines)
    return merged if render(merged) == render(new) else new


def merged_body(old: str, new: str, render: Callable[[str], str]) -> str:
    """The body as it was, block by block, wherever Decap's rewrite of a block renders the same."""
    ending = old[len(old.rstrip("\n")) :]
    old_blocks, old_gaps = blocks(old.rstrip("\n"))
    new_blocks, _ = blocks(new.rstrip("\n"))
    matcher = difflib.SequenceMatcher(
        None, [render(block) for block in old_blocks], [render(block) for block in new_blocks], autojunk=False
    )
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces += list(zip(old_blocks[i1:i2], old_gaps[i1:i2], strict=True))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            pieces += [
                (merged_block(old_block, new_block, render), gap)
                for old_block, new_block, gap in zip(
                    old_blocks[i1:i2], new_blocks[j1:j2], old_gaps[i1:i2], strict=True
                )
            ]
        else:
            pieces += [(block, "\n\n") for block in new_blocks[j1:j2]]
    text = "".join(block + gap for block, gap in pieces[:-1]) + (pieces[-1][0] if pieces else "")
    text += ending or ("\n" if new.endswith("\n") else "")
    # Blocks are compared one at a time; the whole must still say what Decap's text says.
    return text if render(text) == render(new) else new


def read(text: str):
    """(front matter as round-trip YAML, its text, the body) of a file, or None when it cannot be read."""
    try:
        yaml_text, body, _line = split_front_matter(text)
        data = round_trip().load(yaml_text)
    except (FrontMatterError, YAMLError, ValueError):
        return None
    return (data, yaml_text, body) if isinstance(data, CommentedMap) else None


def merged_file(on_disk: str, from_editor: str, render: Callable[[str], str]) -> str:
    """The file on disk with what the editor changed, and nothing else; the editor's own text when
    either cannot be read as front matter and a body (`invoke check` then says what is wrong)."""
    old, new = read(on_disk), read(from_editor)
    if old is None or new is None:
        return from_editor
    (old_data, old_yaml, old_body), (new_data, _yaml, new_body) = old, new
    if same(old_data, new_data):
        front = old_yaml
    else:
        merge_mapping(old_data, plain(new_data))
        written = io.StringIO()
        round_trip().dump(old_data, written)
        front = written.getvalue()
    opening = on_disk[: on_disk.index(FENCE) + len(FENCE)]
    return f"{opening}\n{front}{FENCE}\n{merged_body(old_body, new_body, render)}"


def written_as_new(from_editor: str) -> str:
    """A file the editor creates, written as `invoke new` writes one: each text of several words as a
    block, in the order the editor gives (the schema's)."""
    new = read(from_editor)
    if new is None:
        return from_editor
    data, _yaml, body = new
    return f"{FENCE}\n{front_matter_text(as_prose(plain(data)))}{FENCE}\n{body}"
