/* Share bar enhancement (plugins/pressroom/share_links renders the release's links). It gives each quote
   its own share bar, built here rather than in the page so that a release with many quotes stays light,
   and shows "Copy" where the Clipboard API works and "Share" where the Web Share API does. Without it,
   every network is still reached from the release's bar. It sends nothing anywhere: copying and the share
   sheet both stay on the reader's device. The quote addresses follow quote_share_links() in
   plugins/pressroom/share_links/networks.py; tests/test_csp_browser.py holds the two equal. */
(function () {
  "use strict";

  var ELLIPSIS = "…";
  var SHORTENED_LINK_LENGTH = 23; // X and Mastodon count any link as 23 characters
  var X_LIMIT = 280;
  var BLUESKY_LIMIT = 300;
  var MASTODON_LIMIT = 500;
  var THREADS_LIMIT = 500;

  /* Python's quote(value, safe=""), which also encodes the ! ' ( ) * that encodeURIComponent keeps. */
  function encoded(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, function (character) {
      return "%" + character.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  /* X counts most scripts beyond Latin, and every emoji, as two characters. */
  function xWeight(character) {
    var code = character.codePointAt(0);
    var single = code <= 0x10ff || (code >= 0x2000 && code <= 0x200d) ||
      (code >= 0x2010 && code <= 0x201f) || (code >= 0x2032 && code <= 0x2037);
    return single ? 1 : 2;
  }

  function codePointWeight() {
    return 1;
  }

  function weigh(text, weight) {
    return Array.from(text).reduce(function (total, character) { return total + weight(character); }, 0);
  }

  /* The text unchanged if it fits, else cut at a word boundary with an ellipsis. */
  function fit(text, limit, weight) {
    if (weigh(text, weight) <= limit) {
      return text;
    }
    var budget = limit - weight(ELLIPSIS);
    var kept = [];
    var used = 0;
    var characters = Array.from(text);
    for (var index = 0; index < characters.length; index += 1) {
      used += weight(characters[index]);
      if (used > budget) {
        break;
      }
      kept.push(characters[index]);
    }
    var boundary = Array.from(kept.join("").replace(/\s+$/, "")).lastIndexOf(" ");
    if (boundary > Math.floor(kept.length / 2)) {
      kept = kept.slice(0, boundary);
    }
    return kept.join("").replace(/[ ,;:–—-]+$/, "") + ELLIPSIS;
  }

  /* A quotation in its marks with its speaker: only the words are ever cut to fit a limit. */
  function quotation(words, speaker, title, url) {
    var before = "“";
    var after = "” — " + speaker;
    return {
      text: before + words + after,
      url: url,
      subject: speaker + ": " + title,
      within: function (limit, weight) {
        weight = weight || codePointWeight;
        return before + fit(words, limit - weigh(before + after, weight), weight) + after;
      }
    };
  }

  /* Facebook and LinkedIn carry only the address, so a quote shares there as the release does. */
  var QUOTE_ADDRESSES = {
    x: function (shared) {
      var text = shared.within(X_LIMIT - SHORTENED_LINK_LENGTH - 1, xWeight);
      return "https://x.com/intent/post?text=" + encoded(text) + "&url=" + encoded(shared.url);
    },
    whatsapp: function (shared) {
      return "https://wa.me/?text=" + encoded(shared.text + " " + shared.url);
    },
    bluesky: function (shared) {
      var text = shared.within(BLUESKY_LIMIT - Array.from(shared.url).length - 1);
      return "https://bsky.app/intent/compose?text=" + encoded(text + " " + shared.url);
    },
    mastodon: function (shared) {
      var text = shared.within(MASTODON_LIMIT - SHORTENED_LINK_LENGTH - 1);
      return "https://share.joinmastodon.org/?text=" + encoded(text + " " + shared.url);
    },
    threads: function (shared) {
      var text = shared.within(THREADS_LIMIT);
      return "https://www.threads.com/intent/post?text=" + encoded(text) + "&url=" + encoded(shared.url);
    },
    email: function (shared) {
      return "mailto:?subject=" + encoded(shared.subject) + "&body=" +
        encoded(shared.text + "\r\n\r\n" + shared.url);
    }
  };

  function setLabel(button, label) {
    button.replaceChild(document.createTextNode(label), button.querySelector(".share-mark").nextSibling);
  }

  /* A copy of the release's bar for one quote: same networks and markup, the quote's addresses. */
  function quoteBar(releaseBar, figure) {
    var native = releaseBar.querySelector("[data-share-url]");
    var shared = quotation(
      figure.querySelector("blockquote").textContent,
      figure.querySelector(".quote-name").textContent,
      native.dataset.shareTitle,
      native.dataset.shareUrl
    );
    var bar = releaseBar.cloneNode(true);
    bar.removeAttribute("data-share-quotes");
    bar.querySelector(".share-bar-label").textContent = "Share this quote";
    bar.querySelectorAll("a.share-link").forEach(function (link) {
      var address = QUOTE_ADDRESSES[link.dataset.shareNetwork];
      if (address) {
        link.href = address(shared);
      }
    });
    var copy = bar.querySelector("[data-share-copy]");
    copy.dataset.shareCopy = shared.text + " " + shared.url;
    setLabel(copy, "Copy quote");
    var sheet = bar.querySelector("[data-share-url]");
    sheet.dataset.shareTitle = shared.subject;
    sheet.dataset.shareText = shared.text;
    bar.querySelector(".share-status").textContent = "";
    return bar;
  }

  function announce(control, message) {
    var status = control.closest(".share-bar").querySelector(".share-status");
    status.textContent = message;
  }

  function reveal(control) {
    control.closest("li").hidden = false;
  }

  var releaseBar = document.querySelector("[data-share-quotes]");
  if (releaseBar) {
    document.querySelectorAll("figure.quote").forEach(function (figure) {
      figure.appendChild(quoteBar(releaseBar, figure));
    });
  }

  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("[data-share-copy]").forEach(function (button) {
      reveal(button);
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.shareCopy).then(
          function () { announce(button, "Copied to the clipboard."); },
          function () { announce(button, "Could not copy: select the address and copy it yourself."); }
        );
      });
    });
  }

  if (navigator.share) {
    document.querySelectorAll("[data-share-url]").forEach(function (button) {
      reveal(button);
      button.addEventListener("click", function () {
        navigator.share({
          title: button.dataset.shareTitle,
          text: button.dataset.shareText,
          url: button.dataset.shareUrl
        }).catch(function () { /* the reader closed the share sheet */ });
      });
    });
  }
}());
