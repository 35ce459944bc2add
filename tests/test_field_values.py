"""A date or a moment as an author writes it: what it is read as, and when it cannot be one, the part
that is wrong and what to write instead, word for word (the site's zone here is London's)."""

from __future__ import annotations

import datetime as dt

import pytest

from pressroom.content_model import fields
from pressroom.content_model.problems import Invalid

LONDON = "Europe/London"
FORMS = "YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)"

# (written, what is wrong, the fix)
NOT_MOMENTS = [
    (
        "2024-13-01",
        "'2024-13-01' is not a date that exists (there is no month 13)",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "2024-00-10",
        "'2024-00-10' is not a date that exists (there is no month 0)",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "2024-01-00",
        "'2024-01-00' is not a date that exists (there is no day 0)",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "2026-12-04T00:01+01:60",
        "'2026-12-04T00:01+01:60' is not a date that exists (+01:60 is not a UTC offset)",
        "write 2026-12-04T00:01 without an offset, or 2026-12-04T00:01+00:00 (GMT)",
    ),
    (
        "2024-02-30",
        "'2024-02-30' is not a date that exists (February 2024 has 29 days)",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "2023-02-29",
        "'2023-02-29' is not a date that exists (February 2023 has 28 days)",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "2024-04-31",
        "'2024-04-31' is not a date that exists (April 2024 has 30 days)",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "2024-06-01T24:00",
        "'2024-06-01T24:00' is not a date that exists (a day's hours run from 00 to 23, not 24)",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "2024-06-01T23:60",
        "'2024-06-01T23:60' is not a date that exists (an hour's minutes run from 00 to 59, not 60)",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "2024-06-01T23:59:60",
        "'2024-06-01T23:59:60' is not a date that exists (a minute's seconds run from 00 to 59, not 60)",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "2024-06-01T10:00+24:00",
        "'2024-06-01T10:00+24:00' is not a date that exists (+24:00 is not a UTC offset)",
        "write 2024-06-01T10:00 without an offset, or 2024-06-01T10:00+01:00 (BST)",
    ),
    (
        "2024-06-01T10:00:00.5+25",
        "'2024-06-01T10:00:00.5+25' is not a date that exists (+25 is not a UTC offset)",
        "write 2024-06-01T10:00:00 without an offset, or 2024-06-01T10:00:00+01:00 (BST)",
    ),
    (
        "2024-06-01 10:00 +01:00x",
        "'2024-06-01 10:00 +01:00x' is not a date",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "June 2024",
        "'June 2024' is not a date",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "2024-6-1",
        "'2024-6-1' is not a date",
        "write it as YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (UK time)",
    ),
    (
        "2024-06-01T10:00+00:00",
        "'2024-06-01T10:00+00:00' is 11:00 on 1 June 2024 in London: +00:00 is not London's offset "
        "on that date",
        "10:00 on 1 June 2024 in London is 2024-06-01T10:00+01:00 (BST): write that, or "
        "2024-06-01T10:00 without an offset",
    ),
    (
        "2024-12-01T10:00+01:00",
        "'2024-12-01T10:00+01:00' is 09:00 on 1 December 2024 in London: +01:00 is not London's "
        "offset on that date",
        "10:00 on 1 December 2024 in London is 2024-12-01T10:00+00:00 (GMT): write that, or "
        "2024-12-01T10:00 without an offset",
    ),
    (
        "2024-03-31T01:30+01:00",
        "'2024-03-31T01:30+01:00' is 00:30 on 31 March 2024 in London: +01:00 is not London's "
        "offset on that date",
        "01:30 on 31 March 2024 in London does not happen, as the clocks go forward past it: "
        "2024-03-31T00:30+00:00 (GMT) or 2024-03-31T02:30+01:00 (BST) — write the one you mean",
    ),
    (
        "2024-03-31T01:30",
        "01:30 on 31 March 2024 in London does not happen, as the clocks go forward past it: "
        "2024-03-31T00:30+00:00 (GMT) or 2024-03-31T02:30+01:00 (BST)",
        "write the one you mean",
    ),
    (
        "2024-10-27T01:30",
        "01:30 on 27 October 2024 in London happens twice, as the clocks go back: "
        "2024-10-27T01:30+01:00 (BST) or 2024-10-27T01:30+00:00 (GMT)",
        "write the one you mean",
    ),
    (
        "1800-01-01",
        "'1800-01-01' is in the year 1800",
        "give a date between 1900 and 2100: the year looks mistyped",
    ),
    (
        "2101-01-01",
        "'2101-01-01' is in the year 2101",
        "give a date between 1900 and 2100: the year looks mistyped",
    ),
    (
        "2024-06-01T10:00Z",
        "'2024-06-01T10:00Z' is 11:00 on 1 June 2024 in London: +00:00 is not London's offset on that date",
        "10:00 on 1 June 2024 in London is 2024-06-01T10:00+01:00 (BST): write that, or "
        "2024-06-01T10:00 without an offset",
    ),
]


@pytest.mark.parametrize(("written", "what", "fix"), NOT_MOMENTS, ids=[case[0] for case in NOT_MOMENTS])
def test_a_value_that_is_not_one_moment_says_which_part_is_wrong(written, what, fix):
    with pytest.raises(Invalid) as caught:
        fields.datetime(written, LONDON)
    assert caught.value.findings == [((), what, fix)]


@pytest.mark.parametrize(
    ("value", "what", "fix"),
    [
        (True, "must be a date, not true", f"write it as {FORMS}"),
        (5, "'5' is not a date", f"write it as {FORMS}"),
        ([1], "is a list, not one date", f"write one date after the colon, as {FORMS}"),
        ({"a": 1}, "is a group of fields, not a date", f"write one date after the colon, as {FORMS}"),
    ],
)
def test_a_value_of_another_kind_is_no_date(value, what, fix):
    with pytest.raises(Invalid) as caught:
        fields.datetime(value, LONDON)
    assert caught.value.findings == [((), what, fix)]


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("23/05/2022", "write the year first: 23/05/2022 (day/month/year) is 2022-05-23"),
        ("3.12.2026", "write the year first: 3.12.2026 (day/month/year) is 2026-12-03"),
        ("03/12/2026 00:01", "write the year first: 03/12/2026 00:01 (day/month/year) is 2026-12-03T00:01"),
        ("23 May 2022", "write the year first: 23 May 2022 is 2022-05-23"),
        (
            "00:01 on Thursday 3 December 2026",
            "write the year first: 00:01 on Thursday 3 December 2026 is 2026-12-03T00:01",
        ),
        ("3rd Dec 2026 at 10.30", "write the year first: 3rd Dec 2026 at 10.30 is 2026-12-03T10:30"),
        ("31 Fibruary 2026", f"write it as {FORMS}"),
        ("31/02/2026", f"write it as {FORMS}"),
        ("05/23/2022", f"write it as {FORMS}"),
    ],
)
def test_a_date_written_day_first_is_given_back_year_first(written, fix):
    with pytest.raises(Invalid) as caught:
        fields.datetime(written, LONDON)
    assert caught.value.findings == [((), f"'{written}' is not a date", fix)]


def test_a_moment_written_day_first_without_its_time_is_told_to_give_one():
    with pytest.raises(Invalid) as caught:
        fields.datetime("3 December 2026", LONDON, needs_time=True)
    assert caught.value.findings[0][2] == (
        "write the year first: 3 December 2026 is 2026-12-03, and give its time: for example 2026-12-03T00:01"
    )


@pytest.mark.parametrize(
    ("value", "what", "fix"),
    [
        (True, "must be a date, not true", "write it as YYYY-MM-DDTHH:MM (UK time)"),
        ("soon", "'soon' is not a date", "write it as YYYY-MM-DDTHH:MM (UK time)"),
        ([1], "is a list, not one date", "write one date after the colon, as YYYY-MM-DDTHH:MM (UK time)"),
    ],
)
def test_a_moment_that_needs_a_time_is_never_told_a_bare_date_would_do(value, what, fix):
    with pytest.raises(Invalid) as caught:
        fields.datetime(value, LONDON, needs_time=True)
    assert caught.value.findings == [((), what, fix)]


def test_a_date_is_midnight_and_a_time_is_wall_clock_time_in_the_sites_zone():
    assert fields.datetime("2024-06-01", LONDON).isoformat() == "2024-06-01T00:00:00+01:00"
    assert fields.datetime(dt.date(2024, 12, 1), LONDON).isoformat() == "2024-12-01T00:00:00+00:00"
    assert fields.datetime(dt.datetime(2024, 6, 1, 10), LONDON).isoformat() == "2024-06-01T10:00:00+01:00"
    assert fields.datetime("2024-06-01T10:00+01:00", LONDON).isoformat() == "2024-06-01T10:00:00+01:00"
    assert fields.datetime("2024-06-01T00:00", LONDON, needs_time=True).hour == 0
    assert fields.date("2024-06-01T23:30", LONDON) == dt.date(2024, 6, 1)


@pytest.mark.parametrize("written", ["2024-06-01", dt.date(2024, 6, 1)])
def test_a_moment_that_needs_a_time_says_so_with_an_example(written):
    with pytest.raises(Invalid) as caught:
        fields.datetime(written, LONDON, needs_time=True)
    assert caught.value.findings == [
        (
            (),
            "'2024-06-01' has no time",
            "give the moment, for example 2024-06-01T00:01 (00:01 on 1 June 2024 in London)",
        )
    ]


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("2024-01-31", None),
        ("2024-02-29", None),
        ("2024-12-31T23:59:59", None),
        ("2024-01-01T10:00+23:00", None),
        ("2024-01-01T10:00+01", None),
        ("2024-01-01T10:00+01:59", None),
        ("2024-01-01T10:00+01:60", "+01:60 is not a UTC offset"),
        ("2024-01-01T10:00+24", "+24 is not a UTC offset"),
        ("2024-01-32", "January 2024 has 31 days"),
        ("2024-01-00", "there is no day 0"),
        ("2024-12-01T10:00:60", "a minute's seconds run from 00 to 59, not 60"),
        ("1 June 2024", None),
    ],
)
def test_the_part_of_a_date_that_cannot_be_is_found_at_the_edges_of_each_part(written, why):
    assert fields.impossible_part(written) == why


@pytest.mark.parametrize(
    ("written", "what", "fix"),
    [
        (
            "2024-06-01T10:00 +25:00",
            "'2024-06-01T10:00 +25:00' is not a date that exists (+25:00 is not a UTC offset)",
            "write 2024-06-01T10:00 without an offset, or 2024-06-01T10:00+01:00 (BST)",
        ),
        (
            "2024-03-31T01:30+25:00",
            "'2024-03-31T01:30+25:00' is not a date that exists (+25:00 is not a UTC offset)",
            "01:30 on 31 March 2024 in London does not happen, as the clocks go forward past it: "
            "2024-03-31T00:30+00:00 (GMT) or 2024-03-31T02:30+01:00 (BST) — write the one you mean",
        ),
        (
            "2024-10-27T01:30+24:00",
            "'2024-10-27T01:30+24:00' is not a date that exists (+24:00 is not a UTC offset)",
            "01:30 on 27 October 2024 in London happens twice, as the clocks go back: "
            "2024-10-27T01:30+01:00 (BST) or 2024-10-27T01:30+00:00 (GMT) — write the one you mean",
        ),
    ],
)
def test_an_impossible_offset_is_answered_with_the_offset_the_wall_clock_time_has(written, what, fix):
    with pytest.raises(Invalid) as caught:
        fields.datetime(written, LONDON)
    assert caught.value.findings == [((), what, fix)]
