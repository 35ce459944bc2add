"""Checks on a finished build, run before it may replace the live site."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from .links import check_links


def machine_file_problems(output: Path) -> list[str]:
    """Feeds, sitemaps and JSON that a reader cannot parse are as broken as a missing page."""
    problems = []
    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output).as_posix()
        try:
            if path.suffix in (".xml", ".xsl"):
                ElementTree.parse(path)
            elif path.suffix == ".json":
                json.loads(path.read_text("utf-8"))
        except (ElementTree.ParseError, json.JSONDecodeError, UnicodeDecodeError) as error:
            problems.append(f"{relative}: cannot be parsed — {error}")
    return problems


def check_build(output: Path, site_url: str = "") -> tuple[dict, list[str]]:
    """Return (figures, problems) for a built site: internal links and anchors, feeds and JSON."""
    links_checked, broken = check_links(output, site_url)
    problems = [str(link) for link in broken] + machine_file_problems(output)
    figures = {
        "pages": sum(1 for _ in output.rglob("*.html")),
        "links": links_checked,
        "machine_files": sum(1 for p in output.rglob("*") if p.suffix in (".xml", ".xsl", ".json")),
    }
    return figures, problems
