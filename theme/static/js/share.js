/* Share bar enhancement (plugins/pressroom/share_links renders the links): shows "Copy" where the Clipboard API
   works and "Share" where the Web Share API does. The plain links work without this script, and it
   sends nothing anywhere: copying and the share sheet both stay on the reader's device. */
(function () {
  "use strict";

  function announce(control, message) {
    var status = control.closest(".share-bar").querySelector(".share-status");
    status.textContent = message;
  }

  function reveal(control) {
    control.closest("li").hidden = false;
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
