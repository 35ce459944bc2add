"""Each field's reader on its own: what it accepts, what it gives back, and the words it refuses with.

The schema makes most readers once, when it is imported (a status reader for releases and one for
pages, a reader for each directory); these tests make them again, so that mutation testing, which
changes a function only while a test runs, can see each change. check_site tests show the same
messages in place, with the file and line."""

from __future__ import annotations

import datetime as dt
import struct
import zlib

import pytest
from PIL import Image as PILImage
from support.site import site_settings
from support.sources import HEAD, empty_content, problems_of

from pressroom.content_model.directory import Directory
from pressroom.content_model.loading import context_from_settings
from pressroom.content_model.model import Address, Person, RespondsTo, Speaker
from pressroom.content_model.problems import Invalid
from pressroom.content_model.schema import (
    PAGE_FIELDS,
    PAGE_STATUSES,
    RELEASE_FIELDS,
    STATUSES,
    Context,
    NewRelease,
    TooManyPixels,
    _is_apostrophe,
    _text_field,
    _words_field,
    directory_entry,
    enclosing_marks_removed,
    field_named,
    field_table,
    image_address,
    list_of,
    parse_address,
    parse_event,
    parse_image,
    parse_quotes,
    parse_responds_to,
    parse_updated,
    parse_withdrawn,
    person,
    quote_words,
    site_path,
    speaker,
    spokesperson,
    status_of,
)


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    content = empty_content(tmp_path_factory.mktemp("parsers"))
    context, _ = context_from_settings(site_settings(content, content.parent / "output"))
    return context


def refused(parse, value, ctx) -> list[tuple[tuple, str, str]]:
    with pytest.raises(Invalid) as caught:
        parse(value, ctx)
    return caught.value.findings


def test_a_status_is_one_of_those_listed_for_its_kind(ctx):
    assert status_of(STATUSES)(" withdrawn ", ctx) == "withdrawn"
    assert refused(status_of(PAGE_STATUSES), "withdrawn", ctx) == [
        ((), "'withdrawn' is not a status", "use published or draft")
    ]
    assert refused(status_of(STATUSES), "hidden", ctx) == [
        ((), "'hidden' is not a status", "use published, draft or withdrawn")
    ]
    assert refused(status_of(STATUSES), "Draft", ctx) == [
        ((), "'Draft' is not a status", "did you mean 'draft'?")
    ]


def test_a_directory_id_gives_its_entry_or_says_which_file_lacks_it(ctx):
    topic = directory_entry("topics", "topics.yaml")(" family-hubs ", ctx)
    assert topic.name == "Family hubs"
    assert directory_entry("press_contacts", "people.yaml")("press-office", ctx).name == "Press office"
    assert refused(directory_entry("press_contacts", "people.yaml"), "press-offic", ctx) == [
        ((), "no press contact with the id 'press-offic' in people.yaml", "did you mean 'press-office'?")
    ]
    assert refused(directory_entry("campaigns", "topics.yaml"), "zeppelins", ctx) == [
        (
            (),
            "no campaign with the id 'zeppelins' in topics.yaml",
            "add it to content/topics.yaml or use an id listed there",
        )
    ]


def test_text_and_words_fields_keep_to_their_length(ctx):
    assert _text_field(10)("  Ten chars  ", ctx) == "Ten chars"
    assert _words_field(10)("Bristol", ctx) == "Bristol"
    assert _text_field()("x" * 5000, ctx) == "x" * 5000
    assert _words_field()("word " * 1000, ctx).startswith("word word")
    [(_, text_what, _)] = refused(_text_field(10), "Eleven char", ctx)
    [(_, words_what, _)] = refused(_words_field(10), "Eleven char", ctx)
    assert "more than the 10 allowed" in text_what and "more than the 10 allowed" in words_what
    [(_, what, _)] = refused(_words_field(10), "!!!", ctx)
    assert "!!!" in what


def test_a_withdrawal_needs_its_date_and_reason(ctx):
    withdrawn = parse_withdrawn({"date": "2026-01-02", "reason": " Figures were wrong. "}, ctx)
    assert withdrawn.reason == "Figures were wrong."
    assert withdrawn.date.isoformat() == "2026-01-02T00:00:00+00:00"
    assert [path for path, _, _ in refused(parse_withdrawn, {"date": "2026-01-02"}, ctx)] == [("reason",)]
    assert [path for path, _, _ in refused(parse_withdrawn, {"reason": "Wrong."}, ctx)] == [("date",)]
    [(path, what, _)] = refused(parse_withdrawn, {"date": "2026-01-02", "reason": "x" * 301}, ctx)
    assert path == ("reason",) and "more than the 300 allowed" in what
    assert refused(parse_withdrawn, "yesterday", ctx) == [
        ((), "must be a group of fields (withdrawn)", "indent withdrawn on the lines below")
    ]
    assert refused(list_of(directory_entry("topics", "topics.yaml"), "topic id"), "family-hubs", ctx) == [
        (
            (),
            "must be a list, not the text 'family-hubs'",
            "write each topic id on its own line starting with '- '",
        )
    ]


def test_an_address_needs_a_street_and_a_locality(ctx):
    full = {
        "street": "12 Quay Street",
        "locality": "Bristol",
        "postcode": "BS1 4XY",
        "region": "Avon",
        "country": "GB",
    }
    assert parse_address(full, ctx) == Address("12 Quay Street", "Bristol", "BS1 4XY", "Avon", "GB")
    assert parse_address({"street": "1 Road", "locality": "Leeds"}, ctx) == Address("1 Road", "Leeds")
    assert [path for path, _, _ in refused(parse_address, {"street": "1 Road"}, ctx)] == [("locality",)]
    assert [path for path, _, _ in refused(parse_address, {"locality": "Leeds"}, ctx)] == [("street",)]
    assert refused(parse_address, {"street": "1 Road", "locality": "Leeds", "town": "x"}, ctx) == [
        (
            ("town",),
            "'town' is not a field of the address",
            "use only street, locality, postcode, region, country",
        )
    ]


@pytest.mark.parametrize(
    ("written", "path"),
    [
        ("releases/2024/old-name/", "releases/2024/old-name/"),
        ("/releases/2024/old-name/", "releases/2024/old-name/"),
        ("./releases//2024/./old-name/index.html", "releases/2024/old-name/"),
        ("https://press.example.org/releases/2024/old-name/?utm=x#top", "releases/2024/old-name/"),
        ("http://press.example.org/old.html", "old.html"),
        ("releases/2024/old-name/?from=mail", "releases/2024/old-name/"),
        ("news/item.html#part", "news/item.html"),
        ("a_b.c~d-e/", "a_b.c~d-e/"),
    ],
)
def test_an_old_address_is_written_as_the_path_the_output_has(ctx, written, path):
    assert site_path(written, ctx) == path


@pytest.mark.parametrize(
    ("written", "what"),
    [
        ("/", "'/' is the address of the home page, which is always there"),
        ("./index.html", "'./index.html' is the address of the home page, which is always there"),
        (
            "https://press.example.org/",
            "'https://press.example.org/' is the address of the home page, which is always there",
        ),
        ("releases/../secret/", "'releases/../secret/' is not an address on this site"),
        ("releases/old name/", "'releases/old name/' is not an address on this site"),
        ("releases/old-name", "'releases/old-name' is not an address on this site"),
        ("https://[broken/old/", "'https://[broken/old/' is not an address on this site"),
        ("ftp://press.example.org/old/", "'ftp://press.example.org/old/' is not an address on this site"),
    ],
)
def test_an_address_that_is_not_a_page_of_this_site_is_refused(ctx, written, what):
    [(_, said, fix)] = refused(site_path, written, ctx)
    assert said == what
    assert fix.startswith("write the ")


def test_previous_urls_are_checked_in_the_release_they_are_written_in(tmp_path):
    content = empty_content(tmp_path)
    [problem] = problems_of(
        content, HEAD + "previous_urls:\n  - releases/2024/old-name/\n  - /\n---\nThe body.\n"
    )
    assert (problem.line, problem.field) == (8, "previous_urls[2]")
    assert problem.what == "'/' is the address of the home page, which is always there"


# --- Images: a raster file under content/, or an https address ----------------------------------------


def png_header(width: int, height: int) -> bytes:
    """The first bytes of a PNG of this size: all an image reader looks at before it refuses a huge one."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def images(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    PILImage.new("RGB", (4, 4)).save(content / "images" / "photo.PNG")
    (content / "images" / "fake.jpg").write_text("not a picture", encoding="utf-8")
    (content / "images" / "folder.jpg").mkdir()
    (content / "images" / "loop.jpg").symlink_to(content / "images" / "loop.jpg")
    (content / "images" / "huge.png").write_bytes(png_header(10_000, 10_000))
    (tmp_path / "outside.png").write_bytes((content / "images" / "photo.PNG").read_bytes())
    (content / "images" / "outside.png").symlink_to(tmp_path / "outside.png")
    return content


def test_an_image_in_the_content_folder_or_on_the_web_is_kept_as_written(images):
    assert image_address(" images/photo.PNG ", str(images)) == "images/photo.PNG"
    assert image_address("https://img.example/a.webp", str(images)) == "https://img.example/a.webp"
    assert image_address("images/not-checked.gif") == "images/not-checked.gif"


@pytest.mark.parametrize(
    ("src", "what", "fix"),
    [
        (
            "images/logo.svg",
            "'images/logo.svg' is not a JPEG, PNG, WebP or GIF image",
            "use one of those formats: link previews do not show SVG or other files",
        ),
        (
            "images/missing.jpg",
            "there is no file content/images/missing.jpg",
            "put the image under content/images/ or correct src",
        ),
        (
            "images/folder.jpg",
            "there is no file content/images/folder.jpg",
            "put the image under content/images/ or correct src",
        ),
        (
            "images/loop.jpg",
            "content/images/loop.jpg cannot be opened (a link that loops, or a name the system refuses)",
            "replace it with the image file itself under content/images/",
        ),
        (
            "images/outside.png",
            "'images/outside.png' leads outside the content folder, and nothing outside it is published",
            "copy the image into content/images/ and give its path from there",
        ),
        (
            "images/huge.png",
            f"content/images/huge.png {TooManyPixels.what}",
            TooManyPixels.fix,
        ),
        (
            "images/fake.jpg",
            "content/images/fake.jpg is not a real JPEG, PNG, WebP or GIF image (its contents are something "
            "else)",
            "export the picture again as JPEG or PNG from an image editor and replace the file",
        ),
    ],
)
def test_an_image_that_is_not_a_real_image_in_the_content_folder_is_refused(images, src, what, fix):
    with pytest.raises(Invalid) as caught:
        image_address(src, str(images))
    assert caught.value.findings == [((), what, fix)]


def test_an_image_needs_its_words_and_may_give_a_credit(images):
    ctx = Context(Directory(), "Europe/London", str, content_root=str(images))
    image = parse_image({"src": "images/photo.PNG", "alt": " A photo ", "credit": "Ann"}, ctx)
    assert (image.src, image.alt, image.credit) == ("images/photo.PNG", "A photo", "Ann")
    assert [path for path, _, _ in refused(parse_image, {"src": "images/photo.PNG"}, ctx)] == [("alt",)]
    [(path, what, _)] = refused(parse_image, {"src": "images/fake.jpg", "alt": "A photo"}, ctx)
    assert path == ("src",) and "is not a real JPEG" in what


# --- People, speakers, a new event, and the README's table ----------------------------------------------


def test_a_person_is_an_id_from_the_directory_or_a_name_written_out(ctx):
    assert person(" sally-hogg ", ctx).name == "Sally Hogg"
    assert person({"id": "sally-hogg", "name": "ignored"}, ctx).id == "sally-hogg"
    assert person({"name": "Ann", "role": "MP", "organisation": "Parliament"}, ctx) == Person(
        "Ann", "MP", "Parliament"
    )
    assert refused(person, "sally-hog", ctx) == [
        ((), "no person with the id 'sally-hog' in people.yaml", "did you mean 'sally-hogg'?")
    ]
    assert refused(person, {"role": "MP"}, ctx) == [
        (("name",), "a person needs a name or an id", "add 'name:' or use an id from people.yaml")
    ]


def test_a_spokesperson_is_someone_who_speaks_for_the_organisation(ctx):
    assert spokesperson("sally-hogg", ctx).spokesperson
    assert spokesperson({"name": "Ann"}, ctx).name == "Ann"
    assert refused(spokesperson, "helen-hayes", ctx) == [
        (
            (),
            "Helen Hayes is in people.yaml as someone the organisation mentions, not as its spokesperson",
            "list 'helen-hayes' under 'people:' instead, or remove 'spokesperson: false' from people.yaml",
        )
    ]


def test_a_speaker_may_chair_the_event(ctx):
    assert speaker({"id": "sally-hogg", "chair": True}, ctx) == Speaker(person("sally-hogg", ctx), True)
    assert speaker("sally-hogg", ctx) == Speaker(person("sally-hogg", ctx), False)
    assert speaker({"name": "Ann", "chair": False}, ctx) == Speaker(Person("Ann"), False)
    assert refused(speaker, {"name": "Ann", "chair": "maybe"}, ctx) == [
        (("chair",), "must be true or false, not 'maybe'", "write true or false")
    ]


def test_a_new_event_starts_at_lunchtime_on_its_day_or_a_fortnight_on_and_lasts_an_hour():
    starter = RELEASE_FIELDS["event"].starter
    assert starter is not None
    today = dt.date(2026, 1, 1)
    assert starter(NewRelease("event", "T", today)) == {
        "start": "2026-01-15T12:30",
        "end": "2026-01-15T13:30",
        "location": "Online",
        "speakers": [],
    }
    assert (
        starter(NewRelease("event", "T", today, event_start=dt.date(2026, 3, 1)))["start"]
        == "2026-03-01T12:30"
    )
    at_nine = starter(NewRelease("event", "T", today, event_start=dt.datetime(2026, 3, 1, 9, 15, 30)))
    assert (at_nine["start"], at_nine["end"]) == ("2026-03-01T09:15", "2026-03-01T10:15")


def test_the_readmes_field_table_has_a_row_for_each_field_with_whether_it_is_required():
    table = field_table(PAGE_FIELDS).splitlines()
    assert table[:2] == ["| field | required | meaning |", "|---|---|---|"]
    assert len(table) == 2 + len(PAGE_FIELDS)
    title = PAGE_FIELDS["title"]
    assert table[2] == f"| `title` | yes | {title.meaning} |"
    assert any(row.startswith("| `status` | no | ") for row in table)
    assert field_table().count("\n") == len(RELEASE_FIELDS) + 1


# --- An event: its times, where it is, who speaks ---------------------------------------------------------

AT_TEN = {"start": "2026-03-01T10:00"}
MEETING = "https://meet.example/x"


def test_an_event_with_every_fact_is_read_whole(ctx):
    event = parse_event(
        AT_TEN
        | {
            "end": "2026-03-01T11:00",
            "location": " Riverside Hall, 12 Quay Street, Bristol BS1 4XY ",
            "online_url": MEETING,
            "registration_url": "https://reg.example/",
            "speakers": ["sally-hogg", {"name": "Ann", "chair": True}],
        },
        ctx,
    )
    assert (event.start.isoformat(), event.end and event.end.isoformat()) == (
        "2026-03-01T10:00:00+00:00",
        "2026-03-01T11:00:00+00:00",
    )
    assert event.location == "Riverside Hall, 12 Quay Street, Bristol BS1 4XY"
    assert (event.online_url, event.registration_url) == (MEETING, "https://reg.example/")
    assert event.speakers == (Speaker(person("sally-hogg", ctx)), Speaker(Person("Ann"), True))
    assert event.attendance == "hybrid"
    venue = parse_event(
        AT_TEN | {"location": "Riverside Hall", "address": {"street": "1 Road", "locality": "Leeds"}}, ctx
    )
    assert venue.address == Address("1 Road", "Leeds") and venue.attendance == "in person"
    assert parse_event(AT_TEN | {"online_url": MEETING}, ctx).attendance == "online"
    assert (
        parse_event(AT_TEN | {"location": "Online (Zoom)", "online_url": MEETING}, ctx).attendance == "online"
    )


@pytest.mark.parametrize(
    ("times", "ends_before"),
    [
        ({"end": "2026-03-01T10:00"}, True),
        ({"end": "2026-03-01T09:59"}, True),
        ({"end": "2026-03-01T10:01"}, False),
        ({"start": "2026-10-25T01:30+01:00", "end": "2026-10-25T01:30+00:00"}, False),
        ({"start": "2026-10-25T01:30+00:00", "end": "2026-10-25T01:30+01:00"}, True),
    ],
)
def test_an_event_must_end_after_it_starts_compared_as_moments(ctx, times, ends_before):
    event = AT_TEN | times | {"location": "Online"}
    if ends_before:
        assert refused(parse_event, event, ctx) == [
            (("end",), "the event ends before it starts", "check the end date and time")
        ]
    else:
        assert parse_event(event, ctx).end is not None


def test_an_event_needs_somewhere_to_be(ctx):
    assert refused(parse_event, AT_TEN, ctx) == [
        (
            ("location",),
            "the event has neither a location nor an online_url",
            "add 'location:' for a venue or 'online_url:' for an online event",
        )
    ]
    assert refused(parse_event, {"location": "Online"}, ctx) == [
        (("start",), "the event has no start", "add a 'start:' line to the event")
    ]


def test_a_place_that_could_be_a_venue_or_a_meeting_asks_which(ctx):
    assert refused(parse_event, AT_TEN | {"location": "Riverside Hall", "online_url": MEETING}, ctx) == [
        (
            ("location",),
            "'Riverside Hall' could be a venue people come to or the name of the online meeting, and the "
            "event has an online_url too",
            "if people can come to it, add its address (address: street, locality, postcode) or write it in "
            "the location ('Riverside Hall, 12 Quay Street, Bristol BS1 4XY'); if the event is online only, "
            "write 'location: Online'",
        )
    ]
    assert parse_event(AT_TEN | {"location": "Riverside Hall"}, ctx).attendance == "in person"


# --- Corrections and what a release responds to ------------------------------------------------------------


def test_each_correction_needs_its_date_and_note(ctx):
    [update] = parse_updated([{"date": "2026-01-02", "note": " Fixed a figure. "}], ctx)
    assert (update.date.isoformat(), update.note) == ("2026-01-02T00:00:00+00:00", "Fixed a figure.")
    assert refused(parse_updated, [{"date": "2026-01-02"}], ctx) == [
        ((0, "note"), "the update has no note", "add a 'note:' line to the update")
    ]
    assert refused(parse_updated, [{"note": "x"}], ctx) == [
        ((0, "date"), "the update has no date", "add a 'date:' line to the update")
    ]
    assert refused(parse_updated, {"date": "2026-01-02", "note": "x"}, ctx) == [
        ((), "must be a list", "write each update on its own line starting with '- '")
    ]
    assert refused(parse_updated, ["x"], ctx) == [
        ((0,), "must be a group of fields (the update)", "indent the update on the lines below")
    ]


def test_what_a_release_responds_to_needs_a_title(ctx):
    answered = {"title": "Review", "publisher": "DfE", "url": "https://gov.uk/x", "date": "2026-01-02"}
    assert parse_responds_to(answered, ctx) == RespondsTo(
        "Review", "DfE", "https://gov.uk/x", dt.date(2026, 1, 2)
    )
    assert refused(parse_responds_to, {"publisher": "DfE"}, ctx) == [
        (("title",), "responds_to has no title", "add a 'title:' line to responds_to")
    ]
    assert refused(parse_responds_to, "Review", ctx) == [
        ((), "must be a group of fields (responds_to)", "indent responds_to on the lines below")
    ]
    assert refused(parse_responds_to, {"title": "R", "colour": "x"}, ctx) == [
        (("colour",), "'colour' is not a field of responds_to", "use only title, publisher, url, date")
    ]


# --- A quote's own marks, and a body line that names a field ---------------------------------------------


@pytest.mark.parametrize(
    ("pasted", "words"),
    [
        ("“We welcome this.”", "We welcome this."),
        ("“ We welcome this. ”", "We welcome this."),
        ("‘We can’t wait.’", "We can’t wait."),
        ("‘It’s’", "It’s"),
        ("‘x’y’", "x’y"),
        ("“a “b” c”", "a “b” c"),
        ("‘a ‘b’ c’", "a ‘b’ c"),
        ("«Oui»", "Oui"),
        ("„Ein guter Anfang.“", "Ein guter Anfang."),
        ("'ab'", "ab"),
        ("''", ""),
        ("“a” and “b”", "“a” and “b”"),
        ("“a ” b”", "“a ” b”"),
        ('"a "b" c"', '"a "b" c"'),
        ("'Can't stop', she said", "'Can't stop', she said"),
        ("“unclosed", "“unclosed"),
        ("“", "“"),
        ("Words", "Words"),
    ],
)
def test_one_pair_of_marks_round_a_whole_quote_is_taken_off(pasted, words):
    assert enclosing_marks_removed(pasted) == words


@pytest.mark.parametrize(
    "text", ["“a” and “b”", "‘Yes’, she said", "She said “no”", "„Nein“ sagte sie", "«a» b"]
)
def test_a_quote_whose_marks_would_stand_doubled_is_refused(text):
    with pytest.raises(Invalid) as caught:
        quote_words(text)
    assert caught.value.findings == [
        (
            (),
            "starts or ends with a quotation mark, and every quote is printed between the site's own (“…”), "
            "so the marks would stand doubled",
            "remove the marks; a quotation inside the quote takes single marks: ‘…’",
        )
    ]


def test_a_quote_keeps_marks_inside_its_words():
    assert quote_words(" “Babies ‘can’t wait’, we said.” ") == "Babies ‘can’t wait’, we said."
    assert quote_words("It’s time") == "It’s time"


@pytest.mark.parametrize(
    ("label", "value", "field"),
    [
        ("Embargo", "2031", "embargo"),
        ("embrago", "2031-01-01", "embargo"),
        ("Embargoed", "00:01 on 1 January", "embargo"),
        ("Embarg", "soon", None),
        ("Staus", "draft", "status"),
        ("Statu", "published", "status"),
        ("Staus", "quo", None),
        ("Stats", "1 in 10", None),
        ("Location", "Bristol", None),
        ("notes to editors", "About us", "notes_to_editors"),
        (" Notes-to editors ", "About us", "notes_to_editors"),
        ("Dat", "12 May", None),
        ("Date", "soon", "date"),
        ("Titel", "x", "title"),
        ("Summery", "x", "summary"),
        ("topic", "x", "topics"),
        ("Staus", "drat", "status"),
        ("Staus", "drawn", None),
        ("Dates", "soon", None),
        ("Dates", "12 May", "date"),
        ("Summit", "x", None),
    ],
)
def test_a_body_line_names_the_field_its_label_is_or_nearly_is(label, value, field):
    assert field_named(label, value, RELEASE_FIELDS) == field


def test_quotes_are_numbered_from_one_and_each_needs_who_and_what(ctx):
    quotes = parse_quotes(
        [{"by": "sally-hogg", "text": "One."}, {"by": {"name": "Ann"}, "text": "Two."}], ctx
    )
    assert [(quote.number, quote.text, quote.person.name) for quote in quotes] == [
        (1, "One.", "Sally Hogg"),
        (2, "Two.", "Ann"),
    ]
    assert refused(parse_quotes, [{"text": "x"}], ctx) == [
        ((0, "by"), "the quote has no by", "add a 'by:' line to the quote")
    ]
    assert refused(parse_quotes, [{"by": "sally-hogg"}], ctx) == [
        ((0, "text"), "the quote has no text", "add a 'text:' line to the quote")
    ]
    assert refused(parse_quotes, "x", ctx) == [
        ((), "must be a list, not the text 'x'", "write each quote on its own line starting with '- '")
    ]
    assert refused(parse_quotes, [{"by": "sally-hogg", "text": "x", "when": 1}], ctx) == [
        ((0, "when"), "'when' is not a field of the quote", "use only by, text")
    ]


def test_someone_unknown_is_refused_with_the_two_ways_to_name_them(ctx):
    assert refused(person, "nobody", ctx) == [
        (
            (),
            "no person with the id 'nobody' in people.yaml",
            "add them to content/people.yaml, or write {name, role, organisation}",
        )
    ]
    assert refused(person, {"name": "Ann", "colour": "x"}, ctx) == [
        (("colour",), "'colour' is not a field of the person", "use only id, name, role, organisation")
    ]
    assert refused(parse_event, AT_TEN | {"location": "Online", "speakers": "sally-hogg"}, ctx) == [
        (
            ("speakers",),
            "must be a list, not the text 'sally-hogg'",
            "write each speaker on its own line starting with '- '",
        )
    ]


@pytest.mark.parametrize(
    ("text", "index", "apostrophe"),
    [
        ("can’t", 3, True),
        ("’twas", 0, False),
        ("dogs’", 4, False),
        (" ’t", 1, False),
        ("a ’b", 2, False),
    ],
)
def test_a_closing_mark_between_two_letters_is_an_apostrophe(text, index, apostrophe):
    assert _is_apostrophe(text, index) is apostrophe
