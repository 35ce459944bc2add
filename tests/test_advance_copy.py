"""Advance copies: an embargoed release as journalists get it before its embargo lifts (.txt, PDF, .eml)."""

from __future__ import annotations

import datetime as dt
import email.policy
import os
import subprocess
import sys
from email.parser import BytesParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from support.site import ROOT
from support.sources import empty_content

from pressroom.content_model.times import on_the_clock
from publishing.advance import AdvanceCopyRefused, write_advance_copy

NOW = "2026-11-20T09:00:00+00:00"
# Entities written as text stay text: an email part that did not escape them would show "<1%" and "<script>".
HEADLINE = "Charity finds &lt;1% of families get help within a year, & fewer each year"
MARKING = (
    "EMBARGOED until 00:01 GMT on Thursday 3 December 2026 — not for publication or broadcast before then"
)
SUBJECT = f"EMBARGOED until 00:01 GMT on Thursday 3 December 2026: {HEADLINE}"
QUOTE = "No family should wait a year for help: &lt;script&gt; is not a plan, & neither is waiting."
# Enough paragraphs for a PDF of more than one page, so the marking is seen on a page after the first.
BODY = "\n\n".join(
    f"Paragraph {number} of the survey's findings, set out at length. " * 6 for number in range(40)
)
EMBARGOED = f"""---
title: "{HEADLINE}"
date: 2026-11-18
slug: waiting-survey
type: press-release
summary: A survey of waiting times, under embargo.
embargo: 2026-12-03T00:01
spokespeople: [sally-hogg]
quotes:
  - by: sally-hogg
    text: "{QUOTE}"
topics: [childrens-social-care]
---
{BODY}
"""
HIDDEN_HEADLINE = "Draft statement on the pangolin funding formula"
DRAFT = f"""---
title: {HIDDEN_HEADLINE}
date: 2026-11-01
slug: pangolin-formula
type: statement
status: draft
summary: The pangolin formula, not ready.
---
The pangolin draft.
"""
PUBLIC = """---
title: Charity welcomes the family hubs
date: 2026-10-01
type: statement
summary: A public statement.
---
The public body.
"""
SCHEDULED = """---
title: Charity to publish its annual report
date: 2026-12-10T09:00
type: news
summary: Scheduled, with no embargo.
---
The scheduled body.
"""
WITHDRAWN = """---
title: Charity withdraws its survey
date: 2026-10-01
type: press-release
summary: Withdrawn once public.
status: withdrawn
withdrawn:
  date: 2026-11-02
  reason: The figures were wrong.
---
The withdrawn body.
"""
BROKEN = """---
title: Charity responds
date: 2026-11-18
type: press-releas
summary: A standfirst.
embargo: 2026-12-03
---
The body.
"""


def write(content: Path, name: str, text: str) -> Path:
    path = content / "releases" / name
    path.write_text(text, encoding="utf-8")
    return path


def advance_copy(content: Path, source: Path | str) -> Path:
    """Write `source`'s advance copy into advance/ beside the content, with the production settings."""
    target = content.parent / "advance"
    write_advance_copy(
        source,
        target,
        ROOT / "publishconf.py",
        PATH=str(content),
        CACHE_PATH=str(content.parent / "cache"),
        PRESSROOM_NOW=NOW,
    )
    return target


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """The advance copy of an embargoed release, written beside a draft no journalist may hear of."""
    content = empty_content(tmp_path_factory.mktemp("advance"))
    write(content, "pangolin.md", DRAFT)
    return advance_copy(content, write(content, "waiting-survey.md", EMBARGOED)) / "waiting-survey"


def message(made: Path):
    return BytesParser(policy=email.policy.default).parsebytes((made / "waiting-survey.eml").read_bytes())


def pdf_pages(pdf: bytes | Path) -> list[str]:
    from io import BytesIO

    reader = PdfReader(BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_an_advance_copy_is_three_files_in_its_own_folder(made):
    assert sorted(path.name for path in made.iterdir()) == [
        "waiting-survey.eml",
        "waiting-survey.pdf",
        "waiting-survey.txt",
    ]


def test_the_text_is_headed_with_the_embargo_in_words(made):
    text = (made / "waiting-survey.txt").read_text(encoding="utf-8")
    assert text.splitlines()[:5] == [
        "PRESS RELEASE",
        "Parent-Infant Foundation",
        "3 December 2026",
        "",
        MARKING,
    ]
    assert HEADLINE in text.splitlines()
    assert "https://press.parentinfantfoundation.org.uk/releases/2026/waiting-survey/" in text


def test_the_email_has_the_embargo_and_headline_as_subject_a_date_and_no_recipient(made):
    mail = message(made)
    assert mail["Subject"] == SUBJECT
    assert mail["Date"].datetime == dt.datetime.fromisoformat(NOW)
    assert mail["From"].addresses[0].addr_spec == "press@parentinfantfoundation.example"
    for recipient in ("To", "Cc", "Bcc"):
        assert mail[recipient] is None


def test_the_emails_plain_part_is_the_text_and_its_html_part_is_escaped_and_self_contained(made):
    mail = message(made)
    plain = mail.get_body(preferencelist=("plain",)).get_content()
    assert plain == (made / "waiting-survey.txt").read_text(encoding="utf-8")
    html = BeautifulSoup(mail.get_body(preferencelist=("html",)).get_content(), "html.parser")
    assert html.select_one("p").get_text() == MARKING
    assert html.select_one("h1").get_text() == HEADLINE
    assert html.select_one("blockquote p").get_text() == f"“{QUOTE}”"
    assert not html.select("script, img, link, style, iframe")
    assert not [tag for tag in html.find_all(True) if tag.has_attr("src")]
    assert [a["href"] for a in html.select("a")][-1] == (
        "https://press.parentinfantfoundation.org.uk/releases/2026/waiting-survey/"
    )


def test_the_attached_pdf_is_marked_on_every_page_with_headline_and_quotes(made):
    [attachment] = list(message(made).iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "waiting-survey.pdf"
    pdf = attachment.get_content()
    assert pdf == (made / "waiting-survey.pdf").read_bytes()
    pages = pdf_pages(pdf)
    assert len(pages) > 1
    assert all(MARKING in page for page in pages)
    text = " ".join(pages)
    assert HEADLINE in text
    assert f"“{QUOTE}” — Sally Hogg" in text
    # Read by poppler too, as most journalists' readers would.
    poppler = subprocess.run(
        ["pdftotext", str(made / "waiting-survey.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert poppler.count("EMBARGOED until 00:01 GMT on Thursday 3 December 2026") == len(pages)


def test_the_pdf_is_dated_when_the_advance_copy_was_made(made):
    created = PdfReader(made / "waiting-survey.pdf").metadata.creation_date
    assert created == dt.datetime.fromisoformat(NOW)


def test_nothing_of_another_hidden_release_is_in_the_advance_copy(made):
    raw = b"".join(path.read_bytes() for path in made.iterdir())
    texts = [raw.decode("utf-8", "replace"), *pdf_pages(made / "waiting-survey.pdf")]
    mail = message(made)
    texts += [part.get_content() for part in mail.walk() if part.get_content_maintype() == "text"]
    assert not [text for text in texts if "pangolin" in text.lower()]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (DRAFT, "is a draft"),
        (PUBLIC, "is public already"),
        (SCHEDULED, "is scheduled for 09:00 GMT on Thursday 10 December 2026 but has no embargo"),
        (WITHDRAWN, "is withdrawn"),
    ],
)
def test_only_a_release_under_embargo_gets_an_advance_copy(content, text, said):
    source = write(content, "release.md", text)
    with pytest.raises(AdvanceCopyRefused) as refused:
        advance_copy(content, source)
    message = str(refused.value)
    assert message.startswith(f"{source} {said}")
    assert message.endswith("No advance copy was made.")
    assert not (content.parent / "advance").exists()


def test_a_release_with_mistakes_is_refused_with_each_of_them(content):
    source = write(content, "broken.md", BROKEN)
    with pytest.raises(AdvanceCopyRefused) as refused:
        advance_copy(content, source)
    lines = str(refused.value).splitlines()
    assert lines[0].startswith(f"{source}:4: type: 'press-releas' is not a release type — ")
    assert lines[1].startswith(f"{source}:6: embargo: '2026-12-03' has no time — ")
    assert lines[
        2
    ] == f"2 mistake(s) in {source}: no advance copy was made. Fix them (`invoke check` lists " + (
        "them too) and run it again."
    )


@pytest.mark.parametrize(
    ("where", "said"),
    [
        (lambda content: content.parent / "elsewhere.md", " is not in the content folder"),
        (lambda content: content / "releases" / "missing.md", ": there is no such file"),
        (lambda content: content / "releases", " is a folder"),
        (lambda content: content / "pages" / "about.md", " is a page, not a release"),
        (lambda content: content / "people.yaml", " is not a release"),
    ],
)
def test_a_file_that_is_no_release_is_refused_with_a_sentence(content, where, said):
    (content / "pages" / "about.md").write_text("---\ntitle: About us\n---\nAbout.\n", encoding="utf-8")
    (content.parent / "elsewhere.md").write_text(EMBARGOED, encoding="utf-8")
    source = where(content)
    with pytest.raises(AdvanceCopyRefused) as refused:
        advance_copy(content, source)
    assert str(refused.value).startswith(f"{source}{said}")
    assert not (content.parent / "advance").exists()


@pytest.mark.parametrize("given", ["", "  "])
def test_no_release_given_is_refused_with_a_sentence(content, given):
    with pytest.raises(AdvanceCopyRefused) as refused:
        advance_copy(content, given)
    assert str(refused.value) == (
        "No release was given: give the path of one, such as "
        "content/releases/2026/2026-12-03-my-release.md. No advance copy was made."
    )


def test_an_advance_copy_that_links_to_another_hidden_release_is_refused(content):
    write(content, "pangolin.md", DRAFT)
    source = write(content, "waiting-survey.md", EMBARGOED + "\nSee [our draft]({filename}pangolin.md).\n")
    with pytest.raises(AdvanceCopyRefused) as refused:
        advance_copy(content, source)
    assert f"names {content / 'releases' / 'pangolin.md'} (“{HIDDEN_HEADLINE}”), which is not public" in str(
        refused.value
    )
    assert not [*(content.parent / "advance").iterdir()]


def test_the_embargo_is_named_by_the_sites_clock_in_summer_winter_and_elsewhere():
    winter, summer = (
        dt.datetime(2026, 12, 3, 0, 1, tzinfo=dt.UTC),
        dt.datetime(2026, 6, 3, 0, 1, tzinfo=dt.UTC),
    )
    assert on_the_clock(winter, "Europe/London") == "00:01 GMT on Thursday 3 December 2026"
    assert on_the_clock(summer, "Europe/London") == "01:01 BST on Wednesday 3 June 2026"
    # A zone known only by its offset ('-03') is named as people call its clock.
    assert on_the_clock(winter, "America/Sao_Paulo") == "21:01 Sao Paulo time on Wednesday 2 December 2026"


def test_invoke_advance_copy_writes_outside_every_build_and_refuses_with_a_sentence(project):
    future = EMBARGOED.replace("embargo: 2026-12-03T00:01", "embargo: 2099-01-01T00:01")
    (project / "content" / "releases" / "2099").mkdir()
    (project / "content" / "releases" / "2099" / "survey.md").write_text(future, encoding="utf-8")
    env = {**os.environ, "COLUMNS": "200"}

    def invoke(*args):
        command = [sys.executable, "-m", "invoke", *args]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False, env=env)

    made = invoke("advance-copy", "content/releases/2099/survey.md")
    assert made.returncode == 0, made.stderr
    assert "Advance copy written in advance/waiting-survey/" in made.stdout
    assert (project / "advance" / "waiting-survey" / "waiting-survey.eml").is_file()
    # Sent away from the site, so with the public site's addresses (publishconf.py), not localhost's.
    text = (project / "advance" / "waiting-survey" / "waiting-survey.txt").read_text(encoding="utf-8")
    assert "https://press.parentinfantfoundation.org.uk/releases/2099/waiting-survey/" in text
    refused = invoke("advance-copy", "content/releases/2022/2022-05-23-care-review-response.md")
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith(
        "is public already: send journalists its page, or its .txt or PDF "
        "from the site, instead of an advance copy. No advance copy was made."
    )
    assert "Traceback" not in refused.stderr
    built = invoke("build")
    assert built.returncode == 0, built.stderr
    assert not [path for path in (project / "output").rglob("*") if "advance" in path.name]
    assert not (project / "output" / "releases" / "2099").exists()
    ignored = subprocess.run(["git", "check-ignore", "-q", "advance/x/x.eml"], cwd=ROOT, check=False)
    assert ignored.returncode == 0


def test_the_email_escapes_markup_and_links_only_web_addresses_even_if_validation_were_bypassed(content):
    from dataclasses import replace

    from jinja2 import Environment, FileSystemLoader
    from pelican import Pelican
    from support.site import site_settings

    from pressroom.content_model.blocks import Paragraph, Run
    from pressroom.copy_ready import ADVANCE_COPIES_KEY

    write(content, "waiting-survey.md", EMBARGOED)
    settings = site_settings(content, content.parent / "preview", PRESSROOM_PREVIEW=True, PRESSROOM_NOW=NOW)
    Pelican(settings).run()
    [copy] = settings[ADVANCE_COPIES_KEY].copies.values()
    shown = replace(copy.shown, headline="<script>alert(1)</script>")
    attack = (Paragraph((Run("click", link="javascript:alert(1)"), Run(" <img src=x onerror=alert(1)>"))),)
    shown.__dict__["body_blocks"] = attack
    environment = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), autoescape=False)
    html = environment.get_template("copy_ready/release.email.html").render(shown=shown, marking="<b>x</b>")
    page = BeautifulSoup(html, "html.parser")
    assert not page.select("script, img, b")
    assert page.select_one("h1").get_text() == "<script>alert(1)</script>"
    # The words of the link stay; only the release's own address is followed.
    assert "click" in page.get_text()
    assert [a["href"] for a in page.select("a")] == [
        "mailto:press@parentinfantfoundation.example",
        copy.shown.address,
    ]
    assert "javascript:" not in html


def test_an_advance_folder_that_cannot_be_written_is_a_sentence(content):
    (content.parent / "advance").write_text("not a folder", encoding="utf-8")
    source = write(content, "waiting-survey.md", EMBARGOED)
    with pytest.raises(AdvanceCopyRefused) as refused:
        advance_copy(content, source)
    assert str(refused.value).startswith(
        f"Could not write the advance copy into {content.parent / 'advance'}: "
    )
    assert str(refused.value).endswith("No advance copy was made.")
