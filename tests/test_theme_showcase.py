"""The showcase site builds every kind of page and shows nothing that is not public."""

from support.showcase import HIDDEN_SLUGS, HIDDEN_TITLES, PAGE_TYPES
from support.site import read_html


def test_showcase_builds_every_page_type_and_hides_what_is_not_public(showcase):
    output = showcase
    for name, address in PAGE_TYPES.items():
        page = read_html(output, address)
        assert len(page.select("h1")) == 1, name
    every_file = [path for path in output.rglob("*") if path.is_file()]
    for path in every_file:
        text = path.read_bytes().decode("utf-8", errors="ignore")
        assert not any(slug in path.as_posix() or slug in text for slug in HIDDEN_SLUGS), path
        assert not any(title in text for title in HIDDEN_TITLES), path
