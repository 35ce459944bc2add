"""Shared fixtures: build real sites into temporary folders and read what a user would get."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.site import SAMPLE_CONTENT, build


@pytest.fixture
def build_site(tmp_path):
    """Build a site (the sample content unless told otherwise) into tmp_path/output; returns the folder."""

    def _build(content: Path = SAMPLE_CONTENT, config: str = "pelicanconf.py", **overrides) -> Path:
        return build(content, tmp_path / "output", config, **overrides)

    return _build


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample site, built once per test run with the development settings."""
    return build(SAMPLE_CONTENT, tmp_path_factory.mktemp("sample") / "output")


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the sample content, for tests that add or break a release."""
    target = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, target)
    return target
