"""Every plugin named in the settings is loaded, and metadata reaches HTML escaped."""

from pathlib import Path

from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader
from pelican import Pelican
from support.site import ROOT, read_html, site_settings

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
