"""Security headers: the Content-Security-Policy and its companions, computed for the site as built.

Before pages are written the policy is computed from the settings and the public content (image hosts
releases and people use, embed hosts) and handed to the templates, which put the brand style and, when
PRESSROOM_CSP_META is on, a <meta> copy of the policy in every page. After the build every page is read
back: anything the policy would block stops the build, and the headers are written to `_headers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals

from pressroom.content_model import addresses
from pressroom.content_model.addresses import embed_origins
from pressroom.content_model.memo import code_version
from pressroom.content_model.outputs import HEADERS as HEADERS_FILE
from pressroom.content_model.outputs import declared_outputs
from pressroom.content_model.phases import WRITE_LATE_FILES
from pressroom.content_model.site import site_of

from . import content_loads, satisfied
from .content_loads import image_addresses_in, images_in
from .policy import (
    REFERRER_POLICY,
    Policy,
    brand_style,
    content_security_policy,
    header_rules,
    headers_file,
    https_origins,
    security_headers,
    source_hash,
)
from .satisfied import Blocked, blocked_in_output, blocked_in_text

CONTEXT_KEY = "SECURITY_HEADERS"
# Images an author placed in a body or in notes to editors (the sanitiser keeps their https addresses).
BODY_IMAGE = re.compile(r'<img\b[^>]*?\ssrc="([^"]+)"')


class PolicyNotSatisfied(SystemExit):
    """The built site holds something its own policy would block: the build fails, naming each place."""

    def __init__(self, problems: list[str]):
        summary = f"{len(problems)} thing(s) the Content-Security-Policy would block: the build has failed."
        super().__init__("\n".join([*problems, summary]))
        self.problems = problems


@dataclass(frozen=True)
class PageSecurity:
    """What the templates write into every page's head."""

    inline_style: str
    meta_policy: str
    referrer_policy: str = REFERRER_POLICY


def public_html(generators):
    """The rendered HTML of every public release (body and notes to editors) and page."""
    for generator in generators:
        for item in [*getattr(generator, "articles", []), *getattr(generator, "pages", [])]:
            yield item.content
            release = getattr(item, "release", None)
            if release is not None:
                yield release.notes_to_editors_html


def image_addresses(generators, settings) -> list[str]:
    """Absolute addresses of the images public pages show: release images, images in bodies, photos."""
    addresses = []
    for generator in generators:
        for item in [*getattr(generator, "articles", []), *getattr(generator, "pages", [])]:
            release = getattr(item, "release", None)
            if release is not None and release.image is not None:
                addresses.append(release.image.src)
            html = item.content + getattr(item, "notes_to_editors_html", "")
            addresses.extend(BODY_IMAGE.findall(html))
    directory = site_of(settings).directory
    addresses.extend(person.photo for person in directory.people.values())
    return [address for address in addresses if urlsplit(address).scheme in ("http", "https")]


def site_policy(settings, image_sources) -> tuple[Policy, str]:
    options = site_of(settings).options
    style = brand_style(options.brand_colours)
    policy = content_security_policy(
        style_hashes=[source_hash(style)] if style else [],
        image_origins=https_origins(image_sources),
        # The hosts a release may embed (the sanitiser allows the same list).
        embed_origins=embed_origins(options.embed_hosts),
        # For a feature that needs more than the site itself (search's WebAssembly).
        extra_sources=options.csp_sources,
    )
    return policy, style


def compute_policy(generators) -> None:
    settings = generators[0].settings
    memo = site_of(settings).memos.named("images_in_html", code_version(content_loads.__name__))

    def find(fragment: str) -> frozenset[str]:
        return memo.answer((fragment,), lambda: images_in(fragment))

    in_content = image_addresses_in(public_html(generators), find)
    images = [*image_addresses(generators, settings), *sorted(in_content)]
    policy, style = site_policy(settings, images)
    settings[CONTEXT_KEY] = policy
    generators[0].context[CONTEXT_KEY] = PageSecurity(
        inline_style=style,
        # For hosts that cannot send headers (GitHub Pages).
        meta_policy=policy.meta() if site_of(settings).options.csp_meta else "",
    )


def declared_top_level(settings: dict) -> set[tuple[str, bool]]:
    """(name, is a folder) of what the registry of outputs declares at the site's root: the search index
    is written after this file, and must be covered by its rules all the same."""
    return {
        (output.path.rstrip("/"), output.is_folder)
        for output in declared_outputs(settings)
        if "/" not in output.path.rstrip("/")
    }


def check_and_write_headers(pelican) -> None:
    policy = pelican.settings.get(CONTEXT_KEY)
    if policy is None:
        return
    site = urlsplit(site_of(pelican.settings).url)
    site_origin = f"{site.scheme}://{site.netloc}".lower() if site.netloc else ""
    output = Path(pelican.output_path)
    # Served without the policy: the browser editor draws itself with inline styles and runs code the
    # policy forbids. It is noindex and behind the editor's sign-in.
    exempt = [
        folder
        for folder in site_of(pelican.settings).options.csp_exempt_folders
        if (output / folder).is_dir()
    ]
    # Kept apart per kind of build too: a development build's pages and a preview's differ throughout.
    version = code_version(satisfied.__name__, addresses.__name__) + policy.header() + site_origin
    memo = site_of(pelican.settings).memos.named("policy_check", version + site_of(pelican.settings).kind)

    def blocked_in(text: str) -> Blocked:
        return memo.answer((text,), lambda: blocked_in_text(text, policy, site_origin))

    problems = blocked_in_output(output, blocked_in, exempt)
    if problems:
        raise PolicyNotSatisfied(problems)
    headers = security_headers(policy, preview=site_of(pelican.settings).preview)
    written = {(entry.name, entry.is_dir()) for entry in output.iterdir()}
    top_level = sorted((written | declared_top_level(pelican.settings)) - {(HEADERS_FILE, False)})
    (output / HEADERS_FILE).write_text(
        headers_file(header_rules(headers, top_level, exempt)), encoding="utf-8"
    )


def register() -> None:
    signals.all_generators_finalized.connect(compute_policy)
    WRITE_LATE_FILES.connect(check_and_write_headers)


__all__ = ["PolicyNotSatisfied", "register"]
