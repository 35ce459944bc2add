"""Advance copies: an embargoed release as a press office sends it to journalists before the embargo lifts.

`invoke advance-copy FILE` builds the site as `invoke preview` does (the preview sees embargoed releases)
into a temporary folder, takes the release's marked .txt and PDF and its presentation from that build
(the copy_ready plugin keeps them), and writes `advance/SLUG/SLUG.txt`, `SLUG.pdf` and `SLUG.eml`: a
message ready to send from any mail program, with no recipient. `advance/` is beside output/, never
inside it, so no build or publish carries it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import shutil
import tempfile
from dataclasses import dataclass
from email.errors import HeaderDefect
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from pressroom.content_model.decision import Visibility, decide
from pressroom.content_model.model import Release
from pressroom.content_model.site import NOW_SETTING, PREVIEW_SETTING, SHOW_PROBLEMS_SETTING, site_of
from pressroom.content_model.storage import disk_error
from pressroom.content_model.times import on_the_clock
from pressroom.copy_ready import ADVANCE_COPIES_KEY, AdvanceCopies, AdvanceCopy
from pressroom.validation.site_check import check_site

from .build import build_into, settings_for, swap_into_place


class AdvanceCopyRefused(SystemExit):
    """Ends `invoke advance-copy` with status 1 and why no advance copy was made."""


@dataclass(frozen=True)
class Written:
    folder: Path
    files: tuple[Path, ...]
    subject: str


def same_file(first: str | Path, second: Path) -> bool:
    return Path(first).resolve() == second


def release_of(source: Path, shown: str, settings: dict) -> Release:
    """The release `source` holds, checked; refused with a sentence when it is none, or with its mistakes."""
    content = Path(settings["PATH"]).resolve()
    if source.is_dir():
        raise AdvanceCopyRefused(
            f"{shown} is a folder: give the path of one release, such as "
            "content/releases/2026/2026-12-03-my-release.md. No advance copy was made."
        )
    if content not in source.parents:
        raise AdvanceCopyRefused(
            f"{shown} is not in the content folder ({content}): give the path of a release there, such as "
            "content/releases/2026/2026-12-03-my-release.md. No advance copy was made."
        )
    if not source.is_file():
        raise AdvanceCopyRefused(
            f"{shown}: there is no such file. Give the path of a release in {content}, such as "
            "content/releases/2026/2026-12-03-my-release.md. No advance copy was made."
        )
    result = check_site(settings)
    mistakes = [problem for problem in result.errors if problem.path and same_file(problem.path, source)]
    if mistakes:
        raise AdvanceCopyRefused(
            "\n".join(
                [
                    *(str(problem) for problem in mistakes),
                    f"{len(mistakes)} mistake(s) in {shown}: no advance copy was made. Fix them (`invoke "
                    "check` lists them too) and run it again.",
                ]
            )
        )
    release = next((item for item in result.releases if same_file(item.source_path, source)), None)
    if release is not None:
        return release
    if any(same_file(page.source_path, source) for page in result.pages):
        raise AdvanceCopyRefused(
            f"{shown} is a page, not a release: only an embargoed release has an advance copy. No advance "
            "copy was made."
        )
    raise AdvanceCopyRefused(
        f"{shown} is not a release (a .md file under {content / 'releases'}): only an embargoed release has "
        "an advance copy. No advance copy was made."
    )


def refusal(release: Release, visibility: Visibility, shown: str, timezone: str) -> str | None:
    """Why `release` gets no advance copy at the build's clock, or None when it is under an embargo.

    A scheduled release (a `date` to come, no embargo) has none: nobody agreed to hold it, so a copy sent
    before its date would have nothing binding on it."""
    if release.status == "draft":
        return (
            f"{shown} is a draft: an advance copy is only for a release published under an embargo. Set "
            "`status: published` and its `embargo:`, then run it again."
        )
    if release.withdrawn:
        return f"{shown} is withdrawn: a withdrawn release is sent to nobody."
    if visibility.reason == "scheduled":
        assert visibility.until is not None
        return (
            f"{shown} is scheduled for {on_the_clock(visibility.until, timezone)} but has no embargo, so "
            "nothing would bind a journalist who had it early. Add `embargo:` with the moment it may be "
            "published if journalists are to have it in advance."
        )
    if visibility.public:
        return (
            f"{shown} is public already: send journalists its page, or its .txt or PDF from the site, "
            "instead of an advance copy."
        )
    return None


def names_unpublished(copy: AdvanceCopy, copies: AdvanceCopies, text: str, path: Path) -> list[str]:
    """What in an advance copy gives away another release that is not public: its address or headline."""
    return [
        f"{other.source_path} (“{other.headline}”)"
        for other in copies.unpublished
        if not same_file(other.source_path, path)
        and any(name in written for name in (other.address, other.headline) for written in (text, copy.html))
    ]


def sender(release: Release) -> str:
    """The release's press contact as the message's sender, or '' when it has none that mail accepts."""
    contact = release.contact
    if contact is None:
        return ""
    try:
        return str(Address(display_name=contact.name, addr_spec=contact.email))
    except (ValueError, IndexError, HeaderDefect):
        return ""


def advance_message(copy: AdvanceCopy, text: str, pdf: bytes, pdf_name: str, made: dt.datetime, sent_by: str):
    """The email journalists get: the marked .txt as its plain part, the same as simple HTML, the marked
    PDF attached, and no recipient. `X-Unsent` makes Outlook open it as a draft to send, not as mail
    received; other mail programs open it to forward or "edit as new"."""
    message = EmailMessage()
    message["Subject"] = copy.subject
    message["Date"] = email.utils.format_datetime(made)
    if sent_by:
        message["From"] = sent_by
    message["X-Unsent"] = "1"
    message.set_content(text)
    message.add_alternative(copy.html, subtype="html")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    return message


def advance_copy_in(built: dict, path: Path, shown: str) -> AdvanceCopy:
    """The advance copy a preview build wrote of the release at `path`, refused when it gives away another
    release that is not public."""
    copies: AdvanceCopies = built[ADVANCE_COPIES_KEY]
    copy = next((copy for written, copy in copies.copies.items() if same_file(written, path)), None)
    if copy is None:
        raise AdvanceCopyRefused(
            f"{shown} was not in the preview built for its advance copy: run `invoke preview` to see why. "
            "No advance copy was made."
        )
    given_away = names_unpublished(copy, copies, copy.text_file.read_text(encoding="utf-8"), path)
    if given_away:
        raise AdvanceCopyRefused(
            f"{shown} names {', '.join(given_away)}, which is not public either: an advance copy would tell "
            "journalists of it. Take the link or the mention out of it, or wait until that one is public. "
            "No advance copy was made."
        )
    return copy


def staged(copy: AdvanceCopy, release: Release, made: dt.datetime, folder: Path) -> Path:
    """The three files of the advance copy, written into a new folder SLUG in `folder`."""
    slug = copy.text_file.stem
    staging = folder / slug
    staging.mkdir()
    text = copy.text_file.read_text(encoding="utf-8")
    pdf = copy.pdf_file.read_bytes()
    message = advance_message(copy, text, pdf, copy.pdf_file.name, made, sender(release))
    shutil.copyfile(copy.text_file, staging / copy.text_file.name)
    shutil.copyfile(copy.pdf_file, staging / copy.pdf_file.name)
    (staging / f"{slug}.eml").write_bytes(message.as_bytes())
    return staging


def write_advance_copy(source: str | Path, target: Path, config: str | Path, **override) -> Written:
    """Write the advance copy of the release at `source` into `target`/SLUG/, replacing an earlier one whole;
    refused (AdvanceCopyRefused) with a sentence unless it is a release under an embargo still to lift."""
    shown = str(source)
    if not shown.strip():
        raise AdvanceCopyRefused(
            "No release was given: give the path of one, such as "
            "content/releases/2026/2026-12-03-my-release.md. No advance copy was made."
        )
    settings = settings_for(config, **override)
    path = Path(source).resolve()
    release = release_of(path, shown, settings)
    site = site_of(settings)
    reason = refusal(release, decide(release, site.now), shown, site.options.timezone)
    if reason:
        raise AdvanceCopyRefused(f"{reason} No advance copy was made.")
    # The preview is judged at the same moment, which also dates the PDF and the email.
    preview = {
        **override,
        PREVIEW_SETTING: True,
        SHOW_PROBLEMS_SETTING: True,
        NOW_SETTING: site.now.isoformat(),
    }
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".advance-build.", dir=target) as folder:
            built = build_into(Path(folder) / "site", config, **preview)
            copy = advance_copy_in(built, path, shown)
            staging = staged(copy, release, site.now, Path(folder))
            swap_into_place(staging, target / staging.name)
    except OSError as error:
        raise AdvanceCopyRefused(
            f"Could not write the advance copy into {target}: {disk_error(error)}. Make room on the disk, "
            f"make the folder writable, or move away anything else named {target.name}, and run it again. "
            "No advance copy was made."
        ) from None
    written = target / staging.name
    return Written(written, tuple(sorted(written.iterdir())), copy.subject)
