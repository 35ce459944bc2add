"""A plugin that cannot load, or any error logged while building, stops every kind of build.

Pelican on its own logs `Cannot load plugin` and builds on without it; without `pressroom.visibility`
that would publish embargoed releases.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pelican import signals
from support.site import ROOT, site_settings

from pressroom.visibility.build_guard import BuildStopped
from publishing.build import BUILD_MARKER, build_and_replace
from publishing.publish import BuildStore, publish
from publishing.targets import FolderTarget

PLUGINS = site_settings(ROOT, ROOT)["PLUGINS"]
MISSPELT = [name.replace("visibility", "visibilty") for name in PLUGINS]
EMBARGOED = """---
title: A verdict nobody may read before the embargo lifts
date: 2022-05-23
slug: embargoed-verdict
type: statement
summary: Held until one minute past midnight on 23 May 2099, whatever the build.
embargo: 2099-05-23T00:01+01:00
---
The body of a release still under embargo.
"""


def digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def earlier_output(tmp_path) -> Path:
    """An output folder from an earlier build, which a failed build must leave as it is."""
    output = tmp_path / "output"
    output.mkdir()
    (output / BUILD_MARKER).write_text("earlier build")
    (output / "index.html").write_text("the site as it was")
    return output


@pytest.fixture
def plugin_folder(tmp_path) -> Iterator[Path]:
    """Plugins that go wrong in the two ways a plugin does: on import, and by logging an error."""
    folder = tmp_path / "extra_plugins"
    (folder / "broken_on_import").mkdir(parents=True)
    (folder / "broken_on_import" / "__init__.py").write_text("import no_such_module  # noqa\n")
    (folder / "logs_an_error").mkdir()
    (folder / "logs_an_error" / "__init__.py").write_text(
        "import logging\n"
        "from pelican import signals\n\n"
        "def complain(generators):\n"
        "    logging.getLogger('pelican.generators').error('Could not process images/photo.jpg')\n\n"
        "def register():\n"
        "    signals.all_generators_finalized.connect(complain)\n"
    )
    yield folder
    # Pelican's signals outlive a build: later builds in this test run must not hear this plugin.
    logging_plugin = sys.modules.pop("logs_an_error", None)
    if logging_plugin:
        signals.all_generators_finalized.disconnect(logging_plugin.complain)


def settings_file(folder: Path, plugins: list[str]) -> Path:
    """A settings file beside the project's publishconf.py, with another PLUGINS list."""
    path = folder / "settings.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *  # noqa\n"
        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"PLUGINS = {plugins!r}\n"
    )
    return path


def test_plain_pelican_stops_at_a_misspelt_plugin_and_writes_nothing(tmp_path, content_copy):
    (content_copy / "releases" / "2022" / "embargoed.md").write_text(EMBARGOED, encoding="utf-8")
    settings = settings_file(tmp_path, MISSPELT)
    pelican = str(Path(sys.executable).with_name("pelican"))
    result = subprocess.run(
        [pelican, str(content_copy), "-s", str(settings), "-o", str(tmp_path / "output")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "300"},
    )
    assert result.returncode == 1
    assert "Cannot load plugin `pressroom.visibilty`" in result.stderr
    assert "correct its name in PLUGINS" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    "plugins",
    [MISSPELT, [*MISSPELT[:2], "broken_on_import", *MISSPELT[2:]]],
    ids=["misspelt-name", "import-error-inside"],
)
def test_invoke_build_stops_when_a_plugin_cannot_load_and_keeps_the_old_output(
    earlier_output, plugin_folder, plugins
):
    before = digest(earlier_output)
    with pytest.raises(BuildStopped, match="Cannot load plugin"):
        build_and_replace(
            earlier_output,
            ROOT / "pelicanconf.py",
            PLUGINS=plugins,
            PLUGIN_PATHS=[str(ROOT / "plugins"), str(plugin_folder)],
        )
    assert digest(earlier_output) == before
    assert {path.name for path in earlier_output.parent.iterdir()} == {earlier_output.name, "extra_plugins"}


def test_an_error_logged_during_the_build_stops_it(earlier_output, plugin_folder):
    before = digest(earlier_output)
    with pytest.raises(BuildStopped, match=r"Could not process images/photo\.jpg — the build stops"):
        build_and_replace(
            earlier_output,
            ROOT / "pelicanconf.py",
            PLUGINS=[*PLUGINS, "logs_an_error"],
            PLUGIN_PATHS=[str(ROOT / "plugins"), str(plugin_folder)],
        )
    assert digest(earlier_output) == before


def test_invoke_publish_stops_when_a_plugin_cannot_load_and_the_live_site_stays(tmp_path, content_copy):
    live = FolderTarget(tmp_path / "www")
    store = BuildStore(tmp_path / "store")
    publish(ROOT / "publishconf.py", live, store, progress=lambda _: None, content=content_copy)
    before = digest(live.path)
    (content_copy / "releases" / "2022" / "embargoed.md").write_text(EMBARGOED, encoding="utf-8")
    settings = settings_file(tmp_path, MISSPELT)
    with pytest.raises(SystemExit, match=r"Cannot load plugin `pressroom\.visibilty`"):
        publish(settings, live, store, progress=lambda _: None, content=content_copy)
    assert digest(live.path) == before
    assert not (live.path / "releases" / "2022" / "embargoed-verdict").exists()
