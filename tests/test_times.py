"""Times are the press office's wall-clock time in the site's zone (Europe/London): a time without an
offset is read there, a written offset must be London's at that moment, and a time the clocks skip or
pass twice is refused with both readings. Every message words the moment for its own date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from support.site import build, read_html
from support.sources import BODY, check, only
from support.sources import HEAD as SOURCE_HEAD

from pressroom.content_model.decision import decide

HEAD = SOURCE_HEAD.replace("the spending review", "the winter statement").replace("2022-06-01", "2026-03-01")
UTC = dt.UTC


def checked(root: Path, front: str):
    (root / "releases" / "release.md").write_text(HEAD + front + BODY, encoding="utf-8")
    return check(root)


def only_problem(root: Path, front: str):
    return only(checked(root, front).errors)


def python_repr(text: str) -> bool:
    return bool(re.search(r"datetime\.|timedelta\(|tzinfo=", text))


@pytest.mark.parametrize(
    ("front", "moment"),
    [
        ("embargo: 2026-12-03T00:01\n", dt.datetime(2026, 12, 3, 0, 1, tzinfo=UTC)),
        ("embargo: 2026-06-03T00:01\n", dt.datetime(2026, 6, 2, 23, 1, tzinfo=UTC)),
        ("embargo: 2026-12-03T00:01+00:00\n", dt.datetime(2026, 12, 3, 0, 1, tzinfo=UTC)),
        ("embargo: 2026-12-03T00:01Z\n", dt.datetime(2026, 12, 3, 0, 1, tzinfo=UTC)),
        ("embargo: 2026-06-03T00:01:00+01:00\n", dt.datetime(2026, 6, 2, 23, 1, tzinfo=UTC)),
        ("embargo: 2026-10-25T01:30+01:00\n", dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        ("embargo: 2026-10-25T01:30+00:00\n", dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
        ("embargo: 2026-03-29T02:00\n", dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        ("embargo: 2026-10-25T02:00\n", dt.datetime(2026, 10, 25, 2, 0, tzinfo=UTC)),
    ],
    ids=[
        "winter wall clock",
        "summer wall clock",
        "winter +00:00",
        "winter Z",
        "summer +01:00 with seconds",
        "first 01:30 at the autumn change, by its offset",
        "second 01:30 at the autumn change, by its offset",
        "first minute after the spring change",
        "first minute after the autumn change",
    ],
)
def test_an_embargo_is_the_moment_a_londoner_means(content, front, moment):
    result = checked(content, front)
    assert result.errors == []
    [release] = result.releases
    assert release.embargo.astimezone(UTC) == moment  # (== across zones is never true in a fold)
    before, at = moment - dt.timedelta(minutes=1), moment
    assert decide(release, before).reason == "embargoed"
    assert decide(release, at).public


@pytest.mark.parametrize(
    ("front", "what", "fix"),
    [
        (
            "embargo: 2026-12-03T00:01+01:00\n",
            "'2026-12-03T00:01+01:00' is 23:01 on 2 December 2026 in London: +01:00 is not London's "
            "offset on that date",
            "00:01 on 3 December 2026 in London is 2026-12-03T00:01+00:00 (GMT): write that, or "
            "2026-12-03T00:01 without an offset",
        ),
        (
            "embargo: 2026-06-03T00:01Z\n",
            "'2026-06-03T00:01Z' is 01:01 on 3 June 2026 in London: +00:00 is not London's offset",
            "00:01 on 3 June 2026 in London is 2026-06-03T00:01+01:00 (BST)",
        ),
        (
            "embargo: 2026-06-03T00:01:00+00:00\n",
            "'2026-06-03T00:01+00:00' is 01:01 on 3 June 2026 in London",
            "2026-06-03T00:01+01:00 (BST)",
        ),
        (
            "embargo: 2026-10-25T01:30\n",
            "01:30 on 25 October 2026 in London happens twice, as the clocks go back: "
            "2026-10-25T01:30+01:00 (BST) or 2026-10-25T01:30+00:00 (GMT)",
            "write the one you mean",
        ),
        (
            "embargo: 2026-03-29T01:30\n",
            "01:30 on 29 March 2026 in London does not happen, as the clocks go forward past it: "
            "2026-03-29T00:30+00:00 (GMT) or 2026-03-29T02:30+01:00 (BST)",
            "write the one you mean",
        ),
        (
            "embargo: 2026-03-29T01:00+00:00\n",
            "'2026-03-29T01:00+00:00' is 02:00 on 29 March 2026 in London",
            "01:00 on 29 March 2026 in London does not happen",
        ),
        (
            "embargo: 2026-12-03\n",
            "'2026-12-03' has no time",
            "for example 2026-12-03T00:01 (00:01 on 3 December 2026 in London)",
        ),
        (
            "embargo: 2026-12-03T00:01+25:00\n",
            "'2026-12-03T00:01+25:00' is not a date that exists (+25:00 is not a UTC offset)",
            "write 2026-12-03T00:01 without an offset, or 2026-12-03T00:01+00:00 (GMT)",
        ),
        (
            "embargo: 2026-07-03T00:01:00+25:00\n",
            "(+25:00 is not a UTC offset)",
            "or 2026-07-03T00:01+01:00 (BST)",
        ),
        (
            "embargo: 2026-02-28T00:01\n",
            "lifts at 00:01 on 28 February 2026, before the release's own date (00:00 on 1 March 2026), "
            "so it would hold nothing back",
            "the embargo must be at or after the date",
        ),
        ("embargo: [2026-12-03T00:01]\n", "is a list, not one date", "write one date after the colon"),
        ("embargo:\n  at: 2026-12-03T00:01\n", "is a group of fields, not a date", "write one date"),
        ("embargo: true\n", "must be a date, not true", "write it as YYYY-MM-DDTHH:MM (UK time)"),
    ],
    ids=[
        "summer offset in December",
        "Z in summer",
        "+00:00 in summer",
        "time that happens twice",
        "time that does not happen",
        "offset naming a time the clocks skip",
        "date without a time",
        "offset out of range",
        "offset out of range in summer",
        "before the release's date",
        "a list",
        "a group",
        "true",
    ],
)
def test_an_embargo_that_is_not_one_clear_moment_is_an_error_in_words(content, front, what, fix):
    problem = only_problem(content, front)
    assert (problem.line, problem.field) == (6, "embargo")
    assert what in problem.what
    assert fix in problem.fix
    assert not python_repr(str(problem))


@pytest.mark.parametrize(
    ("front", "field", "what"),
    [
        ("date:\n  - 2026-06-01\n  - 2026-06-02\n", "date", "is a list, not one date"),
        ("date: {day: 1}\n", "date", "is a group of fields, not a date"),
        ("date: 2026-06-01T09:00:00Z\n", "date", "is 10:00 on 1 June 2026 in London"),
        (
            "updated:\n  - date: 2026-12-03T09:00+01:00\n    note: Corrected a figure\n",
            "updated[1].date",
            "is 08:00 on 3 December 2026 in London",
        ),
        (
            "updated:\n  - date: [2026-12-03]\n    note: Corrected a figure\n",
            "updated[1].date",
            "is a list, not one date",
        ),
    ],
)
def test_other_dates_follow_the_same_rules(content, front, field, what):
    text = HEAD.replace("date: 2026-03-01\n", "") if front.startswith("date") else HEAD
    (content / "releases" / "release.md").write_text(text + front + BODY, encoding="utf-8")
    errors = check(content).errors
    assert [problem.field for problem in errors] == [field], [str(problem) for problem in errors]
    assert what in errors[0].what
    assert not python_repr(str(errors[0]))


EVENT = """event:
  start: 2026-10-25T01:30+01:00
  end: 2026-10-25T01:15+00:00
  location: Online
"""


def test_an_event_across_the_autumn_clock_change_ends_after_it_starts(content):
    # 01:30 BST, then the clocks go back at 02:00 BST: 01:15 GMT is 45 minutes later.
    text = HEAD.replace("type: statement", "type: event") + EVENT + BODY
    (content / "releases" / "release.md").write_text(text, encoding="utf-8")
    result = check(content)
    assert result.errors == []
    [release] = result.releases
    assert release.event.end.astimezone(UTC) - release.event.start.astimezone(UTC) == dt.timedelta(minutes=45)
    assert release.event.when.text == "Sunday 25 October 2026, 01:30 BST to 01:15 GMT"


def test_a_winter_and_a_summer_embargo_without_an_offset_lift_at_london_midnight(content, tmp_path):
    for name, day in (("winter", "2026-12-03"), ("summer", "2026-07-03")):
        text = HEAD.replace("the winter statement", f"the {name} statement") + f"embargo: {day}T00:01\n"
        (content / "releases" / f"{name}.md").write_text(text + BODY, encoding="utf-8")

    def public_titles(now: str) -> set[str]:
        output = build(content, tmp_path / now.replace(":", ""), PRESSROOM_NOW=now)
        return {link.get_text(strip=True) for link in read_html(output, "/").select("main h2 a, main h3 a")}

    assert public_titles("2026-07-03T00:00") == set()
    assert public_titles("2026-07-03T00:01") == {"Charity responds to the summer statement"}
    assert public_titles("2026-12-02T23:59:59+00:00") == {"Charity responds to the summer statement"}
    assert public_titles("2026-12-03T00:01") == {
        "Charity responds to the summer statement",
        "Charity responds to the winter statement",
    }
