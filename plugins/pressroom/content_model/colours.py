"""Brand colours, checked so that a rebrand can never make the site hard to read (WCAG 2.2 AA)."""

from __future__ import annotations

import re

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
WHITE = "#ffffff"
BLACK = "#000000"

# Each colour the theme draws with, what it is drawn against, and the contrast WCAG 2.2 AA asks for:
# 4.5:1 for text (1.4.3), 3:1 for a focus indicator against what is next to it (1.4.11).
COLOUR_RULES = {
    "primary": (WHITE, 4.5, "white header text and button labels sit on it"),
    "accent": (WHITE, 4.5, "release type labels are written in it on white"),
    "link": (WHITE, 4.5, "links are written in it on white"),
    "text": (WHITE, 4.5, "body text is written in it on white"),
    "focus": (BLACK, 3.0, "the focus ring is drawn in it beside a black edge"),
}


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of an sRGB colour written as #rrggbb."""
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def brand_findings(colours: dict) -> list[tuple[tuple, str, str]]:
    """Every reason the BRAND_COLOURS setting cannot be used: (key, what is wrong, how to fix it)."""
    findings: list[tuple[tuple, str, str]] = []
    for name, value in colours.items():
        if name not in COLOUR_RULES:
            fix = f"use {', '.join(COLOUR_RULES)}"
            findings.append(((name,), f"'{name}' is not a colour the theme uses", fix))
            continue
        if not isinstance(value, str) or not HEX_COLOUR.fullmatch(value):
            findings.append(((name,), f"{name} '{value}' is not a colour", "write it as #rrggbb"))
            continue
        background, minimum, why = COLOUR_RULES[name]
        ratio = contrast_ratio(value, background)
        if ratio < minimum:
            findings.append(
                (
                    (name,),
                    f"{name} {value} has contrast {ratio:.2f}:1 against {background}, below the {minimum}:1 "
                    f"WCAG AA needs because {why}",
                    f"choose a {'darker' if background == WHITE else 'lighter'} colour",
                )
            )
    return findings


def brand_problems(colours: dict) -> list[str]:
    """The findings as sentences, as `invoke check` says them."""
    return [f"BRAND_COLOURS: {what} — {fix}" for _, what, fix in brand_findings(colours)]
