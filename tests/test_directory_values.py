"""people.yaml is checked as strictly as a release: a photo is an image under content/ or an https image
address, a telephone number is a telephone number, and each mistake is named at its line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image
from support.site import SAMPLE_CONTENT, build, read_html, site_settings

from pressroom.validation.site_check import check_site

KEITH = "  - id: keith-reed\n"
CONTACT_PHONE = 'phone: "020 7946 0001"'


@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    (root / "images").mkdir(exist_ok=True)
    return root


def edit_people(content: Path, old: str, new: str) -> int:
    """Replace `old` in people.yaml with `new`; returns the line `new` starts on."""
    people = content / "people.yaml"
    text = people.read_text(encoding="utf-8")
    assert old in text
    people.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def give_keith(content: Path, line: str) -> int:
    """Add `line` to Keith Reed's entry; returns its line number."""
    return edit_people(content, KEITH, KEITH + "    name: Keith Reed\n".replace("name: Keith Reed", line)) + 1


def errors(content: Path) -> list[tuple[str, int | None, str]]:
    """The errors check finds in people.yaml (releases naming someone refused are reported as well)."""
    result = check_site(site_settings(content, content.parent / "unused"))
    found = [(Path(problem.path).name, problem.line, problem.field) for problem in result.errors]
    return [error for error in found if error[0] == "people.yaml"]


@pytest.mark.parametrize(
    "photo",
    [
        "javascript:alert(1)",
        "'javascript:alert(1)//x.png'",
        "data:image/png;base64,iVBORw0KGgo=",
        "'data:image/png;base64,iVBORw0KGgo=.png'",
        "http://photos.example/keith.jpg",
        "https://photos.example;frame-ancestors *;x/k.jpg",
        "https://keith@photos.example/k.jpg",
        "images/missing.jpg",
        "images/not-an-image.png",
        "../pelicanconf.png",
        "/etc/passwd.png",
        "images/keith.svg",
    ],
)
def test_a_photo_that_is_not_an_image_file_or_an_https_image_is_an_error_at_its_line(content, photo):
    (content / "images" / "not-an-image.png").write_text("<script>alert(1)</script>", encoding="utf-8")
    line = give_keith(content, f"photo: {photo}")
    assert errors(content) == [("people.yaml", line, "people.0.photo")]


@pytest.mark.parametrize("photo", ["images/keith.jpg", "https://photos.example.org/keith.jpg"])
def test_a_photo_under_content_or_at_an_https_address_is_shown(content, tmp_path, photo):
    Image.new("RGB", (8, 8)).save(content / "images" / "keith.jpg")
    give_keith(content, f"photo: {photo}")
    assert errors(content) == []
    site = build(content, tmp_path / "output")
    shown = read_html(site, "people/keith-reed/").select_one("img.person-photo")["src"]
    assert shown == ("/images/keith.jpg" if photo.startswith("images/") else photo)


@pytest.mark.parametrize(
    "phone",
    [
        "javascript:alert(1)",
        "'020 7946 0001?body=x'",
        "'+44 20 7946 0001 ext. 2'",
        "'call Keith'",
        "'()'",
        "'+44 20+7946'",
        "442079460001",
        "'020\u200b7946 0001'",
    ],
)
def test_a_phone_that_is_not_a_telephone_number_is_an_error_at_its_line(content, phone):
    line = edit_people(content, CONTACT_PHONE, f"phone: {phone}")
    assert errors(content) == [("people.yaml", line, "press_contacts.0.phone")]


@pytest.mark.parametrize("phone", ["'+44 (0)20 7946 0001'", "'020-7946-0001'", "'07700 900123'"])
def test_telephone_numbers_as_people_write_them_are_accepted(content, phone):
    edit_people(content, CONTACT_PHONE, f"phone: {phone}")
    assert errors(content) == []


def test_a_hostile_phone_or_photo_stops_the_build_instead_of_reaching_a_page(content, tmp_path):
    edit_people(content, CONTACT_PHONE, "phone: javascript:alert(1)")
    give_keith(content, "photo: javascript:alert(1)")
    with pytest.raises(SystemExit):
        build(content, tmp_path / "output")
    assert not (tmp_path / "output" / "index.html").exists()


@pytest.mark.parametrize("character", ["\u202e", "\u200b"])
def test_a_name_with_an_invisible_or_direction_character_is_an_error(content, character):
    line = edit_people(content, "name: Keith Reed", f"name: Keith{character} Reed")
    assert errors(content) == [("people.yaml", line, "people.0.name")]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("name: Keith Reed", "name: |-\n      Keith\n      Reed", "people.0.name"),
        ("name: Keith Reed", 'name: "Keith\\nReed"', "people.0.name"),
    ],
)
def test_a_name_on_two_lines_is_an_error_saying_to_fold_it(content, old, new, field):
    line = edit_people(content, old, new)
    assert errors(content) == [("people.yaml", line, field)]
    result = check_site(site_settings(content, content.parent / "unused"))
    [problem] = [problem for problem in result.errors if problem.field == field]
    assert problem.what == "'Keith' is followed by a line break, but it must be one line"


def test_a_name_folded_over_two_lines_is_one_line(content):
    edit_people(content, "name: Keith Reed", "name: >-\n      Keith\n      Reed")
    assert errors(content) == []


@pytest.mark.parametrize("name", ["people.yaml", "topics.yaml"])
def test_a_directory_file_that_is_not_text_is_an_error_naming_it(content, name):
    (content / name).write_bytes(b"\xff\xfe" + bytes(range(128, 256)))
    result = check_site(site_settings(content, content.parent / "unused"))
    assert [(Path(problem.path).name, problem.field, problem.what, problem.fix) for problem in result.errors][
        :1
    ] == [(name, "file", "is not UTF-8 text", "save the file as UTF-8")]


@pytest.mark.parametrize("make", [Path.mkdir, os.mkfifo])
def test_a_directory_file_that_is_a_folder_or_a_pipe_is_an_error_naming_it(content, make):
    (content / "topics.yaml").unlink()
    make(content / "topics.yaml")
    result = check_site(site_settings(content, content.parent / "unused"))
    found = [problem for problem in result.errors if Path(problem.path).name == "topics.yaml"]
    assert [(problem.field, problem.what) for problem in found][:1] == [
        ("file", "is not a regular file (a folder, a named pipe or a device)")
    ]


def test_a_named_pipe_among_the_releases_is_an_error_and_never_read(content):
    os.mkfifo(content / "releases" / "waiting.md")
    result = check_site(site_settings(content, content.parent / "unused"))
    assert [(Path(problem.path).name, problem.field) for problem in result.errors] == [("waiting.md", "file")]
    assert "is not a regular file (a named pipe, a socket or a device)" in result.errors[0].what
