"""What sits in content/ besides releases: only named, real images are published, a misplaced release is
named, and the files editors leave beside the one they edit change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PIL import Image
from support.site import build, site_settings

from pressroom.validation import ContentInvalid
from pressroom.validation.site_check import check_site
from publishing.serve import changes_to_build

RELEASE = """---
title: Charity welcomes the new family hubs
date: 2024-05-01
type: statement
summary: A short standfirst.
---
The lead paragraph.
"""
EMBARGOED = RELEASE.replace("date: 2024-05-01", "date: 2031-01-01\nembargo: 2031-01-01T00:01+00:00")


@pytest.fixture
def content(content) -> Path:
    """The sample site's people and topics, an images folder, and one public release of its own."""
    (content / "images").mkdir()
    (content / "releases" / "release.md").write_text(RELEASE, encoding="utf-8")
    return content


def errors_of(root: Path) -> list[str]:
    return [str(problem) for problem in check_site(site_settings(root, root.parent / "output")).errors]


def write_image(path: Path, size=(4, 4), kind="PNG") -> None:
    Image.new("RGB", size, "teal").save(path, kind)


# --- Only real images may be in content/images/ ----------------------------------------------------

NOT_IMAGES = {
    "embargoed-release.md": (
        EMBARGOED.encode(),
        "is a Markdown file, not an image, and everything in content/images/ is published as it is, for "
        "anyone to read (a release here is public at once) — move it into content/releases/2031/ if it is "
        "a release, or content/pages/ if it is a page",
    ),
    "report.pdf": (b"%PDF-1.7\n1 0 obj <<>> endobj\n", "is not a JPEG, PNG, WebP or GIF image"),
    "statement.docx": (b"PK\x03\x04" + bytes(40), "is not a JPEG, PNG, WebP or GIF image"),
    "logo.svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>',
        "export a picture (an SVG too) as PNG or JPEG",
    ),
    "fake.jpg": (b"GIF89a not really", "is not a JPEG, PNG, WebP or GIF image"),
}


@pytest.mark.parametrize("name", NOT_IMAGES)
def test_anything_but_a_real_image_in_the_images_folder_is_an_error_naming_it(content, name):
    data, words = NOT_IMAGES[name]
    (content / "images" / name).write_bytes(data)
    [error] = errors_of(content)
    assert error.startswith(f"{content / 'images' / name}: file: ")
    assert words in error


def test_an_image_with_the_wrong_name_is_told_its_right_one(content):
    write_image(content / "images" / "chart.txt")
    [error] = errors_of(content)
    assert error.endswith("under a name browsers misread — rename it to chart.png")


def test_the_build_stops_on_them_before_publishing_anything(content, tmp_path):
    for name, (data, _) in NOT_IMAGES.items():
        (content / "images" / name).write_bytes(data)
    with pytest.raises(ContentInvalid) as stopped:
        build(content, tmp_path / "output")
    for name in NOT_IMAGES:
        assert f"images/{name}: file: " in str(stopped.value)
    assert not (tmp_path / "output").exists()


def test_an_image_over_pillows_limit_is_called_too_large_not_unreal(content):
    Image.new("1", (10_000, 10_000)).save(content / "images" / "huge.png")  # 12 KB, 100 million pixels
    release = content / "releases" / "release.md"
    image = "image:\n  src: images/huge.png\n  alt: A photo\n"
    release.write_text(RELEASE.replace("---\nThe lead", image + "---\nThe lead"), encoding="utf-8")
    errors = errors_of(content)
    assert sorted(error.split(": ")[1] for error in errors) == ["file", "image.src"]
    for error in errors:
        assert "has more than 89,478,485 pixels (about 9,500 × 9,500), the most an image may have" in error
        assert "not a real" not in error
        assert error.endswith("export it smaller: 2,000 pixels across is plenty for a page or a link preview")


# --- Only the images something public names are published -----------------------------------------


def test_only_images_a_public_release_page_person_or_setting_names_are_published(content, tmp_path):
    for name in (
        "in-body.png",
        "release-image.jpg",
        "person.png",
        "page.png",
        "logo.png",
        "draft-only.png",
        "unused.png",
    ):
        write_image(content / "images" / name, kind="JPEG" if name.endswith(".jpg") else "PNG")
    release = content / "releases" / "release.md"
    image = "image:\n  src: images/release-image.jpg\n  alt: A photo\n"
    release.write_text(
        RELEASE.replace("---\nThe lead", image + "---\nThe lead")
        + "\n![A chart]({static}/images/in-body.png)\n",
        encoding="utf-8",
    )
    (content / "releases" / "draft.md").write_text(
        RELEASE.replace("date:", "status: draft\ndate:").replace("family hubs", "draft")
        + "\n![A photo](/images/draft-only.png)\n",
        encoding="utf-8",
    )
    (content / "pages" / "about.md").write_text(
        "---\ntitle: About us\n---\n![Our office](/images/page.png)\n", encoding="utf-8"
    )
    people = yaml.safe_load((content / "people.yaml").read_text(encoding="utf-8"))
    people["people"][0]["photo"] = "images/person.png"
    (content / "people.yaml").write_text(yaml.safe_dump(people, sort_keys=False), encoding="utf-8")

    organisation = {**site_settings(content, tmp_path)["ORGANISATION"], "logo": "images/logo.png"}

    output = build(
        content, tmp_path / "output", PRESSROOM_NOW="2026-01-01T00:00+00:00", ORGANISATION=organisation
    )

    published = sorted(path.name for path in (output / "images").iterdir())
    assert published == ["in-body.png", "logo.png", "page.png", "person.png", "release-image.jpg"]


# --- A release saved in the wrong folder -------------------------------------------------------------


def test_a_release_saved_outside_the_release_folders_is_named_with_where_it_belongs(content):
    (content / "2024-05-01-family-hubs.md").write_text(RELEASE, encoding="utf-8")
    (content / "drafts").mkdir()
    (content / "drafts" / "unfinished.md").write_text("Notes for a release\n", encoding="utf-8")
    assert errors_of(content) == [
        f"{content / '2024-05-01-family-hubs.md'}: file: is outside content/releases/ and content/pages/, "
        "so it is never built — move it into content/releases/2024/ if it is a release, or content/pages/ "
        "if it is a page",
        f"{content / 'drafts' / 'unfinished.md'}: file: is outside content/releases/ and content/pages/, "
        "so it is never built — move it into content/releases/YEAR/ if it is a release, or content/pages/ "
        "if it is a page",
    ]


# --- Editors' own files ------------------------------------------------------------------------------

EDITOR_FILES = ("#release.md#", "release.md~", ".release.md.swp", "~$statement.docx", ".DS_Store")


def test_editors_lock_and_backup_files_are_passed_over_by_check_build_and_serve(content, tmp_path):
    releases, images = content / "releases", content / "images"
    (releases / ".#release.md").symlink_to("someone@laptop.4242:1700000000")  # Emacs's lock: leads nowhere
    (images / ".#photo.png").symlink_to("someone@laptop.4242:1700000000")
    for folder in (releases, images, content):
        for name in EDITOR_FILES:
            (folder / name).write_text(RELEASE, encoding="utf-8")

    assert errors_of(content) == []
    output = build(content, tmp_path / "output")
    assert [path.name for path in output.rglob("*") if "release.md" in path.name or "~" in path.name] == []
    assert not (output / "images").exists()
    changes = {(1, str(releases / name)) for name in (*EDITOR_FILES, ".#release.md")}
    saved = releases / "release.md"
    assert changes_to_build({*changes, (2, str(saved))}, site_settings(content, output)) == {saved}


def test_a_file_linked_from_outside_the_images_folder_is_an_error_on_its_line(content):
    (content / "docs").mkdir()
    (content / "docs" / "report.pdf").write_bytes(NOT_IMAGES["report.pdf"][0])
    write_image(content / "images" / "chart.png")
    text = RELEASE.replace(
        "---\nThe lead", "notes_to_editors: See [the logo]({attach}../docs/logo.svg).\n---\nThe lead"
    )
    text += "\n[The report]({static}/docs/report.pdf) and ![A chart]({static}/images/chart.png)\n"
    (content / "releases" / "release.md").write_text(text, encoding="utf-8")
    assert [error.removeprefix(str(content / "releases" / "release.md")) for error in errors_of(content)] == [
        ":10: body: links to /docs/report.pdf with {static}, which would publish that file as it is; only "
        "the images in content/images/ are published — put a picture in content/images/ and link it from "
        "there; link to a document by its full address on the website that publishes it",
        ":6: notes_to_editors: links to ../docs/logo.svg with {attach}, which would publish that file as it "
        "is; only the images in content/images/ are published — put a picture in content/images/ and link "
        "it from there; link to a document by its full address on the website that publishes it",
    ]


def test_a_link_to_a_release_page_or_image_that_is_not_there_is_an_error_on_its_line(content):
    """Pelican only warns, and publishes the link broken; `invoke check` said nothing."""
    write_image(content / "images" / "chart.png")
    (content / "releases" / "2022").mkdir()
    (content / "releases" / "2022" / "older.md").write_text(RELEASE.replace("2024-05-01", "2022-05-01"))
    text = RELEASE.replace(
        "---\nThe lead", "notes_to_editors: See [the chart]({static}/images/chrat.png).\n---\nThe lead"
    )
    text += (
        "\nAs [we said]({filename}/releases/older.md), and [before]({filename}2022/older.md#quotes), "
        "![A chart]({static}/images/chart.png) and [the vision]({filename}/pages/no-such-page.md).\n"
    )
    (content / "releases" / "release.md").write_text(text, encoding="utf-8")
    assert [error.removeprefix(str(content / "releases" / "release.md")) for error in errors_of(content)] == [
        ":10: body: links to /releases/older.md with {filename}, but there is no such file in the content "
        "folder, so the link would be published broken — did you mean {filename}/releases/2022/older.md?",
        ":10: body: links to /pages/no-such-page.md with {filename}, but there is no such file in the "
        "content folder, so the link would be published broken — give the file's path from the content "
        "folder, for example {filename}/releases/2024/2024-03-12-a-release.md, or link to its full web "
        "address",
        ":6: notes_to_editors: links to /images/chrat.png with {static}, but there is no such file in the "
        "content folder, so the link would be published broken — did you mean {static}/images/chart.png?",
    ]
