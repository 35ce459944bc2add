/* "Copy release text" (plugins/pressroom/copy_ready writes the .txt it copies): shown only where the
   Clipboard API works. The plain-text link beside it is the way in without this script. */
(function () {
  "use strict";

  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }

  function announce(button, message) {
    button.closest(".copy-ready").querySelector(".copy-ready-status").textContent = message;
  }

  function releaseText(address) {
    return fetch(address).then(function (response) {
      if (!response.ok) {
        throw new Error(response.statusText);
      }
      return response.text();
    });
  }

  document.querySelectorAll("[data-copy-release]").forEach(function (button) {
    button.closest("li").hidden = false;
    button.addEventListener("click", function () {
      releaseText(button.dataset.copyRelease)
        .then(function (text) { return navigator.clipboard.writeText(text); })
        .then(
          function () { announce(button, "The release text is copied: paste it where you need it."); },
          function () { announce(button, "Could not copy: open the plain-text version and copy it from there."); }
        );
    });
  });
}());
