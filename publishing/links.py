"""Every internal link and anchor in a built site leads somewhere."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"))


@dataclass(frozen=True)
class BrokenLink:
    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: link to {self.link} — {self.reason}"


def page_file(output: Path, path: str) -> Path | None:
    """The file a static server would answer `path` with, or None."""
    candidate = output / unquote(path).lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def anchors_of(html_file: Path, cache: dict) -> set[str]:
    if html_file not in cache:
        soup = BeautifulSoup(html_file.read_text("utf-8"), "html.parser")
        cache[html_file] = {tag["id"] for tag in soup.find_all(id=True)} | {
            tag["name"] for tag in soup.find_all("a", attrs={"name": True})
        }
    return cache[html_file]


def internal_path(link: str, page_url: str, site_url: str) -> tuple[str, str] | None:
    """(path from the site root, fragment) for a link that stays on this site, else None."""
    parts = urlsplit(link)
    if parts.scheme in ("mailto", "tel", "data", "javascript"):
        return None
    if parts.scheme or parts.netloc:
        site = urlsplit(site_url) if site_url else None
        if not site or (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
        path = parts.path[len(site.path.rstrip("/")) :] if site.path else parts.path
    elif parts.path.startswith("/"):
        path = parts.path
    elif parts.path:
        base = page_url.rsplit("/", 1)[0]
        path = f"{base}/{parts.path}"
    else:
        path = page_url
    segments: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if segments:
                segments.pop()
        elif segment != ".":
            segments.append(segment)
    return "/".join(segments) or "/", parts.fragment


def check_links(output: Path, site_url: str = "") -> tuple[int, list[BrokenLink]]:
    """Return (links checked, broken links) over every HTML page in `output`."""
    output = Path(output)
    cache: dict = {}
    checked, broken = 0, []
    for html_file in sorted(output.rglob("*.html")):
        relative = html_file.relative_to(output).as_posix()
        page_url = "/" + relative
        soup = BeautifulSoup(html_file.read_text("utf-8"), "html.parser")
        for tag_name, attribute in LINK_ATTRIBUTES:
            for tag in soup.find_all(tag_name, attrs={attribute: True}):
                address = str(tag[attribute])
                target = internal_path(address, page_url, site_url)
                if target is None:
                    continue
                checked += 1
                path, fragment = target
                found = page_file(output, path)
                if found is None:
                    broken.append(BrokenLink(relative, address, "no such page or file"))
                elif fragment and found.suffix == ".html" and fragment not in anchors_of(found, cache):
                    broken.append(BrokenLink(relative, address, f"no element with id '{fragment}'"))
    return checked, broken
