/* The editor's preview of a release, drawn with the site's own stylesheet and the release page's markup,
   and the "Place quote" button that writes a [[quote N]] marker into the body. */
(function () {
  "use strict";
  var site = {{ {
    "stylesheet": SITEURL ~ "/" ~ THEME_STATIC_DIR ~ "/css/site.css",
    "collections": cms_collections,
    "directory": cms_directory,
    "defaultContact": cms_default_contact,
    "quoteMarker": cms_quote_marker,
    "types": cms_type_labels,
    "clock": cms_clock,
  }|tojson }};
  var people = site.directory.people;
  var contacts = site.directory.contacts;
  // The quotes of the release being previewed, for the body's [[quote N]] markers to show in place.
  var shownQuotes = [];

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function speaker(by) {
    if (by && typeof by === "object") {
      var role = [by.role, by.organisation].filter(Boolean).join(", ");
      return { name: by.name || "", role: role };
    }
    return people[by] || { name: by || "(choose who said it)", role: "" };
  }

  function quoteHtml(quote) {
    var who = speaker(quote.by);
    return (
      '<figure class="quote"><figure class="quote-words"><blockquote><p>' +
      escapeHtml(quote.text) +
      '</p></blockquote><figcaption><span class="quote-name">' +
      escapeHtml(who.name) +
      "</span>" +
      (who.role ? ', <span class="quote-role">' + escapeHtml(who.role) + "</span>" : "") +
      "</figcaption></figure></figure>"
    );
  }

  function placedNumbers(body) {
    var pattern = new RegExp(site.quoteMarker, "gm");
    var numbers = [];
    var match;
    while ((match = pattern.exec(body || "")) !== null) numbers.push(Number(match[1]));
    return numbers;
  }

  function quoteFigure(quote, key) {
    var who = speaker(quote.by);
    return h(
      "figure",
      { className: "quote", key: key },
      h(
        "figure",
        { className: "quote-words" },
        h("blockquote", {}, h("p", {}, quote.text || "")),
        h(
          "figcaption",
          {},
          h("span", { className: "quote-name" }, who.name),
          who.role ? ", " : null,
          who.role ? h("span", { className: "quote-role" }, who.role) : null
        )
      )
    );
  }

  function contactDetails(id) {
    var contact = contacts[id || site.defaultContact];
    if (!contact) return null;
    return h(
      "section",
      { className: "media-contact", "aria-labelledby": "contact-heading" },
      h("h2", { id: "contact-heading" }, "Media contact"),
      h(
        "dl",
        { className: "contact" },
        h("dt", {}, "Contact"),
        h("dd", {}, contact.name),
        h("dt", {}, "Email"),
        h("dd", {}, h("a", { href: "mailto:" + contact.email }, contact.email)),
        contact.phone ? h("dt", {}, "Phone") : null,
        contact.phone ? h("dd", {}, contact.phone) : null
      )
    );
  }

  var ReleasePreview = createClass({
    render: function () {
      var data = this.props.entry.get("data").toJS();
      var quotes = data.quotes || [];
      shownQuotes = quotes;
      var placed = placedNumbers(data.body);
      var unplaced = quotes.filter(function (quote, index) {
        return placed.indexOf(index + 1) === -1;
      });
      var respondsTo = data.responds_to && data.responds_to.title ? data.responds_to : null;
      var held = data.status === "draft" ? "DRAFT" : data.embargo ? "EMBARGOED until " + data.embargo + " " + site.clock : "";
      var withdrawal = data.status === "withdrawn" ? data.withdrawn || {} : null;
      return h(
        "main",
        { id: "main-content" },
        held ? h("p", { className: "preview-banner", role: "status" }, held) : null,
        h(
          "article",
          { className: "release" },
          h(
            "header",
            { className: "release-header" },
            h("p", { className: "release-type" }, site.types[data.type] || ""),
            h("h1", {}, data.title || "(headline)"),
            withdrawal
              ? h(
                  "div",
                  { className: "withdrawal-notice", role: "note" },
                  h("h2", {}, "Withdrawn on " + (withdrawal.date || "(date)")),
                  h("p", {}, withdrawal.reason || "(reason)")
                )
              : null,
            h("p", { className: "standfirst" }, data.summary || ""),
            data.date ? h("p", { className: "release-date" }, "Published " + data.date) : null
          ),
          respondsTo
            ? h(
                "aside",
                { className: "responds-to", "aria-label": "What this responds to" },
                h("p", {}, "Responding to: ", h("cite", {}, respondsTo.title)),
                respondsTo.publisher ? h("p", {}, respondsTo.publisher) : null
              )
            : null,
          h(
            "div",
            { className: "release-body" },
            this.props.widgetFor("body"),
            unplaced.map(quoteFigure)
          ),
          h("p", { className: "release-ends" }, "Ends"),
          data.notes_to_editors
            ? h(
                "section",
                { className: "notes-to-editors", "aria-labelledby": "notes-heading" },
                h("h2", { id: "notes-heading" }, "Notes to editors"),
                this.props.widgetFor("notes_to_editors")
              )
            : null,
          contactDetails(data.contact)
        )
      );
    },
  });

  CMS.registerPreviewStyle(site.stylesheet);
  site.collections.forEach(function (name) {
    CMS.registerPreviewTemplate(name, ReleasePreview);
  });
  CMS.registerEditorComponent({
    id: "quote",
    label: "Place quote",
    fields: [{ name: "number", label: "Quote number", widget: "number", value_type: "int", min: 1 }],
    pattern: new RegExp(site.quoteMarker),
    fromBlock: function (match) {
      return { number: Number(match[1]) };
    },
    toBlock: function (data) {
      return "[[quote " + (data.number || 1) + "]]";
    },
    toPreview: function (data) {
      var quote = shownQuotes[(data.number || 1) - 1];
      return quote ? quoteHtml(quote) : "<p>[[quote " + escapeHtml(data.number) + "]]: no such quote yet</p>";
    },
  });
})();
