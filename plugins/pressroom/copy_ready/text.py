"""The copy-ready .txt: a press release as plain text, one paragraph per line, ready to paste anywhere.

Paragraphs are not wrapped: a content system or an email reflows them, and hard line breaks would not.
"""

from __future__ import annotations

from .document import Block, PressDocument

SECTION_BREAK = "\n\n"


def labelled(lines: tuple[tuple[str, str], ...]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in lines)


def block_text(block: Block) -> str:
    if block.kind == "quote":
        return f"{block.text}\n{block.attribution}"
    if block.kind == "heading":
        return block.text.upper()
    return block.text


def blocks_text(blocks: tuple[Block, ...]) -> str:
    text, previous = "", None
    for block in blocks:
        # Consecutive list items stay together, as a list does on the page.
        separator = "\n" if block.kind == previous == "item" else "\n\n"
        text = f"{text}{separator}{block_text(block)}" if text else block_text(block)
        previous = block.kind
    return text


def press_text(document: PressDocument) -> str:
    sections = [
        f"{document.type_label.upper()}\n{document.organisation}\n{document.dateline}",
        document.headline.upper(),
        document.standfirst,
    ]
    if document.facts:
        sections.append(labelled(document.facts))
    sections += [blocks_text(document.body), "ENDS"]
    if document.notes:
        sections.append("NOTES TO EDITORS\n\n" + blocks_text(document.notes))
    if document.contact:
        sections.append("MEDIA CONTACT\n" + labelled(document.contact))
    sections.append(f"This {document.type_label.lower()} online: {document.web_address}")
    return SECTION_BREAK.join(sections) + "\n"
