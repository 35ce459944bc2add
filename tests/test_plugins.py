"""Every plugin named in the settings is loaded, and metadata reaches HTML escaped."""

import ast
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader
from pelican import Pelican
from support.site import ROOT, SAMPLE_CONTENT, SAMPLE_NOW, build, read_html, site_settings

from pressroom.content_model.model import Person, Quote


def test_every_configured_plugin_is_ours_and_registers_without_error(tmp_path, caplog):
    (tmp_path / "content").mkdir()
    settings = site_settings(tmp_path / "content", tmp_path / "output")
    pelican = Pelican(settings)
    assert [plugin.__name__ for plugin in pelican.plugins] == settings["PLUGINS"]
    for plugin in pelican.plugins:
        assert Path(plugin.__file__).is_relative_to(ROOT / "plugins" / "pressroom"), plugin.__name__
    assert not [record for record in caplog.records if record.levelname in ("ERROR", "CRITICAL")]
    assert settings["JINJA_ENVIRONMENT"]["autoescape"] is True


def test_characters_that_mean_something_in_html_reach_the_page_as_text(tmp_path, build_site):
    content = tmp_path / "content"
    (content / "releases").mkdir(parents=True)
    (content / "people.yaml").write_text(
        "people:\n  - id: x\n    name: \"Jo 'O' & Brien <3\"\n    role: R & D\n    organisation: O\n"
        "press_contacts:\n  - id: press-office\n    name: Press\n    email: press@example.org\n"
    )
    (content / "releases" / "r.md").write_text(
        '---\ntitle: "Costs < 5% & \\"margins\\" > 0"\nslug: r\ndate: 2024-01-01\n'
        'type: statement\nsummary: "Tom & Jerry say \\"hi\\" <3"\nspokespeople: [x]\n'
        'quotes:\n  - by: x\n    text: "a < b && c > d"\n---\nBody.\n'
    )
    page = read_html(build_site(content), "releases/2024/r/")
    assert page.select_one("h1").get_text() == 'Costs < 5% & "margins" > 0'
    assert page.select_one("blockquote").get_text(strip=True) == "a < b && c > d"
    assert page.select_one(".quote-name").get_text() == "Jo 'O' & Brien <3"
    assert page.select_one(".quote-role").get_text() == "R & D, O"
    assert page.find("meta", attrs={"name": "description"})["content"] == 'Tom & Jerry say "hi" <3'


def test_quote_component_escapes_markup_even_if_validation_were_bypassed():
    environment = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), autoescape=True)
    template = environment.from_string('{% from "components/quote.html" import quote %}{{ quote(q) }}')
    attack = Person("<script>alert(1)</script>", "<b>role</b>")
    html = template.render(q=Quote(1, "<img src=x onerror=alert(1)>", attack))
    figure = BeautifulSoup(html, "html.parser")
    assert not figure.select("script, img, b")
    assert figure.select_one("blockquote").get_text(strip=True) == "<img src=x onerror=alert(1)>"


OPTIONAL_PLUGINS = (
    "pressroom.feeds",
    "pressroom.share_links",
    "pressroom.structured_data",
    "pressroom.social_cards",
    "pressroom.sitemap",
    "pressroom.event_calendar",
    "pressroom.favicon",
    "pressroom.security_headers",
    "pressroom.copy_ready",
    "pressroom.archive",
    "pressroom.cms",
    "pressroom.search",
)


@pytest.mark.parametrize("switched_off", [*((name,) for name in OPTIONAL_PLUGINS), OPTIONAL_PLUGINS])
def test_the_site_builds_with_any_optional_plugin_switched_off(tmp_path, switched_off):
    plugins = [
        name for name in site_settings(SAMPLE_CONTENT, tmp_path)["PLUGINS"] if name not in switched_off
    ]
    output = build(SAMPLE_CONTENT, tmp_path / "output", PLUGINS=plugins, PRESSROOM_NOW=SAMPLE_NOW)
    home = read_html(output, "/")
    first = home.select_one("main a[href*='/releases/']")["href"]
    release = read_html(output, first)
    assert release.select_one("main h1").get_text(strip=True)


def test_the_build_reads_the_people_and_topics_files_once_each(tmp_path, monkeypatch):
    reads = Counter()
    read_text = Path.read_text

    def counting_read_text(path, *args, **kwargs):
        reads[path.name] += 1
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting_read_text)
    build(SAMPLE_CONTENT, tmp_path / "output", PRESSROOM_NOW=SAMPLE_NOW)
    assert reads["people.yaml"] == 1
    assert reads["topics.yaml"] == 1


def test_no_plugin_keeps_state_in_globals():
    for source in (ROOT / "plugins" / "pressroom").rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        rebinding = [node for node in ast.walk(tree) if isinstance(node, ast.Global | ast.Nonlocal)]
        assert not rebinding, f"{source.relative_to(ROOT)}:{rebinding[0].lineno} rebinds a global"


def test_plugins_import_no_plugin_but_the_content_model():
    package = ROOT / "plugins" / "pressroom"
    for source in package.rglob("*.py"):
        own = source.relative_to(package).parts[0]
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                parts = name.split(".")
                if parts[0] == "pressroom" and len(parts) > 1:
                    assert parts[1] in (own, "content_model"), f"{source.relative_to(ROOT)} imports {name}"


def test_the_installed_project_exports_only_the_pressroom_namespace(tmp_path):
    generic = ["sitemap", "feeds", "validation", "content", "theme", "scripts", "output", "cache"]
    script = (
        "import importlib.util, json, sys\n"
        "names = sys.argv[1:] + ['pressroom.sitemap']\n"
        "print(json.dumps([name for name in names if importlib.util.find_spec(name)]))"
    )
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", script, *generic],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == ["pressroom.sitemap"]
