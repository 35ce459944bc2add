"""Security headers are computed for the site as built, written to `_headers`, and satisfied by every page.

Pages are read back with BeautifulSoup, independently of the plugin's own check: every inline style has a
hash the policy lists, no script runs inline, and nothing is loaded from a host the policy does not name.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support.browser import read_headers_file
from support.site import ROOT, SAMPLE_CONTENT, build, read_html, site_settings

import pelicanconf
from pressroom.security_headers import PolicyNotSatisfied, site_policy
from pressroom.security_headers.policy import (
    brand_style,
    content_security_policy,
    header_rules,
    headers_file,
    security_headers,
)

EXTERNAL_IMAGE_RELEASE = """---
title: A release whose photo is on the charity's image library
date: 2024-04-04
slug: photo-from-the-library
type: news
summary: The photo comes from another host, so the policy must name that host.
image:
  src: https://images.example.org/library/visit.jpg
  alt: A health visitor with a parent and baby
---
A release with a photo from elsewhere, and a chart from a partner in its body.

<figure><img src="https://charts.example.net/teams.png" alt="Teams by region"></figure>
"""
EXECUTABLE_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript"}


def read_headers(output: Path) -> dict[str, str]:
    lines = (output / "_headers").read_text(encoding="utf-8").splitlines()
    assert "/*" in lines, "one rule for every path"
    return dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The sample site plus a release with a photo from another host, built for publishing."""
    content = tmp_path_factory.mktemp("security") / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "releases" / "2024").mkdir()
    (content / "releases" / "2024" / "photo.md").write_text(EXTERNAL_IMAGE_RELEASE, encoding="utf-8")
    return build(content, content.parent / "output", "publishconf.py")


@pytest.fixture(scope="module")
def headers(site) -> dict[str, str]:
    return read_headers(site)


def test_headers_file_sends_a_strict_policy_and_its_companions(headers):
    policy = directives(headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'"], "search compiles WebAssembly"
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"], "copy-release.js fetches the release's .txt"
    risky = {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "https:"}
    assert not risky & {source for sources in policy.values() for source in sources}
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "X-Robots-Tag" not in headers


def test_images_from_another_host_are_allowed_by_that_host_alone(headers, site):
    img_src = directives(headers["Content-Security-Policy"])["img-src"]
    assert img_src == ["'self'", "https://images.example.org", "https://charts.example.net"]
    photo = read_html(site, "releases/2024/photo-from-the-library/").select_one(".release-image img")
    assert photo["src"] == "https://images.example.org/library/visit.jpg"


def test_every_page_satisfies_the_policy_it_is_served_with(site, headers):
    policy = directives(headers["Content-Security-Policy"])
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    inline_styles = 0
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        shown = path.relative_to(site).as_posix()
        for style in soup.find_all("style"):
            inline_styles += 1
            assert sha256_source(style.string or "") in policy["style-src"], shown
        for script in soup.find_all("script"):
            if script.get("src"):
                assert script["src"].startswith(("/", "https://press.parentinfantfoundation.org.uk/")), shown
            else:
                assert script.get("type", "").lower() not in EXECUTABLE_SCRIPT_TYPES, shown
        for element in soup.find_all(True):
            assert "style" not in element.attrs, f"{shown}: <{element.name} style>"
            assert not [name for name in element.attrs if name.startswith("on")], f"{shown}: <{element.name}>"
    assert inline_styles == len(pages), "each page has the brand style, allowed by its hash"


def test_the_brand_style_carries_the_brand_colours_and_its_hash_is_in_the_policy(site, headers):
    style = read_html(site, "/").select_one("head style").string
    assert "--brand-primary: #4b2673;" in style
    assert sha256_source(style) in headers["Content-Security-Policy"]


def test_publish_builds_repeat_the_policy_in_a_meta_element_without_header_only_directives(site, headers):
    head = read_html(site, "releases/2022/care-review-response/").head
    meta = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    expected = {
        name: sources
        for name, sources in directives(headers["Content-Security-Policy"]).items()
        if name != "frame-ancestors"
    }
    assert directives(meta["content"]) == expected
    loads = head.find_all(["link", "style", "script"])
    assert all(element.sourceline > meta.sourceline for element in loads), (
        "the policy comes before what it governs"
    )
    assert head.find("meta", attrs={"name": "referrer"})["content"] == "strict-origin-when-cross-origin"


def test_development_builds_leave_the_meta_policy_out_so_live_reload_can_run(sample_site):
    assert read_html(sample_site, "/").find("meta", attrs={"http-equiv": "Content-Security-Policy"}) is None
    assert "Content-Security-Policy" in read_headers(sample_site)


def test_embed_hosts_and_extra_sources_come_from_the_settings():
    policy = content_security_policy(
        embed_origins=["https://www.youtube-nocookie.com"],
        extra_sources={"script-src": ["'wasm-unsafe-eval'"], "worker-src": ["'self'"]},
    )
    written = directives(policy.header())
    assert written["frame-src"] == ["https://www.youtube-nocookie.com"]
    assert written["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert written["worker-src"] == ["'self'"]
    assert "frame-src" not in directives(content_security_policy().header())


def test_embed_hosts_setting_reaches_the_headers_file(build_site):
    output = build_site(PRESSROOM_EMBED_HOSTS=["www.youtube-nocookie.com", "https://player.vimeo.com"])
    frames = directives(read_headers(output)["Content-Security-Policy"])["frame-src"]
    assert frames == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def test_preview_builds_are_also_kept_out_of_search_engines_by_header(build_site):
    output = build_site(PRESSROOM_PREVIEW=True)
    assert read_headers(output)["X-Robots-Tag"] == "noindex, nofollow"


def test_a_brand_colour_that_is_not_a_colour_never_reaches_the_inline_style():
    style = brand_style({"primary": "#4b2673", "link": "red;}</style><script>", "Bad Name": "#000000"})
    assert style == ":root { --brand-primary: #4b2673; }"
    assert brand_style({}) == ""


# What a careless theme might add to every page, each with the start of what the build must say about it.
CARELESS = {
    "<script>document.title = 'x'</script>": "<script>: an inline script",
    "<style>body { color: red }</style>": "<style>: an inline style whose hash is not in the policy",
    '<p style="color: red">Red</p>': "<p style>: a style attribute",
    '<button onclick="go()">Go</button>': "<button onclick>: an event-handler attribute",
    '<a href="javascript:go()">Go</a>': "<a href>: a javascript: address",
    '<img src="https://tracker.example.net/p.gif" alt="">': "<img src>: https://tracker.example.net is not",
}


def test_a_theme_that_breaks_the_policy_fails_the_build_naming_each_page_line_and_fix(build_site, tmp_path):
    theme = tmp_path / "careless-theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates" / "base.html"
    careless = "\n".join(CARELESS)
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", f"</footer>\n{careless}"))
    with pytest.raises(PolicyNotSatisfied) as caught:
        build_site(THEME=str(theme))
    on_home = [problem for problem in caught.value.problems if problem.startswith("index.html:")]
    assert len(on_home) == len(CARELESS)
    for problem, reported in zip(on_home, CARELESS.values(), strict=True):
        assert re.match(r"^index\.html:\d+: ", problem), problem
        assert reported in problem
        assert " — " in problem
    assert "the build has failed" in str(caught.value)


def headers_for(rules, path: str) -> dict[str, str]:
    """The headers a host sends for `path`: those of every rule that matches it."""
    return {name: value for pattern, headers in rules if pattern.match(path) for name, value in headers}


def test_the_browser_editor_is_served_without_the_policy_and_everything_else_with_it():
    headers = security_headers(content_security_policy())
    top_level = [
        ("admin", True),
        ("index.html", False),
        ("404.html", False),
        ("releases", True),
        ("theme", True),
    ]
    rules = read_headers_file(headers_file(header_rules(headers, top_level, exempt_folders=["admin"])))
    editor = headers_for(rules, "/admin/")
    assert "Content-Security-Policy" not in editor
    assert editor["X-Content-Type-Options"] == "nosniff"
    assert editor["X-Frame-Options"] == "DENY"
    for path in (
        "/",
        "/index.html",
        "/releases/2022/care-review-response/",
        "/theme/js/share.js",
        "/404.html",
    ):
        assert headers_for(rules, path)["Content-Security-Policy"] == headers["Content-Security-Policy"], path


def test_a_build_with_the_editor_gives_its_folder_every_header_but_the_policy(build_site):
    output = build_site(config="publishconf.py", CMS={**pelicanconf.CMS, "enabled": True})
    assert (output / "admin" / "index.html").is_file()
    rules = read_headers_file((output / "_headers").read_text(encoding="utf-8"))
    assert "Content-Security-Policy" not in headers_for(rules, "/admin/")
    assert headers_for(rules, "/admin/")["X-Content-Type-Options"] == "nosniff"
    # The search index is written after _headers, and is covered all the same.
    for path in ("/", "/releases/2022/", "/feeds/all.atom.xml", "/favicon.ico", "/pagefind/pagefind.js"):
        assert "default-src 'none'" in headers_for(rules, path)["Content-Security-Policy"], path


def readme_block(marker: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split(f"<!-- {marker}:start -->\n", 1)[1].split(f"\n<!-- {marker}:end -->", 1)[0]


def test_the_readme_shows_the_headers_this_site_is_published_with_for_every_target():
    settings = site_settings(SAMPLE_CONTENT, ROOT / "unused", "publishconf.py")
    policy, _ = site_policy(settings, [])
    headers = security_headers(policy)
    assert readme_block("security-headers") == f"```\n{headers_file(header_rules(headers))}```"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, value in headers.items():
        assert f'add_header {name} "{value}" always;' in readme, "nginx"
    cloudfront_policy = headers["Content-Security-Policy"].replace("'", "'\\''")
    assert f'"ContentSecurityPolicy": "{cloudfront_policy}"' in readme, "CloudFront"
    assert f'"Value": "{headers["Permissions-Policy"]}"' in readme, "CloudFront"
