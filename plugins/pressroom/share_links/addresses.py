"""Absolute addresses: what a share, a preview or a sitemap must carry, since it is read off the site."""

from __future__ import annotations

from urllib.parse import urlsplit


def absolute_url(siteurl: str, path: str) -> str:
    """`path` on the site at `siteurl`; an address that already has a scheme is kept as it is."""
    if urlsplit(path).scheme:
        return path
    return f"{siteurl.rstrip('/')}/{path.lstrip('/')}"
