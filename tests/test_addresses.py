"""Every address a release, a page, the directory or the settings hold is read as browsers read it, and
none can add a directive to the site's Content-Security-Policy.

Hostile values are written where a careless comms officer or an attacker would put them (a release's
image, `responds_to`, an event's links, a body's embed, a person's photo, PRESSROOM_EMBED_HOSTS), and
`invoke check` must name each at its `file:line: field`; the policy built from the content keeps its
fixed set of directives whatever the content holds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.site import SAMPLE_CONTENT, build, read_html, site_settings

from pressroom.content_model.sanitise import removals, sanitise
from pressroom.security_headers import site_policy
from pressroom.validation.site_check import check_site

# The directives the site's policy has, each once: content may add sources to img-src and frame-src only.
DIRECTIVES = [
    "default-src",
    "script-src",
    "style-src",
    "img-src",
    "connect-src",
    "frame-src",
    "form-action",
    "base-uri",
    "frame-ancestors",
]
SANDBOX_IMAGE = "https://img.example;sandbox/photo.png"
FRAMEABLE_PHOTO = "https://photos.example;frame-ancestors *;x/k.jpg"
BACKSLASH_EMBED = "https://evil.example\\@www.youtube-nocookie.com/embed/x"

HOSTILE_RELEASE = f"""---
title: Charity responds to the spending review
date: 2022-06-01
type: policy-response
summary: A short standfirst.
responds_to:
  title: The spending review
  url: https://treasury.example@evil.example/review
image:
  src: {SANDBOX_IMAGE}
  alt: A family at a children's centre
---
The charity responded today.

<iframe src="{BACKSLASH_EMBED}" title="Our film"></iframe>
"""
HOSTILE_EVENT = """---
title: Our summer conference
date: 2022-06-01
type: event
summary: A day on babies' mental health.
event:
  start: 2022-07-01T10:00
  online_url: https://meet.example\\@zoom.example/j/1
  registration_url: https://tickets.example,evil.example/
---
Join us.
"""
HOSTILE_PERSON = f"""  - id: mallory
    name: Mallory Example
    role: Trustee
    organisation: Parent-Infant Foundation
    photo: "{FRAMEABLE_PHOTO}"
"""


def write_hostile(root: Path) -> Path:
    """A hostile person in people.yaml, and a hostile release and event as the only releases."""
    shutil.rmtree(root / "releases", ignore_errors=True)
    (root / "releases").mkdir(parents=True)
    people = (root / "people.yaml").read_text(encoding="utf-8")
    people = people.replace("press_contacts:\n", HOSTILE_PERSON + "press_contacts:\n", 1)
    (root / "people.yaml").write_text(people, encoding="utf-8")
    (root / "releases" / "response.md").write_text(HOSTILE_RELEASE, encoding="utf-8")
    (root / "releases" / "event.md").write_text(HOSTILE_EVENT, encoding="utf-8")
    return root


@pytest.fixture
def hostile_content(tmp_path) -> Path:
    root = tmp_path / "content"
    root.mkdir()
    for name in ("people.yaml", "topics.yaml"):
        shutil.copy(SAMPLE_CONTENT / name, root / name)
    return write_hostile(root)


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def expected_places(content: Path) -> set[tuple[str, int, str]]:
    response, event, people = (
        content / "releases" / "response.md",
        content / "releases" / "event.md",
        content / "people.yaml",
    )
    return {
        (response.name, line_of(response, "url: "), "responds_to.url"),
        (response.name, line_of(response, "src: "), "image.src"),
        (response.name, line_of(response, "<iframe"), "body"),
        (event.name, line_of(event, "online_url: "), "event.online_url"),
        (event.name, line_of(event, "registration_url: "), "event.registration_url"),
        (people.name, line_of(people, "photo: "), "people.4.photo"),
    }


def test_check_names_every_hostile_address_at_its_file_line_and_field(hostile_content, tmp_path):
    result = check_site(site_settings(hostile_content, tmp_path / "output"))
    found = {(Path(problem.path).name, problem.line, problem.field) for problem in result.errors}
    assert found == expected_places(hostile_content), [str(problem) for problem in result.errors]


def test_invoke_check_refuses_the_hostile_addresses_in_a_project(project):
    content = write_hostile(project / "content")
    checked = subprocess.run(
        [sys.executable, "-m", "invoke", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr
    reported = checked.stderr.splitlines()
    for name, line, field in expected_places(content):
        shown = f"{name}:{line}: {field}: "
        assert any(shown in problem for problem in reported), (shown, checked.stderr)


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("https://treasury.example@evil.example/review", "names a user before the host"),
        ("https://www.gov.uk/report\\2024", "contains a backslash (\\), which browsers read as /"),
        ("https://www.gov.uk/report 2024", "contains the character U+0020 (space)"),
        (
            "https://report.example;sandbox/",
            "has 'report.example;sandbox' where the name of a site should be",
        ),
        ("https://www.gov.uk:99999/", "has '99999' where a port number should be"),
        ("www.gov.uk/report", "is not a web address starting with https://"),
    ],
)
def test_check_says_what_is_wrong_with_an_address(hostile_content, tmp_path, address, said):
    response = hostile_content / "releases" / "response.md"
    text = HOSTILE_RELEASE.replace("https://treasury.example@evil.example/review", address)
    response.write_text(text.replace(SANDBOX_IMAGE, "https://images.example.org/photo.png"), encoding="utf-8")
    result = check_site(site_settings(hostile_content, tmp_path / "output"))
    [problem] = [problem for problem in result.errors if problem.field == "responds_to.url"]
    assert said in problem.what
    assert problem.fix.startswith(("give ", "remove "))


def directives_of(policy: str) -> dict[str, list[str]]:
    """A policy as browsers parse it: directives split at ';', the first of each name kept."""
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        name, *sources = part.split() or [""]
        if name:
            parsed.setdefault(name.lower(), sources)
    return parsed


HOSTILE_IMAGES = [
    SANDBOX_IMAGE,
    FRAMEABLE_PHOTO,
    BACKSLASH_EMBED,
    "https://a.example, https://b.example/x.png",
    "https://c.example;report-uri https://evil.example/r/x.png",
    "https://user@d.example/x.png",
    "https://e.example\tsandbox/x.png",
    "https://images.example.org/ok.jpg",
]


@pytest.mark.parametrize("meta", [False, True], ids=["header", "meta"])
def test_no_address_can_add_a_directive_to_the_policy(meta):
    settings = site_settings(SAMPLE_CONTENT, SAMPLE_CONTENT.parent / "unused", "publishconf.py")
    policy, _ = site_policy(
        {**settings, "PRESSROOM_EMBED_HOSTS": ["www.youtube-nocookie.com"]}, HOSTILE_IMAGES
    )
    written = directives_of(policy.meta() if meta else policy.header())
    expected = [name for name in DIRECTIVES if not (meta and name == "frame-ancestors")]
    assert list(written) == expected
    assert written["img-src"] == ["'self'", "https://images.example.org"]
    assert len(policy.header().split(";")) == len(DIRECTIVES), "one of each directive"


def test_an_embed_host_that_is_not_a_host_stops_check_and_the_build(build_site):
    hosts = ["www.youtube-nocookie.com", "evil.example; sandbox", "https://x.example\\@y.example"]
    result = check_site(
        site_settings(SAMPLE_CONTENT, SAMPLE_CONTENT.parent / "unused", PRESSROOM_EMBED_HOSTS=hosts)
    )
    reported = [(problem.path, problem.field) for problem in result.errors]
    assert reported == [
        ("pelicanconf.py", "PRESSROOM_EMBED_HOSTS[1]"),
        ("pelicanconf.py", "PRESSROOM_EMBED_HOSTS[2]"),
    ]
    assert "'evil.example; sandbox'" in result.errors[0].what
    with pytest.raises(SystemExit):
        build_site(config="publishconf.py", PRESSROOM_EMBED_HOSTS=hosts)


def test_a_source_in_the_settings_cannot_smuggle_a_directive_either():
    with pytest.raises(SystemExit, match=re.escape("PRESSROOM_CSP_SOURCES: 'https://a.example; sandbox'")):
        site_policy(
            site_settings(
                SAMPLE_CONTENT,
                SAMPLE_CONTENT.parent / "unused",
                PRESSROOM_CSP_SOURCES={"img-src": ["https://a.example; sandbox"]},
            ),
            [],
        )


def test_the_built_headers_and_meta_policy_have_each_directive_once_and_only_checked_origins(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "releases" / "2024").mkdir()
    (content / "releases" / "2024" / "photo.md").write_text(
        """---
title: A release with photos from other hosts
date: 2024-04-04
type: news
summary: Two hosts, one written in capitals with its default port.
image:
  src: HTTPS://Images.Example.ORG:443/library/visit.jpg
  alt: A health visitor with a parent and baby
---
A chart: <img src="https://charts.example.net:8443/teams.png" alt="Teams by region">
""",
        encoding="utf-8",
    )
    hosts = ["www.youtube-nocookie.com", "https://player.vimeo.com/"]
    output = build(content, tmp_path / "output", "publishconf.py", PRESSROOM_EMBED_HOSTS=hosts)
    header = next(
        line.split(": ", 1)[1]
        for line in (output / "_headers").read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("Content-Security-Policy:")
    )
    meta = read_html(output, "releases/2024/a-release-with-photos-from-other-hosts/").find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"}
    )["content"]
    for policy, names in ((header, DIRECTIVES), (meta, [n for n in DIRECTIVES if n != "frame-ancestors"])):
        assert [part.split()[0] for part in policy.split(";")] == names
        written = directives_of(policy)
        assert written["img-src"] == [
            "'self'",
            "https://images.example.org",
            "https://charts.example.net:8443",
        ]
        assert written["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


# --- The sanitiser reads addresses as browsers do ---------------------------------------------------

EMBED_HOSTS = ["www.youtube-nocookie.com"]


@pytest.mark.parametrize(
    "html",
    [
        f'<iframe src="{BACKSLASH_EMBED}"></iframe>',
        '<iframe src="https://evil.example&#92;@www.youtube-nocookie.com/embed/x"></iframe>',
        '<iframe src="https://evil.example@www.youtube-nocookie.com/embed/x"></iframe>',
        '<iframe src="https://www.youtube-nocookie.com:8443/embed/x"></iframe>',
        '<iframe src="https://www.youtube-nocookie.com\t/embed/x"></iframe>',
    ],
)
def test_an_embed_is_kept_only_from_a_listed_host_as_browsers_read_it(html):
    assert 'src="' not in sanitise(html, EMBED_HOSTS)
    assert len(removals(html, EMBED_HOSTS)) == 1


@pytest.mark.parametrize(
    "html",
    [
        f'<img src="{SANDBOX_IMAGE}" alt="">',
        '<img src="https://evil.example\\@images.example.org/x.png" alt="">',
        '<img src="\\\\evil.example/x.png" alt="">',
        '<img src="//evil.example;sandbox/x.png" alt="">',
        '<a href="https://bank.example@evil.example/login">Your bank</a>',
    ],
)
def test_an_image_or_link_browsers_would_read_differently_is_removed_and_named(html):
    assert "src=" not in sanitise(html) and "href=" not in sanitise(html)
    [removal] = removals(html)
    assert "browsers would read it differently" in removal.what


def test_ordinary_addresses_are_kept():
    html = (
        '<iframe src="https://www.youtube-nocookie.com/embed/abc?start=10"></iframe>'
        '<img src="https://images.example.org/a.png" alt=""><img src="/images/b.png" alt="">'
        '<a href="#fn:1">1</a><a href="mailto:press@example.org">Email</a>'
        '<a href="tel:+442079460000">Call</a>'
        '<a href="https://www.gov.uk/government/publications/x;y?a=1,2#z">Report</a>'
    )
    assert removals(html, EMBED_HOSTS) == []


# --- What is accepted, Chromium reads the same way ----------------------------------------------------

ADDRESSES = [
    "https://www.gov.uk/government/publications/x;y?a=1,2#z",
    "HTTPS://WWW.Example.ORG:443/a",
    "http://example.org:80/",
    "https://example.org:8443",
    "https://[::1]:8443/x",
    "https://[0:0:0:0:0:0:0:1]/",
    "https://[2001:db8:0:0:1:0:0:1]/",
    "https://192.168.0.1/x.png",
    "https://xn--bcher-kva.example/",
    "https://www.youtube-nocookie.com/embed/abc",
    SANDBOX_IMAGE,
    FRAMEABLE_PHOTO,
    BACKSLASH_EMBED,
    "https://user:secret@example.org/",
    "https:example.org/x",
    "https:/example.org/x",
    "https://1.2.3/",
    "https://0x7f.1/",
    "https://2130706433/",
    "https://example.org%2F@evil.example/",
    "https://ex%61mple.org/",
    "https://exa mple.org/",
    "https://example.org\u200b/",
    "https://[fe80::1%25eth0]/",
    "https://[::ffff:1.2.3.4]/",
    "https://example.org:99999/",
]


@pytest.mark.browser
def test_every_address_accepted_is_read_by_chromium_as_it_is_here(chromium):
    from pressroom.content_model.addresses import is_web_address, web_address

    page = chromium.new_page()
    try:
        read = page.evaluate(
            """(addresses) => addresses.map((address) => {
                try { const url = new URL(address); return [url.origin, url.username + url.password]; }
                catch (error) { return null; }
            })""",
            ADDRESSES,
        )
    finally:
        page.close()
    accepted = [address for address in ADDRESSES if is_web_address(address)]
    assert len(accepted) == 10
    for address, in_chromium in zip(ADDRESSES, read, strict=True):
        if is_web_address(address):
            assert in_chromium == [web_address(address).origin, ""], address
