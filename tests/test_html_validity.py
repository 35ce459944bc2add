"""Every page the build writes, and the stylesheet, pass the Nu HTML Checker with no error."""

from __future__ import annotations

import pytest
from support.validators import run_vnu

pytestmark = pytest.mark.validator


def test_every_built_page_and_the_stylesheet_are_valid(showcase, sample_site):
    pages = sorted(showcase.rglob("*.html")) + sorted(sample_site.rglob("*.html"))
    stylesheet = showcase / "theme" / "css" / "site.css"
    assert len(pages) >= 40 and stylesheet.is_file()
    errors = run_vnu([*pages, stylesheet])
    assert [
        (error["url"].rsplit("/output/", 1)[-1], error.get("lastLine"), error["message"]) for error in errors
    ] == []
