"""The leak scan read on its own, over a handful of output files written by hand: what it calls a leak of
a release that is not public, and what it leaves alone. The builds in test_visibility.py show the same
scan stopping real builds; these are quick enough to run for each change mutation testing makes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pressroom.content_model.model import RELEASE_TYPES, Person, Quote, Release
from pressroom.visibility.leaks import (
    Hidden,
    distinctive_passages,
    find_leaks,
    needles_digest,
    path_segments,
    readable,
    sentences,
)

SOURCE = "releases/2026/2026-01-15-zeppelin-survey.md"
TITLE = "Charity reveals zeppelin survey of nursery waiting lists"
PASSAGE = "the zeppelin survey found that one nursery in three has a waiting list of a year."


def release(**changes) -> Release:
    fields = {
        "source_path": SOURCE,
        "title": TITLE,
        "date": dt.datetime(2026, 1, 15, tzinfo=dt.UTC),
        "type": RELEASE_TYPES["press-release"],
        "summary": "A short standfirst.",
        "slug": "zeppelin-survey",
    }
    return Release(**(fields | changes))


def hidden(**changes) -> Hidden:
    fields = {"release": release(), "url": "releases/2026/zeppelin-survey/", "passages": (PASSAGE,)}
    return Hidden(**(fields | changes))


def write(output: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(text, encoding="utf-8")
    return output


def found(output: Path, items: list[Hidden]) -> list[tuple[str, str, str]]:
    return [(leak.output_file, leak.release, leak.found) for leak in find_leaks(output, items)]


def test_a_page_naming_the_address_of_a_hidden_release_is_a_leak_and_its_neighbour_is_not(tmp_path):
    output = write(
        tmp_path,
        {
            "index.html": '<a href="/releases/2026/zeppelin-survey/">Read</a>',
            "other.html": '<a href="/releases/2026/zeppelin-survey-response/">A public one</a>',
        },
    )
    assert found(output, [hidden()]) == [
        ("index.html", SOURCE, "the slug"),
        ("index.html", SOURCE, "the address"),
    ]


def test_each_way_a_release_is_named_is_found_and_said(tmp_path):
    output = write(
        tmp_path,
        {
            "a.html": "<p>See 2026-01-15-zeppelin-survey.md for the draft.</p>",
            "b.html": '<img src="/images/zeppelin-chart.png">',
            "c.html": f"<p>{PASSAGE.capitalize()}</p>",
            "releases/2026/zeppelin-survey/index.html": "<p>The page itself</p>",
        },
    )
    item = hidden(files=("images/zeppelin-chart.png",))
    assert found(output, [item]) == [
        ("a.html", SOURCE, "the source file's name"),
        ("b.html", SOURCE, "the file images/zeppelin-chart.png"),
        ("c.html", SOURCE, f"the passage “{PASSAGE}”"),
        ("releases/2026/zeppelin-survey/index.html", SOURCE, "the slug"),
        ("releases/2026/zeppelin-survey/index.html", SOURCE, "the address"),
    ]


def test_the_slug_as_an_ordinary_word_is_no_leak_but_as_a_path_or_value_it_is(tmp_path):
    output = write(
        tmp_path,
        {
            "prose.html": "<p>Our zeppelin-survey plans.</p>",
            "value.json": '{"slug": "zeppelin-survey"}',
            "query.html": '<a href="/search/?q=zeppelin-survey#top">search</a>',
        },
    )
    assert found(output, [hidden(url="")]) == [("value.json", SOURCE, "the slug")]


def test_a_slug_or_address_the_public_pages_share_identifies_nothing(tmp_path):
    output = write(tmp_path, {"news/index.html": '<a href="/news/">News</a>'})
    news = release(slug="news")
    assert found(output, [hidden(release=news, url="news/", public_slug=True, public_address=True)]) == []
    assert found(output, [hidden(release=news, url="news/", public_slug=True)]) == [
        ("news/index.html", SOURCE, "the address"),
    ]
    assert found(output, [hidden(release=news, url="news/", public_address=True)]) == [
        ("news/index.html", SOURCE, "the slug"),
    ]


def test_a_passage_is_found_however_the_file_writes_it(tmp_path):
    curly = "The zeppelin survey found that one nursery in three has a waiting list of a year’s length."
    item = hidden(passages=(readable(curly),))
    output = write(
        tmp_path,
        {
            "feed.xml": "<summary>&lt;p&gt;" + curly.replace("’", "&#8217;") + "&lt;/p&gt;</summary>",
            "share.html": '<a href="https://x.example/share?text='
            + curly.replace(" ", "+").replace("’", "%E2%80%99")
            + '">Share</a>',
            "encoded.html": '<a href="https://x.example/s?u=1&amp;text=The%20zeppelin%20survey%20found%20'
            "that%20one%20nursery%20in%20three%20has%20a%20waiting%20list%20of%20a%20year%E2%80%99s%20"
            'length.">Share</a>',
            "data.json": '{"items": [{"text": "' + curly + '"}], "n": 1}',
            "broken.json": '{"text": "' + curly + '"',
            "photo.png": curly,
        },
    )
    assert {name for name, _, _ in found(output, [item])} == {
        "feed.xml",
        "share.html",
        "encoded.html",
        "data.json",
        "broken.json",
    }


def test_a_withdrawn_release_may_stay_on_its_own_page_and_nowhere_else(tmp_path):
    output = write(
        tmp_path,
        {
            "releases/2026/zeppelin-survey/index.html": "<p>Withdrawn</p>",
            "index.html": '<a href="/releases/2026/zeppelin-survey/">Read</a>',
        },
    )
    withdrawn = hidden(
        url="releases/2026/zeppelin-survey/",
        withdrawn=True,
        may_appear_in=frozenset({"releases/2026/zeppelin-survey/index.html"}),
    )
    leaks = find_leaks(output, [withdrawn])
    assert [(leak.output_file, leak.withdrawn) for leak in leaks] == [("index.html", True)] * 2
    assert str(leaks[0]) == (
        f"index.html: contains the slug of the withdrawn release {SOURCE}, which may appear only on its "
        "own page and in the notices of its withdrawal"
    )
    held = find_leaks(output, [hidden(url="")])[-1]
    assert str(held) == (
        "releases/2026/zeppelin-survey/index.html: contains the slug of the release that is not yet "
        f"public, {SOURCE}"
    )


def test_with_nothing_hidden_nothing_is_read(tmp_path):
    assert find_leaks(tmp_path / "no such folder", []) == []


def test_a_remembered_answer_stands_for_the_search_of_the_same_text(tmp_path):
    output = write(tmp_path, {"a.html": "<p>nothing</p>", "b.html": "<p>nothing</p>"})
    asked = []

    def remembered(text, search):
        asked.append(text)
        return [(SOURCE, "a remembered passage")]

    leaks = find_leaks(output, [hidden()], remembered)
    assert asked == ["<p>nothing</p>", "<p>nothing</p>"]
    assert [(leak.output_file, leak.found) for leak in leaks] == [
        ("a.html", "a remembered passage"),
        ("b.html", "a remembered passage"),
    ]


def test_passages_are_the_long_sentences_and_the_title_that_no_public_page_has():
    quote = Quote(
        1, "Every nursery in the country needs more places for babies and toddlers now.", Person("A")
    )
    item = release(
        summary="Short. A standfirst of more than eight words, which counts as its own.", quotes=(quote,)
    )
    body = (
        "<p>One short line.</p><p>A body sentence with well over eight words in it, here</p><li>A list item"
    )
    body += " of more than eight words that ends in a full stop.</li><p>A shared sentence of more than eight "
    body += "words, seen on public pages.</p>"
    assert distinctive_passages(
        item, body, "a shared sentence of more than eight words, seen on public pages."
    ) == (
        "charity reveals zeppelin survey of nursery waiting lists",
        "a list item of more than eight words that ends in a full stop.",
        "a standfirst of more than eight words, which counts as its own.",
        "every nursery in the country needs more places for babies and toddlers now.",
    )
    assert distinctive_passages(release(title="Family hubs"), "", "") == ()


def test_readable_text_is_what_a_reader_sees():
    assert (
        readable("<p>It’s  “quoted” &amp; <b>bold</b> — done…</p>\n<!-- x -->")
        == 'it\'s "quoted" & bold - done... x'
    )
    assert readable("&lt;p&gt;Escaped &amp;amp; twice&lt;/p&gt;") == "escaped & twice"
    assert sentences("<p>One. Two!</p><p>Three?<br>Four</p>") == ["one.", "two!", "three?", "four"]


def test_path_segments_cut_each_name_at_its_dots():
    assert path_segments(["/feeds/all.atom.xml", "news/"]) == {
        "feeds",
        "all",
        "all.atom",
        "all.atom.xml",
        "news",
    }


def test_the_memo_of_a_scan_changes_with_what_it_looks_for():
    assert needles_digest([hidden()]) != needles_digest([hidden(passages=())])
    assert needles_digest([hidden()]) != needles_digest([hidden(release=release(slug="other"))])


def test_a_slug_alone_on_a_line_or_as_one_json_value_among_others_is_a_leak(tmp_path):
    output = write(
        tmp_path,
        {
            "list.txt": "first\nzeppelin-survey\nlast",
            "values.json": json.dumps({"a": "x", "slug": "zeppelin-survey", "b": ["y"]}),
        },
    )
    assert found(output, [hidden(url="")]) == [
        ("list.txt", SOURCE, "the slug"),
        ("values.json", SOURCE, "the slug"),
    ]


def test_a_file_is_read_as_a_reader_would_even_with_bytes_that_are_not_text(tmp_path):
    curly = "The zeppelin survey found that one nursery in three has a waiting list of a year’s length."
    output = write(tmp_path, {"escaped.json": json.dumps({"text": curly})})
    (output / "broken.html").write_bytes(b"\xff\xfe<p>" + curly.encode() + b"</p>")
    assert "\\u2019" in (output / "escaped.json").read_text(encoding="utf-8")
    assert {name for name, _, _ in found(output, [hidden(passages=(readable(curly),))])} == {
        "escaped.json",
        "broken.html",
    }


def test_a_passage_is_a_whole_sentence_of_eight_words_or_more_and_a_title_of_three():
    body = (
        "<p>Eight words exactly make this sentence count now.</p>"
        "<p>Seven words do not make a passage.</p>"
        "<p>Does a question of eight words count here?</p>"
        "<p>An exclamation of eight words counts here too!</p>"
        "<p>Eight words without a full stop do not count</p>"
    )
    assert distinctive_passages(release(title="Three word title"), body, "") == (
        "three word title",
        "eight words exactly make this sentence count now.",
        "does a question of eight words count here?",
        "an exclamation of eight words counts here too!",
    )
    assert distinctive_passages(release(title="Two words"), "", "") == ()


def test_two_hidden_releases_named_in_one_file_are_both_found_and_a_neighbours_folder_is_no_leak(tmp_path):
    other = hidden(
        release=release(source_path="releases/2026/quokka.md", slug="quokka-formula"),
        url="releases/2026/quokka-formula/",
        passages=(),
    )
    output = write(
        tmp_path,
        {
            "index.html": '<a href="/releases/2026/zeppelin-survey/">Z</a>'
            '<a href="/releases/2026/quokka-formula/">Q</a>',
            "releases/2026/zeppelin-survey-response/index.html": "<p>A public release</p>",
        },
    )
    assert found(output, [hidden(), other]) == [
        ("index.html", SOURCE, "the slug"),
        ("index.html", SOURCE, "the address"),
        ("index.html", "releases/2026/quokka.md", "the slug"),
        ("index.html", "releases/2026/quokka.md", "the address"),
    ]
