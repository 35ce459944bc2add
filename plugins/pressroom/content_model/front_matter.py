"""Read YAML front matter with the line of every key, refusing what YAML would silently accept or choke on.

PyYAML keeps the last of two duplicate keys without a word, forgets where each value came from, and
builds whatever a document asks for: tags, anchors that expand a few lines into gigabytes, nesting deep
enough to crash libyaml. Authors need every mistake reported with its line, and the build needs to
survive any file, so the front matter is checked event by event before anything is built from it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field

import yaml

FENCE = "---"
# YAML's own line breaks, so a line number here is the line number libyaml reports.
LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029]")
# A release needs a list of groups at most (quotes → person); anything deeper is a mistake or an attack.
MAX_DEPTH = 8

_NON_CHARACTERS = "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 17)
)
# Characters with no place in text: control characters other than tab and line breaks, DEL, C1 controls,
# lone surrogates and Unicode non-characters. YAML refuses them, XML 1.0 refuses most (a feed holding one
# is not well-formed) and browsers report them as errors.
FORBIDDEN_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + _NON_CHARACTERS + "]"
)
# Page and section breaks from word processors: in the body they become paragraph breaks.
PAGE_BREAKS = re.compile("[\x0b\x0c]")
CONTROL_NAMES = {
    "\x00": "NUL",
    "\x07": "bell",
    "\x08": "backspace",
    "\x0b": "vertical tab",
    "\x0c": "form feed, a page break pasted from a word processor",
    "\x1b": "escape",
    "\x7f": "delete",
}


def describe_character(character: str) -> str:
    """'U+000C (form feed, …)': how an author can find an invisible character in their editor."""
    code = ord(character)
    if character in CONTROL_NAMES:
        kind = CONTROL_NAMES[character]
    elif 0xD800 <= code <= 0xDFFF:
        kind = "half of a broken character pair"
    elif unicodedata.category(character) == "Cc":
        kind = "a control character"
    elif unicodedata.category(character) == "Cf":
        kind = unicodedata.name(character, "an invisible formatting character").lower()
    else:
        kind = "a Unicode non-character"
    return f"U+{code:04X} ({kind})"


@dataclass
class Document:
    """A parsed source file: front matter values, where each came from, and the body."""

    data: dict
    lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    # False for a document read around a mistake (FrontMatterError.partial): it is checked, never built.
    complete: bool = True
    # Fields whose values YAML could not read (a mistake reported apart), by name: their line.
    unreadable: dict = field(default_factory=dict)

    def line_of(self, path: tuple) -> int | None:
        """The line of the deepest known part of a key path such as ('quotes', 1, 'by')."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    # Markdown's HTML for a text of this file, kept so that validation (which reports what sanitising
    # would remove) and the reader (which builds the page) convert each text once per build.
    rendered: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def markdown(self) -> str:
        """The body as Markdown reads it: a pasted page break starts a new paragraph."""
        return PAGE_BREAKS.sub("\n\n", self.body)

    def __getstate__(self) -> dict:
        # Kept between builds without its conversions: the Markdown memo keeps those once.
        return {**self.__dict__, "rendered": {}}

    def render(self, text: str, convert) -> str:
        """`convert(text)`, Markdown to unsanitised HTML, converted once however often it is asked for."""
        if text not in self.rendered:
            self.rendered[text] = convert(text)
        return self.rendered[text]


class FrontMatterError(Exception):
    """The front matter cannot be read as a whole; `line` is 1-based within the file.

    A `local` mistake (a value YAML cannot read, a refused character or tag) leaves the rest readable:
    `read_document` then adds the other mistakes (`others`) and the document as far as it can be read
    (`partial`: the fields around the mistake, and the body), so that one run reports them all. A
    mistake in where the front matter starts or ends is not local: nothing around it can be trusted.
    """

    def __init__(
        self, line: int | None, what: str, fix: str, field: str = "front matter", local: bool = True
    ):
        super().__init__(what)
        self.line, self.what, self.fix, self.field, self.local = line, what, fix, field, local
        self.others: list[FrontMatterError] = []
        self.partial: Document | None = None

    def __reduce__(self):
        # Kept in the front matter memo between builds, with what was read around it.
        return (FrontMatterError, (self.line, self.what, self.fix, self.field, self.local), self.__dict__)


def split_lines(text: str) -> list[str]:
    """Lines with their line breaks, split where YAML splits them."""
    lines, start = [], 0
    for match in LINE_BREAK.finditer(text):
        lines.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


FIELD_LINE = re.compile(r"^([^\s#:\-][^:]*):")


def _field_at(lines: list[str], index: int) -> str:
    """The top-level field a front matter line belongs to, for a problem found on that line."""
    for line in reversed(lines[: index + 1]):
        match = FIELD_LINE.match(line)
        if match:
            return match.group(1).strip()
    return "front matter"


# libyaml's work grows with the square of the bracket depth (40,000 '[' take minutes, or crash it), so
# brackets are counted before the parser sees them. Text may hold a few unmatched '[' of its own, hence
# a bound well above any real nesting; the parser's events then hold the real depth to MAX_DEPTH.
MAX_OPEN_BRACKETS = 64
BRACKET = re.compile(r"[\[\]{}]")


def _refuse_deep_brackets(lines: list[str], first_line: int) -> None:
    depth = 0
    for number, line in enumerate(lines, start=first_line):
        for bracket in BRACKET.findall(line):
            depth += 1 if bracket in "[{" else -1
            if depth > MAX_OPEN_BRACKETS:
                raise _too_deep(number)


def _too_deep(line: int) -> FrontMatterError:
    return FrontMatterError(
        line,
        f"values are nested more than {MAX_DEPTH} levels deep",
        "no field needs more than a list of groups: remove the extra brackets or indentation",
    )


def _never_closed() -> FrontMatterError:
    return FrontMatterError(
        1,
        "the front matter is never closed",
        "add a line '---' after the last field, before the body",
        local=False,
    )


def _closing_fence(shadow: str, lines: list[str]) -> int:
    """The index of the line that ends the front matter, as the YAML parser sees it.

    libyaml ends a document at a `---` in column 0 even inside a `|` block, so the parser, not a line
    scan, decides; an indented `---` (a horizontal rule inside notes_to_editors) stays part of its value.
    """
    loader = SafeLoader(shadow)
    previous = None
    try:
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.DocumentEndEvent):
                break
            if isinstance(event, yaml.StreamEndEvent):
                break
            if not isinstance(event, yaml.CollectionEndEvent):
                previous = event
    except yaml.MarkedYAMLError as error:
        if not any(line.rstrip() == FENCE for line in lines[1:]):
            raise _never_closed() from None
        raise _syntax_error(error, 1, split_lines(shadow)) from None
    finally:
        loader.dispose()
    index = event.start_mark.line
    if not isinstance(event, yaml.DocumentEndEvent) or index >= len(lines) or index == 0:
        raise _never_closed()
    fence = lines[index].rstrip()
    if fence not in (FENCE, "..."):
        raise FrontMatterError(
            index + 1,
            f"the line that ends the front matter is '{fence[:40]}', not '---' alone",
            "put '---' on a line of its own after the last field, and the body below it",
            local=False,
        )
    body_start = lines[index + 1] if index + 1 < len(lines) else ""
    in_block = isinstance(previous, yaml.ScalarEvent) and previous.style in ("|", ">")
    if in_block and body_start.strip() and body_start[0] in " \t":
        raise FrontMatterError(
            index + 1,
            "this '---' is inside a '|' or '>' block of text, but a '---' at the start of a line ends "
            "the front matter, so the rest of the block and every field after it would be lost",
            "indent the '---' like the lines around it (or write *** for a horizontal rule)",
            local=False,
        )
    return index


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (yaml_text, body, body_line); the YAML starts on line 2 of the file."""
    text = text.removeprefix("\ufeff")
    lines = split_lines(text)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(
            1,
            "the file does not start with front matter",
            "make the first line '---', then the fields, then a closing '---'",
            local=False,
        )
    # The parser must find the fence even when the body holds characters YAML refuses; each becomes
    # one harmless character, so every line and column stays where it was.
    shadow = FORBIDDEN_CHARACTER.sub("\ufffd", text)
    # YAML ends the front matter at the first '---' in column 0, if not before.
    first_fence = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == FENCE), len(lines))
    _refuse_deep_brackets(lines[1:first_fence], 2)
    index = _closing_fence(shadow, split_lines(shadow))
    _refuse_invisible_characters(lines[:index], 1, lambda number: _field_at(lines, number - 1))
    return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2


def _refuse_merge_and_complex_keys(key_node, offset: int) -> None:
    line = key_node.start_mark.line + offset
    if not isinstance(key_node, yaml.ScalarNode):
        raise FrontMatterError(
            line,
            "a field name is a list or a group, not a word",
            "write each field as 'name: value', with a plain name before the colon",
        )
    if key_node.tag == "tag:yaml.org,2002:merge":
        raise FrontMatterError(
            line,
            "'<<' (a YAML merge key) is not allowed",
            "write the fields out in full, so each one is visible where it is used",
        )


def _record_lines(node, path: tuple, lines: dict, offset: int) -> None:
    lines[path] = node.start_mark.line + offset
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            _refuse_merge_and_complex_keys(key_node, offset)
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


class TextBeforeComment(str):
    """A value YAML ended at ' #': it reads the rest of the line as a comment and drops it. Kept apart
    so that a field of text can refuse it (`#BabiesCantWait` cut from a quote), while an id or a date
    with a comment after it stays what it was."""

    comment: str


# Where YAML ends an unquoted value: spaces, then '#' and the rest of the line, dropped.
COMMENT_AFTER = re.compile(r"[ \t]+(#[^\r\n]*)")


def _construct_text(loader, node) -> str:
    value = loader.construct_scalar(node)
    lines = loader.source_lines
    # Only an unquoted value runs into a comment unawares: a quoted or block value ends where it says.
    if node.style or node.end_mark.line >= len(lines):
        return value
    comment = COMMENT_AFTER.match(lines[node.end_mark.line], node.end_mark.column)
    if comment is None:
        return value
    cut = TextBeforeComment(value)
    cut.comment = comment.group(1)
    return cut


# libyaml's parser when PyYAML was built with it (its wheels are): the same events, several times faster.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TextPreservingLoader(SafeLoader):  # type: ignore[misc, valid-type]
    """Safe loading, except that a date or number Python cannot hold stays the text the author wrote.

    `2024-02-30` looks like a date to YAML and cannot be one; kept as text, the field's own check
    reports it with the line, instead of the whole read failing.
    """

    def __init__(self, text: str):
        super().__init__(text)
        self.source_lines = split_lines(text)


def _tolerant(construct):
    def build(loader, node):
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            return node.value

    return build


for _tag, _construct in (
    ("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_timestamp),
    ("tag:yaml.org,2002:int", yaml.constructor.SafeConstructor.construct_yaml_int),
    ("tag:yaml.org,2002:float", yaml.constructor.SafeConstructor.construct_yaml_float),
):
    TextPreservingLoader.add_constructor(_tag, _tolerant(_construct))
TextPreservingLoader.add_constructor("tag:yaml.org,2002:str", _construct_text)
# YAML 1.1 reads a lone '=' as a "value key"; to an author it is just the character.
TextPreservingLoader.add_constructor("tag:yaml.org,2002:value", lambda loader, node: node.value)


# The fix for text YAML cannot read as it stands: a block keeps anything typed into it as text.
AS_A_BLOCK = "write it as a block: '>-' after the colon, and the text on the lines below, indented"
KEY_AND_VALUE = re.compile(
    r"^(?P<indent>[ \t]*(?:- +)?)(?P<key>[^\s#'\"\[{][^:#]*?):[ \t]+(?P<value>.*?)\s*$"
)
COMMENT = re.compile(r"(?:^|[ \t])#")


def _quoted_too_early(value: str) -> tuple[str, str] | None:
    """For a value that opens with a quotation mark closed before its end, (what YAML read, the rest)."""
    mark = value[:1]
    if mark not in ("'", '"'):
        return None
    index = 1
    while index < len(value):
        if value[index] == mark and mark == "'" and value[index + 1 : index + 2] == "'":
            index += 2  # '' is YAML's way of writing ' inside single quotes
            continue
        if value[index] == "\\" and mark == '"':
            index += 2
            continue
        if value[index] == mark:
            rest = value[index + 1 :]
            return (value[: index + 1], rest) if rest.strip() and not rest.lstrip().startswith("#") else None
        index += 1
    return None


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _stray_text_line(lines: list[str], index: int) -> int | None:
    """A line of text near where YAML stopped that is neither a field nor indented under the one above."""
    for candidate in (index, index - 1):
        if candidate < 1 or candidate >= len(lines):
            continue
        line = lines[candidate]
        text = line.strip()
        if not text or text.startswith(("#", "- ", "---")) or KEY_AND_VALUE.match(line) or text.endswith(":"):
            continue
        above = next((lines[i] for i in range(candidate - 1, -1, -1) if lines[i].strip()), "")
        if _indentation(line) < _indentation(above) or (
            KEY_AND_VALUE.match(above) and _indentation(line) <= _indentation(above)
        ):
            return candidate
    return None


def _likely_cause(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str, str] | None:
    """What probably made YAML stop, in words: (index of the line to name, what is wrong, the fix)."""
    mark = error.problem_mark or error.context_mark
    if mark is None or mark.line >= len(lines):
        return None
    index, line = mark.line, lines[mark.line]
    problem, context = error.problem or "", error.context or ""
    if "\t" in line[: len(line) - len(line.lstrip())] or line[mark.column : mark.column + 1] == "\t":
        return (
            index,
            "this line is indented with a tab, and YAML allows only spaces",
            "replace the tab with spaces",
        )
    if "document indicator" in problem and error.context_mark is not None:
        opened = error.context_mark.line
        return (
            opened,
            f"the quotation mark that starts the value of '{_field_at(lines, opened)}' is not closed before "
            "a '---' at the start of a later line, which YAML reads as the end of the front matter",
            "close it at the end of the value; a '---' that is part of the text must be indented, in a "
            "block ('|' after the colon)",
        )
    if "escape" in problem or "hexdecimal" in problem:
        # Inside double quotes a backslash starts a code (\n, \", \x41); any other is refused, though closed.
        start = line.rfind("\\", 0, mark.column + 1)
        code = line[start : start + 2]
        return (
            index,
            f"the value of '{_field_at(lines, index)}' is in double quotes, where a backslash starts a code "
            f"such as \\n, and YAML cannot read {code} as one",
            f"write the backslash twice ({code[:1] * 2}{code[1:]}), or {AS_A_BLOCK}",
        )
    if "quoted scalar" in context and error.context_mark is not None:
        opened = error.context_mark.line
        return (
            opened,
            f"the quotation mark that starts the value of '{_field_at(lines, opened)}' is never closed",
            f"close it at the end of the value; if the mark is part of the text, {AS_A_BLOCK}",
        )
    here = KEY_AND_VALUE.match(line)
    if here:
        key, value = here["key"].strip(), here["value"]
        early = _quoted_too_early(value)
        if early:
            read, rest = early
            if value[0] == "'" and rest[:1].isalpha() and read[-2:-1].isalpha():
                # The word runs to the next space, less the mark that closes the value ('Babies can't' wait).
                word = (read[:-1].split() or [""])[-1] + "'" + rest.split()[0].rstrip("'")
                return (
                    index,
                    f"the value of '{key}' starts with a single quotation mark, so YAML reads it as quoted "
                    f"text, which ends at the apostrophe in “{word.lstrip(chr(39))}”",
                    f"write the apostrophe twice ({word.lstrip(chr(39)).replace(chr(39), chr(39) * 2)}), "
                    f"or {AS_A_BLOCK}",
                )
            return (
                index,
                f"the value of '{key}' starts with a quotation mark, so YAML reads only {read} as the value "
                "and cannot read what follows it",
                f"if the marks are part of the text, {AS_A_BLOCK}; or put the whole value inside the marks",
            )
        if "mapping values are not allowed" in problem and ": " in value:
            return (
                index,
                f"the value of '{key}' has a colon followed by a space (': '), which YAML reads as the start "
                "of another field",
                f"put the whole value in double quotes, or {AS_A_BLOCK}",
            )
    # A comment inside a value (after text, or on an indented line of its own) ends the value early.
    in_brackets = "flow" in context and error.context_mark is not None
    opened = error.context_mark.line if in_brackets and error.context_mark else index - 1
    before = lines[opened] if 0 <= opened < len(lines) else ""
    inside = in_brackets or line[:1] in " \t"
    if inside and before[:1] != "#" and COMMENT.search(before.split(": ", 1)[-1]):
        return (
            opened,
            f"the ' #' on this line starts a YAML comment, which ends the value of "
            f"'{_field_at(lines, opened)}' there, so what follows cannot be read",
            f"put the whole value in double quotes, or {AS_A_BLOCK}",
        )
    if "mapping values are not allowed" in problem and line[:1] in " \t":
        return (
            index,
            "this line is indented further than the field above it, so YAML reads it as part of that "
            "field's value",
            "start it where the field names above it start",
        )
    stray = _stray_text_line(lines, index)
    if stray is not None:
        return (
            stray,
            f"this line is not indented enough to be part of the text of '{_field_at(lines, stray)}' above "
            "it, and it is not a 'name: value' line either",
            "indent it by as many spaces as the lines of text above it",
        )
    if "flow" in context:
        return (
            opened,
            f"a '[' or '{{' in the value of '{_field_at(lines, opened)}' is not closed where YAML expects it",
            "close the bracket; if it is part of the text, put the whole value in double quotes, or "
            + AS_A_BLOCK,
        )
    return None


def _syntax_error(error: yaml.MarkedYAMLError, offset: int, lines: list[str]) -> FrontMatterError:
    """YAML's complaint as a sentence: the likely cause on its line, and how to write the value instead."""
    cause = _likely_cause(error, lines)
    if cause:
        index, what, fix = cause
        # A '---' inside a value moves where the front matter seems to end: nothing around it can be read.
        local = "document indicator" not in (error.problem or "")
        return FrontMatterError(index + offset, what, fix, _field_at(lines, index), local=local)
    mark = error.problem_mark or error.context_mark
    line = mark.line + offset if mark else None
    return FrontMatterError(
        line,
        "YAML cannot read this line as part of 'name: value' lines",
        "check its indentation; a value that holds ': ' or ' #', or starts with a quotation mark or a "
        f"bracket, must be in double quotes, or {AS_A_BLOCK}",
        _field_at(lines, mark.line) if mark and mark.line < len(lines) else "front matter",
    )


@contextmanager
def _reading(loader, offset: int, text: str):
    """Run a YAML pass, turning YAML's errors into FrontMatterError and always freeing libyaml's parser."""
    try:
        yield
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, offset, split_lines(text)) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(None, f"YAML error: {error}", "fix the YAML syntax") from None
    finally:
        loader.dispose()


def _refuse_hazards(text: str, offset: int) -> None:
    """Refuse anchors, aliases, tags and deep nesting from the event stream, before any value is built.

    The events come from libyaml's loop, which needs no recursion; building nested values does, and
    40,000 '[' crash libyaml outright, so the depth is bounded here first.
    """
    loader = TextPreservingLoader(text)
    depth = 0
    with _reading(loader, offset, text):
        while not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            line = event.start_mark.line + offset
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise FrontMatterError(
                    line,
                    "YAML anchors and aliases ('&name', '*name') are not allowed",
                    "write each value out in full: a few aliases can expand into gigabytes",
                )
            if getattr(event, "tag", None) is not None:
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                raise FrontMatterError(
                    line,
                    f"the YAML tag '{tag}' is not allowed",
                    "remove it and write the value plainly (in quotes if it is text)",
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1


def _refuse_invisible_characters(lines: list[str], first_line: int, field_of=None) -> None:
    """The first control or non-character in `lines`, as an error on its line (and field, when known)."""
    for number, line in enumerate(lines, start=first_line):
        found = FORBIDDEN_CHARACTER.search(line)
        if found:
            raise FrontMatterError(
                number,
                f"contains the invisible character {describe_character(found.group())}",
                "delete it (retype the text around it if you cannot see it)",
                field=field_of(number) if field_of else "front matter",
            )


def load_yaml(text: str, first_line: int = 1) -> tuple[object, dict]:
    """Parse YAML into Python values plus {key path: line}; `first_line` is the file line of text's line 1."""
    offset = first_line
    text_lines = split_lines(text)
    _refuse_invisible_characters(
        text_lines, first_line, lambda number: _field_at(text_lines, number - first_line)
    )
    _refuse_deep_brackets(text_lines, first_line)
    _refuse_hazards(text, offset)
    loader = TextPreservingLoader(text)
    with _reading(loader, offset, text):
        node = loader.get_single_node()
        lines: dict = {}
        if node is not None:
            _record_lines(node, (), lines, offset)
        data = loader.construct_document(node) if node is not None else None
    return data, lines


def _as_document(data, lines: dict, body: str, body_line: int) -> Document:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            2,
            "the front matter is not a list of 'field: value' lines",
            "write each field as 'name: value' on its own line",
            local=False,
        )
    return Document(data=data, lines=lines, body=body, body_line=body_line)


def _read_around(text: str, error: FrontMatterError) -> tuple[list[FrontMatterError], Document | None]:
    """The file read field by field around a mistake that stopped reading it whole: every other field's
    mistake, and a document of the fields that can be read and the body."""
    lines = split_lines(text.removeprefix("\ufeff"))
    fence = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == FENCE), None)
    if fence is None:
        return [], None
    starts = [i for i in range(1, fence) if FIELD_LINE.match(lines[i])]
    if not starts:
        return [], None
    starts.append(fence)
    data: dict = {}
    where: dict = {}
    others: list[FrontMatterError] = []
    unreadable: dict = {}
    for start, end in itertools.pairwise(starts):
        name = FIELD_LINE.match(lines[start]).group(1).strip()  # type: ignore[union-attr]
        try:
            value, value_lines = load_yaml("".join(lines[start:end]), first_line=start + 1)
        except FrontMatterError as mistake:
            # The same mistake is told once: nine lines of aliases are one thing to put right.
            told = [(each.field, each.what) for each in (error, *others)]
            if mistake.line != error.line and (mistake.field, mistake.what) not in told:
                others.append(mistake)
            unreadable[name] = start + 1
            continue
        if not isinstance(value, dict) or name in data:
            unreadable[name] = start + 1
            continue
        data.update(value)
        where.update(value_lines)
    try:
        partial = _as_document(data, where, "".join(lines[fence + 1 :]), fence + 2)
    except FrontMatterError:
        return others, None
    partial.complete, partial.unreadable = False, unreadable
    return others, partial


def read_document(text: str) -> Document:
    """Split and parse a Markdown file with YAML front matter; a FrontMatterError that leaves the rest
    readable carries the other mistakes and what could be read (see FrontMatterError)."""
    try:
        yaml_text, body, body_line = split_front_matter(text)
        data, lines = load_yaml(yaml_text, first_line=2)
        return _as_document(data, lines, body, body_line)
    except FrontMatterError as error:
        if error.local:
            error.others, error.partial = _read_around(text, error)
        raise
