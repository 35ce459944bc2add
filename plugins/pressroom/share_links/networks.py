"""One pure function per network: from what is shared (text, address) to that network's share address.

Every value is percent-encoded here with `quote(safe="")`, so `&`, `#`, `?`, `=`, `/` and spaces can never
end a parameter early; escaping for HTML is the template's job. Text is cut to each network's limit
before encoding, so a post is never refused for length.

Where each format comes from:
- X: developer.x.com, "Tweet button / Web Intent" (documents twitter.com/intent/tweet; x.com/intent/post
  is the same intent on the current domain, with text + link limited to 280, a link counting 23).
- Facebook: sharer.php?u= is the long-standing endpoint that needs no app id (the documented
  /dialog/share needs one: developers.facebook.com/docs/sharing/reference/share-dialog).
- LinkedIn: /sharing/share-offsite/?url= (address only; LinkedIn reads the page's Open Graph tags).
- WhatsApp: faq.whatsapp.com, "click to chat": wa.me/?text= without a number lets the reader choose.
- Bluesky: docs.bsky.app/docs/advanced-guides/intent-links: bsky.app/intent/compose?text=, 300 graphemes.
- Mastodon: blog.joinmastodon.org/2026/03/a-new-share-button: share.joinmastodon.org/?text= asks the
  reader for their server; 500 characters, a link counting 23.
- Threads: developers.facebook.com/documentation/threads/threads-web-intents (updated 19 March 2026):
  threads.com/intent/post, 500.
- Email: RFC 6068 mailto: URIs, subject and body percent-encoded, line breaks as %0D%0A.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

ELLIPSIS = "…"

# X counts a link as 23 characters whatever its length (t.co), and so does Mastodon.
SHORTENED_LINK_LENGTH = 23
X_LIMIT = 280
BLUESKY_LIMIT = 300
MASTODON_LIMIT = 500
THREADS_LIMIT = 500


@dataclass(frozen=True)
class Shared:
    """What one share carries. Only `words` may be cut to fit a limit: never the frame around them
    (quotation marks, the speaker's name) and never the address."""

    words: str
    url: str
    subject: str
    before: str = ""
    after: str = ""

    @property
    def text(self) -> str:
        return self.before + self.words + self.after

    def text_within(self, limit: int, weight=None) -> str:
        weight = weight or code_point_weight
        frame = sum(weight(character) for character in self.before + self.after)
        return self.before + fit(self.words, limit - frame, weight) + self.after


@dataclass(frozen=True)
class ShareLink:
    """One entry of a share bar; `kind` tells the template how to render it.

    kind "link": an ordinary link to `href`; "email": a mailto link; "copy": a button that copies
    `copy_text`; "native": a button that opens the system share sheet with `shared`.
    """

    network: str
    name: str
    kind: str
    href: str = ""
    copy_text: str = ""
    shared: Shared | None = None


def encoded(value: str) -> str:
    return quote(value, safe="")


def x_weight(character: str) -> int:
    """X counts most scripts beyond Latin, and every emoji, as two characters."""
    code = ord(character)
    single = (
        code <= 0x10FF or 0x2000 <= code <= 0x200D or 0x2010 <= code <= 0x201F or 0x2032 <= code <= 0x2037
    )
    return 1 if single else 2


def code_point_weight(character: str) -> int:
    # A grapheme cluster (Bluesky's unit) is one or more code points, so counting code points never
    # undercounts: text that fits by code points fits by graphemes.
    return 1


def fit(text: str, limit: int, weight=code_point_weight) -> str:
    """`text` unchanged if it weighs at most `limit`, else cut at a word boundary with an ellipsis."""
    if sum(weight(character) for character in text) <= limit:
        return text
    budget = limit - weight(ELLIPSIS)
    kept: list[str] = []
    used = 0
    for character in text:
        used += weight(character)
        if used > budget:
            break
        kept.append(character)
    cut = "".join(kept)
    word_boundary = cut.rstrip().rfind(" ")
    if word_boundary > len(cut) // 2:
        cut = cut[:word_boundary]
    return cut.rstrip(" ,;:–—-") + ELLIPSIS


def x_post(shared: Shared) -> str:
    """X web intent: `text` and `url` are separate parameters; together at most 280 weighted characters."""
    text = shared.text_within(X_LIMIT - SHORTENED_LINK_LENGTH - 1, x_weight)
    return f"https://x.com/intent/post?text={encoded(text)}&url={encoded(shared.url)}"


def facebook(shared: Shared) -> str:
    """Facebook takes only the address: the preview comes from the page's Open Graph tags."""
    return f"https://www.facebook.com/sharer/sharer.php?u={encoded(shared.url)}"


def linkedin(shared: Shared) -> str:
    """LinkedIn takes only the address: the preview comes from the page's Open Graph tags."""
    return f"https://www.linkedin.com/sharing/share-offsite/?url={encoded(shared.url)}"


def whatsapp(shared: Shared) -> str:
    return f"https://wa.me/?text={encoded(shared.text + ' ' + shared.url)}"


def bluesky(shared: Shared) -> str:
    """Bluesky's compose intent has one `text` parameter, 300 graphemes including the address."""
    text = shared.text_within(BLUESKY_LIMIT - len(shared.url) - 1)
    return f"https://bsky.app/intent/compose?text={encoded(text + ' ' + shared.url)}"


def mastodon(shared: Shared) -> str:
    """Mastodon's official chooser asks the reader for their server, then opens its composer there."""
    text = shared.text_within(MASTODON_LIMIT - SHORTENED_LINK_LENGTH - 1)
    return f"https://share.joinmastodon.org/?text={encoded(text + ' ' + shared.url)}"


def threads(shared: Shared) -> str:
    text = shared.text_within(THREADS_LIMIT)
    return f"https://www.threads.com/intent/post?text={encoded(text)}&url={encoded(shared.url)}"


def email(shared: Shared) -> str:
    """mailto (RFC 6068): spaces must be %20 and line breaks %0D%0A, which `quote` gives."""
    body = f"{shared.text}\r\n\r\n{shared.url}"
    return f"mailto:?subject={encoded(shared.subject)}&body={encoded(body)}"


# (network id, name shown, address function).
RELEASE_NETWORKS = (
    ("x", "X", x_post),
    ("facebook", "Facebook", facebook),
    ("linkedin", "LinkedIn", linkedin),
    ("whatsapp", "WhatsApp", whatsapp),
    ("bluesky", "Bluesky", bluesky),
    ("mastodon", "Mastodon", mastodon),
    ("threads", "Threads", threads),
)
# A quote goes to every network the release does (Facebook and LinkedIn carry only the address). The page
# does not hold these addresses: theme/static/js/share.js builds them the same way from the quote on the
# page, so a release with many quotes stays light, and the tests hold the two equal.
QUOTE_NETWORKS = RELEASE_NETWORKS


def share_links(shared: Shared, networks=RELEASE_NETWORKS, copy_label: str = "Copy link") -> list[ShareLink]:
    links = [ShareLink(network, name, "link", href=address(shared)) for network, name, address in networks]
    links.append(ShareLink("email", "Email", "email", href=email(shared)))
    copy_text = shared.url if copy_label == "Copy link" else f"{shared.text} {shared.url}"
    links.append(ShareLink("copy", copy_label, "copy", copy_text=copy_text))
    links.append(ShareLink("native", "Share", "native", shared=shared))
    return links


def release_share_links(title: str, url: str) -> list[ShareLink]:
    return share_links(Shared(words=title, url=url, subject=title))


def quote_share_links(words: str, speaker: str, title: str, url: str) -> list[ShareLink]:
    """The quotation in quotation marks with its speaker's name, then the release's address."""
    shared = Shared(words=words, url=url, subject=f"{speaker}: {title}", before="“", after=f"” — {speaker}")
    return share_links(shared, QUOTE_NETWORKS, copy_label="Copy quote")
