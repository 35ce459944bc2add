"""The headers every file of the site is served with, as plain values computed from the settings.

The policy allows only what the built site uses: its own scripts, stylesheets, images and the files its
scripts fetch; the one inline style the theme writes (the brand colours, allowed by its hash); images
from the hosts releases name; embeds from the hosts the settings allow. Nothing else may run, load,
frame the site or receive a form.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pressroom.content_model.addresses import web_address
from pressroom.content_model.problems import Invalid

SELF = "'self'"
NONE = "'none'"
REFERRER_POLICY = "strict-origin-when-cross-origin"
# Powerful features the site never uses, refused so that nothing injected or embedded can ask for them.
PERMISSIONS_POLICY = "camera=(), geolocation=(), microphone=(), payment=(), usb=()"
# A <meta> policy cannot carry these (CSP Level 3, "Delivery via meta element"): browsers drop them and
# report an error, so only the header sends them.
HEADER_ONLY_DIRECTIVES = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})

# A directive's name and each of its sources is one token: a ';' or ',' in one would end the directive (or
# the policy) and begin another, so nothing can add a directive by way of a source.
TOKEN = re.compile(r"[^\s;,]+")

CUSTOM_PROPERTY_NAME = re.compile(r"[a-z][a-z0-9-]*")
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class PolicyInvalid(SystemExit):
    """A source given in the settings is not one token: the build stops, naming it."""

    def __init__(self, directive: str, token: str):
        super().__init__(
            f"pelicanconf.py: PRESSROOM_CSP_SOURCES: '{token}' (for {directive}) is not a single source "
            "of a Content-Security-Policy — write each source as its own item of the list, without "
            "spaces, ';' or ','. Nothing was built."
        )


def source_hash(text: str) -> str:
    """A CSP hash source: a browser allows an inline element whose text has exactly this SHA-256."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def brand_style(colours: Mapping[str, str]) -> str:
    """The brand colours as CSS custom properties: the only inline style, so its hash goes in the policy.

    Names and values that could not be a custom property and a #rrggbb colour are left out (listings
    reports them), so the text never holds a character the template would escape and its hash is stable.
    """
    declarations = [
        f"--brand-{name}: {value};"
        for name, value in colours.items()
        if CUSTOM_PROPERTY_NAME.fullmatch(str(name)) and HEX_COLOUR.fullmatch(str(value))
    ]
    return f":root {{ {' '.join(declarations)} }}" if declarations else ""


def https_origins(addresses: Iterable[str]) -> list[str]:
    """Each distinct origin among the web `addresses`, in order. Only an address in the strict form
    (content_model/addresses.py) gives one, so no host can carry a ';' into the policy; content with any
    other address has already been refused by `invoke check`."""
    origins: list[str] = []
    for address in addresses:
        try:
            origin = web_address(address).origin
        except Invalid:
            continue
        if origin not in origins:
            origins.append(origin)
    return origins


@dataclass(frozen=True)
class Policy:
    """A Content-Security-Policy: (directive, sources) pairs in the order they are written."""

    directives: tuple[tuple[str, tuple[str, ...]], ...]

    def sources(self, directive: str) -> tuple[str, ...]:
        return dict(self.directives).get(directive, dict(self.directives).get("default-src", ()))

    def header(self) -> str:
        return "; ".join(f"{name} {' '.join(sources)}" for name, sources in self.directives)

    def meta(self) -> str:
        return "; ".join(
            f"{name} {' '.join(sources)}"
            for name, sources in self.directives
            if name not in HEADER_ONLY_DIRECTIVES
        )


def content_security_policy(
    *,
    style_hashes: Iterable[str] = (),
    image_origins: Iterable[str] = (),
    embed_origins: Iterable[str] = (),
    extra_sources: Mapping[str, Iterable[str]] | None = None,
) -> Policy:
    """The policy for the site; `extra_sources` adds sources to a directive (or the directive itself)."""
    directives: dict[str, list[str]] = {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF, *style_hashes],
        "img-src": [SELF, *image_origins],
        # The site's scripts fetch only the site's own files (copy-release.js reads the release's .txt).
        "connect-src": [SELF],
    }
    embeds = list(embed_origins)
    if embeds:
        directives["frame-src"] = embeds
    directives.update({"form-action": [SELF], "base-uri": [NONE], "frame-ancestors": [NONE]})
    for directive, sources in (extra_sources or {}).items():
        # Browsers read directive names in any case and obey only the first of a name.
        present = directives.setdefault(str(directive).lower(), [])
        present.extend(source for source in sources if source not in present)
    for name, sources in directives.items():
        for token in (name, *sources):
            if not isinstance(token, str) or not TOKEN.fullmatch(token):
                raise PolicyInvalid(name, token)
    return Policy(tuple((name, tuple(sources)) for name, sources in directives.items()))


def security_headers(policy: Policy, preview: bool = False) -> dict[str, str]:
    """Every header, by name, as the `_headers` file and the README's server examples send them."""
    headers = {
        "Content-Security-Policy": policy.header(),
        "Referrer-Policy": REFERRER_POLICY,
        "X-Content-Type-Options": "nosniff",
        # frame-ancestors says the same to current browsers; this is for older ones.
        "X-Frame-Options": "DENY",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }
    if preview:
        headers["X-Robots-Tag"] = "noindex, nofollow"
    return headers


def header_rules(
    headers: Mapping[str, str], top_level: Iterable[tuple[str, bool]] = (), exempt_folders: Iterable[str] = ()
) -> list[tuple[str, dict[str, str]]]:
    """(path pattern, headers) rules for a `_headers` file: every header on every path.

    `top_level` is (name, is a folder) for each entry at the site's root. A folder in `exempt_folders` (the
    browser editor) gets every header but the policy. Hosts add up the headers of every rule a path
    matches, so then the policy cannot go on `/*`: it goes on the root and on each other entry instead.
    """
    exempt = set(exempt_folders)
    if not exempt:
        return [("/*", dict(headers))]
    policy = {name: value for name, value in headers.items() if name == "Content-Security-Policy"}
    rules = [("/*", {name: value for name, value in headers.items() if name not in policy}), ("/", policy)]
    for name, is_folder in top_level:
        if name not in exempt:
            rules.append((f"/{name}/*" if is_folder else f"/{name}", policy))
    return rules


def headers_file(rules: Iterable[tuple[str, Mapping[str, str]]]) -> str:
    """A `_headers` file as Netlify and Cloudflare Pages read it."""
    lines = ["# Response headers, written by plugins/pressroom/security_headers."]
    for path, headers in rules:
        lines.append(path)
        lines.extend(f"  {name}: {value}" for name, value in headers.items())
    return "\n".join(lines) + "\n"
