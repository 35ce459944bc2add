"""Settings are defined once, checked at the start of every build, and read nowhere else."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from support.site import ROOT, SAMPLE_CONTENT, build, site_settings

from pressroom.content_model import SettingsInvalid
from pressroom.content_model.settings import option_fields, read_options, settings_table
from pressroom.content_model.site import site_of
from pressroom.validation.site_check import check_site

SETTING_NAMES = {spec.metadata["name"] for spec in option_fields()}
# The one module that reads settings by name.
SETTINGS_MODULE = ROOT / "plugins" / "pressroom" / "content_model" / "settings.py"


def problems_with(**given) -> list[str]:
    _, problems = read_options(site_settings(SAMPLE_CONTENT, SAMPLE_CONTENT.parent / "unused", **given))
    return [str(problem) for problem in problems]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # A host on its own where a list belongs was read letter by letter into the policy.
        (
            {"PRESSROOM_EMBED_HOSTS": "www.youtube-nocookie.com"},
            "pelicanconf.py: PRESSROOM_EMBED_HOSTS: is text ('www.youtube-nocookie.com'), not a list of "
            "hosts — put it in square brackets: ['www.youtube-nocookie.com']",
        ),
        (
            {"PRESSROOM_FEED_MAX_ITEMS": "50"},
            "pelicanconf.py: PRESSROOM_FEED_MAX_ITEMS: is the text '50', not a number — write 50 without "
            "quotation marks",
        ),
        ({"PRESSROOM_FEED_MAX_ITEMS": 0}, "PRESSROOM_FEED_MAX_ITEMS: is 0 — write a whole number from 1"),
        ({"TIMEZONE": "London"}, "TIMEZONE: 'London' is not a time zone"),
        ({"SITEURL": "press.example.org"}, "SITEURL: 'press.example.org' is not a web address"),
        ({"SPOKESPERSON_URL": "people/"}, "SPOKESPERSON_URL: 'people/' has no {id} — put {id} in it"),
        ({"CAMPAIGN_SAVE_AS": "campaigns/{id}/"}, "CAMPAIGN_SAVE_AS: 'campaigns/{id}/' does not name a page"),
        (
            {"BRAND_COLOURS": {"primary": "purple"}},
            "BRAND_COLOURS['primary']: primary 'purple' is not a colour",
        ),
        ({"BRAND_COLOURS": {"links": "#1d4f91"}}, "BRAND_COLOURS['links']: 'links' is not a colour the"),
        ({"NAVIGATION": {"text": "Archive", "url": "archive/"}}, "NAVIGATION: is a dictionary"),
        ({"NAVIGATION": [{"text": "Archive"}]}, "NAVIGATION[0]: is a dictionary without url"),
        ({"CMS": {"enabled": "yes"}}, "CMS['enabled']: is text ('yes') — write True or False"),
        ({"CMS": {"enabeld": True}}, "CMS['enabeld']: 'enabeld' is not one of its keys — did you mean"),
        ({"RELATED_RELEASES": True}, "RELATED_RELEASES: is True or False (True), not a whole number"),
        ({"PRESSROOM_CSP_META": "True"}, "PRESSROOM_CSP_META: is text ('True') — write True or False"),
        ({"PUBLISH_TARGET": {"kind": "ftp"}}, "PUBLISH_TARGET['kind']: 'ftp' is not one of folder, rsync"),
        # Pelican added '10' to a number and stopped with a TypeError traceback.
        ({"DEFAULT_PAGINATION": "10"}, "DEFAULT_PAGINATION: is the text '10', not a number"),
        ({"DEFAULT_PAGINATION": -1}, "DEFAULT_PAGINATION: is -1 — write a whole number from 1 to 1000"),
        ({"SITENAME": " "}, "SITENAME: is empty — write a value, for example"),
        # Builds would write their memos, cards and PDFs into the content, the disk's top or the output.
        (
            {"CACHE_PATH": str(SAMPLE_CONTENT)},
            "CACHE_PATH: '" + str(SAMPLE_CONTENT) + "' is the content folder",
        ),
        ({"CACHE_PATH": str(SAMPLE_CONTENT / "cache")}, "is the content folder or inside it"),
        ({"CACHE_PATH": str(SAMPLE_CONTENT.parent)}, "holds the content folder — give a folder of its own"),
        ({"CACHE_PATH": "/srv"}, "CACHE_PATH: '/srv' is at the top of the disk"),
        (
            {"CACHE_PATH": str(SAMPLE_CONTENT.parent / "unused" / "cache")},
            "is inside the output, which every",
        ),
    ],
)
def test_a_setting_that_cannot_be_used_is_one_line_naming_it_and_the_fix(given, expected):
    assert any(expected in problem for problem in problems_with(**given)), problems_with(**given)


def test_every_wrong_setting_is_reported_in_one_run_by_check():
    settings = site_settings(
        SAMPLE_CONTENT,
        SAMPLE_CONTENT.parent / "unused",
        PRESSROOM_FEED_MAX_ITEMS="50",
        PRESSROOM_EMBED_HOSTS="www.youtube-nocookie.com",
        TIMEZONE="Mars/Olympus",
    )
    fields = {problem.field for problem in check_site(settings).errors}
    assert {"PRESSROOM_FEED_MAX_ITEMS", "PRESSROOM_EMBED_HOSTS", "TIMEZONE"} <= fields


def test_a_wrong_setting_stops_the_build_with_sentences_before_anything_is_written(tmp_path):
    with pytest.raises(SettingsInvalid) as stopped:
        build(SAMPLE_CONTENT, tmp_path / "output", PRESSROOM_FEED_MAX_ITEMS="50", CMS={"enabled": "yes"})
    message = str(stopped.value)
    assert "PRESSROOM_FEED_MAX_ITEMS" in message and "CMS['enabled']" in message
    assert message.endswith("2 setting(s) cannot be used: nothing was built.")
    assert not (tmp_path / "output").exists()


def test_invoke_check_names_a_wrong_setting_without_a_traceback(tmp_path):
    config = tmp_path / "brokenconf.py"
    config.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(SAMPLE_CONTENT)!r}\nPRESSROOM_FEED_MAX_ITEMS = '50'\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--config", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "brokenconf.py: PRESSROOM_FEED_MAX_ITEMS: is the text '50', not a number" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_editor_settings_without_their_defaults_still_build(tmp_path):
    """`CMS = {"enabled": True, …}` written without `**CMS` used to end in a KeyError."""
    cms = {"enabled": True, "bundle": str(ROOT / "cms" / "node_modules" / "decap-cms" / "dist")}
    output = build(SAMPLE_CONTENT, tmp_path / "output", CMS=cms)
    assert (output / "admin" / "config.yml").is_file()


def test_settings_are_normalised_for_the_templates_and_plugins(tmp_path):
    settings = site_settings(SAMPLE_CONTENT, tmp_path / "output", SITEURL="https://press.example.org/")
    site = site_of(settings)
    assert site.url == "https://press.example.org"
    assert settings["SITEURL"] == "https://press.example.org"
    assert site.absolute("releases/2022/x/") == "https://press.example.org/releases/2022/x/"


def test_a_development_build_has_one_fallback_for_absolute_addresses(tmp_path):
    site = site_of(site_settings(SAMPLE_CONTENT, tmp_path / "output", SITEURL=""))
    assert site.link("releases/2022/x/") == "/releases/2022/x/"
    assert site.absolute("releases/2022/x/") == "http://localhost:8000/releases/2022/x/"


def test_readme_settings_table_is_the_definitions():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = readme.split("<!-- settings:start -->\n", 1)[1].split("\n<!-- settings:end -->", 1)[0]
    assert documented == settings_table()


def setting_reads(path) -> list[tuple[int, str]]:
    """Where a module reads a setting by its name: `settings["X"]`, `settings.get("X")`, or the same
    through a constant naming it. Writing one (an override for a build) is not reading it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {
        target.id: node.value.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and node.value.value in SETTING_NAMES
    }

    def named(node) -> str | None:
        if isinstance(node, ast.Constant) and node.value in SETTING_NAMES:
            return node.value
        if isinstance(node, ast.Name) and node.id in constants:
            return constants[node.id]
        return None

    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and named(node.slice):
            found.append((node.lineno, named(node.slice)))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
            and named(node.args[0])
        ):
            found.append((node.lineno, named(node.args[0])))
    return found


def test_no_module_but_the_settings_reads_a_setting_by_its_name():
    modules = [
        *sorted((ROOT / "plugins" / "pressroom").rglob("*.py")),
        *sorted((ROOT / "publishing").glob("*.py")),
        ROOT / "tasks.py",
    ]
    reads = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in modules
        if path != SETTINGS_MODULE
        for line, name in setting_reads(path)
    ]
    assert reads == []


def test_the_architecture_test_finds_a_read(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        'KEY = "SITEURL"\nsettings = {}\nsettings["SITEURL"] = "x"\nvalue = settings.get(KEY)\n'
        'other = settings["PRESSROOM_FEED_MAX_ITEMS"]\n',
        encoding="utf-8",
    )
    assert setting_reads(module) == [(4, "SITEURL"), (5, "PRESSROOM_FEED_MAX_ITEMS")]


@pytest.mark.parametrize("given", [{"DEFAULT_PAGINATION": False}, {"DEFAULT_PAGINATION": 0}])
def test_listings_on_one_page_are_a_setting_that_can_be_used(given):
    assert problems_with(**given) == []


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (
            'THEME = "no-such-theme"',
            "pelicanconf.py: Could not find the theme no-such-theme — correct the setting",
        ),
        ("NAVIGATION = (", "pelicanconf.py:"),
    ],
)
def test_a_settings_file_pelican_cannot_read_ends_in_a_sentence(project, line, said):
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check"], cwd=project, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert said in result.stderr and "Nothing was built." in result.stderr
    assert "Traceback" not in result.stderr
