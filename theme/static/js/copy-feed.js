/* The Subscribe page's Copy buttons (theme/templates/subscribe.html): shown only where the Clipboard API
   works. Each copies the address written beside it, which anyone can also select and copy by hand. */
(function () {
  "use strict";

  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }

  function announce(button, message) {
    button.closest("[data-feed]").querySelector(".feed-copy-status").textContent = message;
  }

  document.querySelectorAll("[data-copy-feed]").forEach(function (button) {
    var address = button.closest("dd").previousElementSibling.textContent.trim();
    var format = button.dataset.copyFeed;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(address).then(
        function () { announce(button, "The " + format + " address is copied: paste it into your feed reader."); },
        function () { announce(button, "Could not copy: select the " + format + " address and copy it instead."); }
      );
    });
  });
}());
