"""Shared fixtures: build real sites into temporary folders and read what a user would get."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support.showcase import build_showcase
from support.site import SAMPLE_CONTENT, SAMPLE_NOW, build, copy_project
from support.sources import empty_content


def pytest_runtest_setup(item):
    """Under `invoke mutate`, a test marked `mutants_of(module, ...)` runs only for those modules' mutants:
    it publishes whole sites, seconds each, and the other modules it passes through have quick tests of
    their own (mutmut runs, for each mutant, every test that ran the function it changed)."""
    modules = item.get_closest_marker("mutants_of")
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if modules and "__mutmut_" in mutant and not mutant.startswith(tuple(f"{m}." for m in modules.args)):
        pytest.skip(f"a mutant of another module than {', '.join(modules.args)}")


@pytest.fixture
def build_site(tmp_path):
    """Build a site (the sample content unless told otherwise) into tmp_path/output; returns the folder."""

    def _build(content: Path = SAMPLE_CONTENT, config: str = "pelicanconf.py", **overrides) -> Path:
        return build(content, tmp_path / "output", config, **overrides)

    return _build


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample site, built once per test run with the development settings, at a fixed moment."""
    return build(SAMPLE_CONTENT, tmp_path_factory.mktemp("sample") / "output", PRESSROOM_NOW=SAMPLE_NOW)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the sample content, for tests that add or break a release."""
    target = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, target)
    return target


@pytest.fixture
def content(tmp_path) -> Path:
    """The sample site's people and topics, with empty release and page folders: a site to add files to."""
    return empty_content(tmp_path)


@pytest.fixture
def project(tmp_path):
    """A copy of the project's settings, theme, plugins and content, so tasks can write freely."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def showcase(tmp_path_factory) -> Path:
    """The theme's showcase site (support/showcase.py), built once per test run; tests only read it."""
    return build_showcase(tmp_path_factory.mktemp("showcase"))


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright, shared by every browser test in the run."""
    from playwright.sync_api import sync_playwright
    from support.browser import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def sample_site_url(sample_site):
    """The sample site served over HTTP on 127.0.0.1, as a browser would fetch it."""
    from support.browser import serve_directory

    with serve_directory(sample_site) as url:
        yield url.rstrip("/")
