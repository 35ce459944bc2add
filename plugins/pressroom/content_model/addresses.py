"""Web addresses read as a browser reads them, or refused: the one rule for every address a site holds.

Python's `urlsplit` and a browser (the WHATWG URL Standard) disagree on some addresses. In
`https://evil.example\\@www.youtube-nocookie.com/x` Python finds the host www.youtube-nocookie.com and a
browser evil.example, because a browser reads `\\` as `/`. A browser also accepts `;` and `,` in a host, so
`https://img.example;sandbox/photo.png` has a host that, written into a Content-Security-Policy as an
origin, ends the directive and starts one of its own. So an address is accepted only in a strict form on
which both agree: `http://` or `https://`, a host that is a DNS name or an IP address, an optional port,
then a path, query or fragment; no user name or password, and no backslash, space, control or invisible
character anywhere. Its origin (`scheme://host[:port]`) is then safe to write into the policy.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass

from .problems import Invalid

SCHEMES = ("https", "http")
DEFAULT_PORTS = {"http": 80, "https": 443}
# A DNS name: labels of letters, digits and inner hyphens. The last must start with a letter: a browser
# reads a host whose last label is a number (`1.2.3`, `0x7f.1`) as an IPv4 address, so such a name
# would not be the host it seems.
LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
DNS_NAME = re.compile(rf"(?:{LABEL}\.)*[a-z](?:[a-z0-9-]{{0,61}}[a-z0-9])?")
DNS_NAME_MAX = 253
OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
IPV4 = re.compile(rf"{OCTET}(?:\.{OCTET}){{3}}")
PORT = re.compile(r"[0-9]{1,5}")
# An IPv6 address in brackets, or a name (no ':'), then an optional ':port'.
AUTHORITY = re.compile(r"(?P<host>\[[^\]]*\]|[^:]*)(?::(?P<port>.*))?")
# What a browser strips from both ends of an address before reading it: controls and the space.
BROWSER_TRIMMED = "".join(map(chr, range(0x21)))
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
HOST_FIX = (
    "give the site's name in letters, digits, dots and hyphens (www.example.org; a name with accents in "
    "its xn-- form), or its IP address"
)
ADDRESS_FIX = "give the full address starting with https://, copied from the browser's address bar"


@dataclass(frozen=True)
class WebAddress:
    """An address in the strict form: scheme and host in lower case, the port only when not the default."""

    scheme: str
    host: str
    port: int | None
    rest: str

    @property
    def origin(self) -> str:
        port = f":{self.port}" if self.port is not None else ""
        return f"{self.scheme}://{self.host}{port}"


def stray_character(text: str) -> str | None:
    """The first character no address may hold: a backslash, a space, a control or invisible character."""
    for character in text:
        if character == "\\" or character.isspace() or unicodedata.category(character) in ("Cc", "Cf", "Cs"):
            return character
    return None


def describe(character: str) -> str:
    if character == "\\":
        return "a backslash (\\), which browsers read as /"
    name = unicodedata.name(character, "a control character")
    return f"the character U+{ord(character):04X} ({name.lower()})"


def host_of(text: str, address: str) -> str:
    """The host in lower case (an IPv6 address as browsers write it), or Invalid."""
    if text.startswith("["):
        literal = text[1:-1]
        try:
            # A zone (%eth0) and an embedded IPv4 address are written differently by browsers: refused.
            if "%" in literal or "." in literal:
                raise ValueError(literal)
            return f"[{ipaddress.IPv6Address(literal).compressed}]"
        except ValueError:
            raise Invalid(f"'{address}' has '{text}' where an IPv6 address should be", HOST_FIX) from None
    host = text.lower()
    if IPV4.fullmatch(host) or (DNS_NAME.fullmatch(host) and len(host) <= DNS_NAME_MAX):
        return host
    raise Invalid(f"'{address}' has '{text}' where the name of a site should be", HOST_FIX)


def host_and_port(authority: str, scheme: str, address: str) -> tuple[str, int | None]:
    """`host[:port]` from the authority of `address`, the port left out when it is the scheme's own."""
    if "@" in authority:
        raise Invalid(
            f"'{address}' names a user before the host ('…@'), which hides the real site it leads to",
            "give the address without the part up to and including the @",
        )
    parts = AUTHORITY.fullmatch(authority)
    if not parts or not parts["host"]:
        raise Invalid(f"'{address}' has no site name after '//'", HOST_FIX)
    host = host_of(parts["host"], address)
    if parts["port"] is None:
        return host, None
    if not parts["port"]:
        raise Invalid(f"'{address}' has a ':' after the site's name but no port number", "remove the ':'")
    if not PORT.fullmatch(parts["port"]) or not 0 < int(parts["port"]) <= 65535:
        raise Invalid(
            f"'{address}' has '{parts['port']}' where a port number should be",
            "give a port from 1 to 65535 after the ':', or leave the ':' out",
        )
    port = int(parts["port"])
    return host, None if port == DEFAULT_PORTS[scheme] else port


def web_address(value: str, schemes: tuple[str, ...] = SCHEMES) -> WebAddress:
    """`value` as an address in the strict form, or Invalid saying what is wrong and how to put it right."""
    stray = stray_character(value)
    if stray is not None:
        raise Invalid(
            f"'{value}' contains {describe(stray)}, and no web address does",
            "remove it: copy the address again from the browser's address bar",
        )
    scheme, separator, rest = value.partition("://")
    scheme = scheme.lower()
    if not separator or scheme not in schemes:
        wanted = " or ".join(f"{scheme}://" for scheme in schemes)
        raise Invalid(f"'{value}' is not a web address starting with {wanted}", ADDRESS_FIX)
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host, port = host_and_port(authority, scheme, value)
    return WebAddress(scheme, host, port, rest[len(authority) :])


def is_web_address(value: str, schemes: tuple[str, ...] = SCHEMES) -> bool:
    try:
        web_address(value, schemes)
    except Invalid:
        return False
    return True


def reference_allowed(value: str) -> bool:
    """Whether an address in HTML (a link, an image, an embed) means the same to browsers and to this
    site: a web address in the strict form, a relative address without a backslash, or an address of
    another scheme (mailto:, tel:), which the sanitiser's list of schemes judges."""
    trimmed = value.strip(BROWSER_TRIMMED)
    if "\\" in trimmed or re.search("[\t\n\r]", trimmed):
        return False
    if trimmed.startswith("//"):
        return is_web_address(f"https:{trimmed}")
    scheme = SCHEME.match(trimmed)
    if scheme and scheme.group(1).lower() in SCHEMES:
        return is_web_address(trimmed)
    return True


def origin_of_host(entry) -> str:
    """The https origin a settings entry names: a host (`www.youtube-nocookie.com`, with an optional
    port) or an origin (`https://player.vimeo.com`); Invalid if it is anything else."""
    text = str(entry).strip()
    try:
        address = web_address(text if "://" in text else f"https://{text}", schemes=("https",))
    except Invalid:
        address = None
    if address is None or address.rest not in ("", "/"):
        raise Invalid(
            f"'{text}' is not the name of a site",
            "give a host alone, such as www.youtube-nocookie.com, or an origin such as "
            "https://player.vimeo.com",
        )
    return address.origin


def host_entries(setting) -> list:
    """A setting that lists hosts, as a list: one host written on its own counts as a list of one."""
    if setting is None:
        return []
    return [setting] if isinstance(setting, str) else list(setting)


def embed_origins(setting) -> list[str]:
    """The distinct origins of the hosts in PRESSROOM_EMBED_HOSTS, in order; `invoke check` reports the
    entries that are not hosts, and they allow nothing."""
    origins: list[str] = []
    for entry in host_entries(setting):
        try:
            origin = origin_of_host(entry)
        except Invalid:
            continue
        if origin not in origins:
            origins.append(origin)
    return origins
