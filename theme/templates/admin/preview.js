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
    "local": cms_local,
    "releaseFolder": cms_release_folder,
    "slugSubstitutions": cms_slug_substitutions,
  }|tojson }};
  var people = site.directory.people;
  var contacts = site.directory.contacts;
  // The quotes of the release being previewed, for the body's [[quote N]] markers to show in place.
  var shownQuotes = [];

  // A section named by its own heading, as the page's sections are: aria-labelledby points at its h2.
  function labelledSection(className, headingId, heading) {
    var children = Array.prototype.slice.call(arguments, 3);
    var title = h("h2", { id: headingId }, heading);
    return h.apply(null, ["section", { className: className, "aria-labelledby": headingId }, title].concat(children));
  }

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

  function quoteFigure(text, who, key) {
    return h(
      "figure",
      { className: "quote", key: key },
      h(
        "figure",
        { className: "quote-words" },
        h("blockquote", {}, h("p", {}, text || "")),
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

  function heldBanner(data) {
    var held = data.status === "draft" ? "DRAFT" : data.embargo ? "EMBARGOED until " + data.embargo + " " + site.clock : "";
    return held ? h("p", { className: "preview-banner", role: "status" }, held) : null;
  }

  // The release as the site tells it: its presentation (content_model/presentation.py) as JSON, which
  // `invoke edit` answers for the unsaved entry, walked as article.html walks it. Every value is drawn as
  // text: the body and the notes to editors come as blocks of runs of words, never as HTML.
  var FOLLOWABLE = /^(https?:|mailto:|tel:|\/[^/]|#)/i;

  function Telling(shown) {
    this.shown = shown;
    // The site's own addresses come absolute (feed_dev_siteurl while developing); the preview follows
    // them from the root of the preview it is served from, as the page does.
    var link = shown.link || "";
    var address = shown.address || "";
    this.base = link.charAt(0) === "/" && address.slice(-link.length) === link ? address.slice(0, -link.length) : "";
  }

  Telling.prototype.href = function (address) {
    var href = String(address || "");
    if (this.base && href.indexOf(this.base + "/") === 0) href = href.slice(this.base.length);
    return FOLLOWABLE.test(href) ? href : null;
  };

  Telling.prototype.runs = function (runs) {
    var self = this;
    return (runs || []).map(function (run, index) {
      if (run.text === "\n" && !run.link) return h("br", { key: index });
      var words = run.text;
      if (run.emphasis) words = h("em", { key: index }, words);
      if (run.strong) words = h("strong", { key: index }, words);
      var href = run.link ? self.href(run.link) : null;
      return href ? h("a", { key: index, href: href }, words) : words;
    });
  };

  Telling.prototype.blocks = function (blocks) {
    var self = this;
    return (blocks || []).map(function (block, index) { return self.block(block, index); });
  };

  Telling.prototype.block = function (block, key) {
    var self = this;
    switch (block.kind) {
      case "heading":
        return h("h" + Math.min(Math.max(Number(block.level) || 2, 1), 6), { key: key }, this.runs(block.runs));
      case "paragraph":
        return h("p", { key: key }, this.runs(block.runs));
      case "list":
        return h(
          block.ordered ? "ol" : "ul",
          { key: key, start: block.ordered && block.start !== 1 ? block.start : undefined },
          block.items.map(function (item, index) { return h("li", { key: index }, self.blocks(item)); })
        );
      case "blockquote":
        return h("blockquote", { key: key }, this.blocks(block.blocks));
      case "table":
        return h(
          "table",
          { key: key },
          block.header.length
            ? h("thead", {}, h("tr", {}, block.header.map(function (cell, index) {
                return h("th", { key: index, scope: "col" }, self.runs(cell));
              })))
            : null,
          h("tbody", {}, block.rows.map(function (row, index) {
            return h("tr", { key: index }, row.map(function (cell, column) {
              return h("td", { key: column }, self.runs(cell));
            }));
          }))
        );
      case "image":
        var src = this.href(block.address);
        return h("p", { key: key }, src ? h("img", { src: src, alt: block.alt }) : "[Image: " + block.alt + "]");
      case "rule":
        return h("hr", { key: key });
      case "quote":
        return quoteFigure(block.text, block.by, key);
    }
    return null;
  };

  Telling.prototype.time = function (moment) {
    return h("time", { dateTime: moment.at }, moment.words);
  };

  Telling.prototype.person = function (someone, key) {
    var page = someone.page ? this.href(someone.page.link || someone.page.address) : null;
    return h(
      "div",
      { className: "person", key: key },
      h(
        "div",
        { className: "person-text" },
        h("p", { className: "person-name" }, page ? h("a", { href: page }, someone.name) : someone.name,
          someone.part ? h("span", { className: "person-note" }, " (" + someone.part + ")") : null),
        someone.role ? h("p", { className: "person-role" }, someone.role) : null
      )
    );
  };

  Telling.prototype.event = function () {
    var event = this.shown.event;
    var where = (this.shown.facts || []).filter(function (fact) { return fact.label === "Where"; })[0];
    var self = this;
    var chairs = event.speakers.filter(function (someone) { return someone.part === "chair"; });
    var panel = event.speakers.filter(function (someone) { return someone.part !== "chair"; });
    var calendar = event.calendar ? this.href(event.calendar.link || event.calendar.address) : null;
    return labelledSection(
      "event-details",
      "event-heading",
      "Event details",
      event.has_ended ? h("p", { className: "event-status event-ended" }, h("strong", {}, "This event has taken place.")) : null,
      h(
        "dl",
        { className: "event-facts" },
        h("dt", {}, "When"),
        h("dd", {}, h("time", { dateTime: event.start }, event.when.start),
          event.end ? " to " : null, event.end ? h("time", { dateTime: event.end }, event.when.end) : null),
        where ? h("dt", {}, "Where") : null,
        where ? h("dd", {}, where.text) : null,
        event.online_address && event.open ? h("dt", {}, "Online") : null,
        event.online_address && event.open ? h("dd", {}, h("a", { href: this.href(event.online_address) }, "Join the event online")) : null,
        event.registration_address && event.has_ended ? h("dt", {}, "Registration") : null,
        event.registration_address && event.has_ended
          ? h("dd", {}, h("a", { className: "event-registration", href: this.href(event.registration_address) }, "Event registration page"))
          : null
      ),
      event.open
        ? h(
            "p",
            { className: "event-actions" },
            event.registration_address
              ? h("a", { className: "button event-registration", href: this.href(event.registration_address) }, "Register for this event")
              : null,
            calendar ? h("a", { className: "button button-secondary", href: calendar }, "Add to calendar") : null
          )
        : null,
      chairs.length ? h("h3", {}, "Chair") : null,
      chairs.map(function (someone, index) { return self.person(someone, "chair" + index); }),
      panel.length ? h("h3", {}, "Speakers") : null,
      panel.map(function (someone, index) { return self.person(someone, "panel" + index); })
    );
  };

  Telling.prototype.release = function () {
    var shown = this.shown;
    var self = this;
    var source = shown.responds_to;
    var image = shown.image ? this.href(shown.image.link || shown.image.address) : null;
    return h(
      "article",
      { className: "release" },
      h(
        "header",
        { className: "release-header" },
        h("p", { className: "release-type" }, shown.kind.label),
        h("h1", {}, shown.headline),
        shown.withdrawn
          ? h(
              "div",
              { className: "withdrawal-notice", role: "note" },
              h("h2", {}, "This " + shown.kind.label.toLowerCase() + " was withdrawn on ", this.time(shown.withdrawn.moment)),
              h("p", {}, shown.withdrawn.reason)
            )
          : null,
        h("p", { className: "standfirst" }, shown.standfirst),
        h("p", { className: "release-date" }, "Published ", h("time", { dateTime: shown.published.at }, shown.dateline)),
        shown.updated ? h("p", { className: "release-updated" }, "Updated ", this.time(shown.updated)) : null
      ),
      image
        ? h(
            "figure",
            { className: "release-image" },
            h("img", { src: image, alt: shown.image.alt }),
            shown.image.credit ? h("figcaption", {}, "Image: " + shown.image.credit) : null
          )
        : null,
      source
        ? labelledSection(
            "responds-to",
            "responds-to-heading",
            "Responding to",
            h("p", { className: "responds-to-title" }, this.href(source.address) ? h("a", { href: this.href(source.address) }, source.title) : source.title),
            source.publisher || source.date
              ? h("p", { className: "responds-to-source" }, source.publisher, source.publisher && source.date ? ", " : null,
                  source.date ? this.time(source.date) : null)
              : null
          )
        : null,
      shown.event ? this.event() : null,
      h("div", { className: "release-body" }, this.blocks(shown.body_blocks)),
      shown.spokespeople.length
        ? labelledSection(
            "spokespeople",
            "spokespeople-heading",
            "Spokespeople",
            shown.spokespeople.map(function (someone, index) { return self.person(someone, index); })
          )
        : null,
      h("p", { className: "release-ends" }, "Ends"),
      shown.notes_blocks.length
        ? labelledSection(
            "notes-to-editors",
            "notes-heading",
            "Notes to editors",
            this.blocks(shown.notes_blocks)
          )
        : null,
      shown.contact_facts.length
        ? labelledSection(
            "media-contact",
            "contact-heading",
            "Media contact",
            h("dl", { className: "contact" }, shown.contact_facts.map(function (fact, index) {
              var href = fact.address ? self.href(fact.address) : null;
              return [
                h("dt", { key: "label" + index }, fact.label),
                h("dd", { key: "text" + index }, href ? h("a", { href: href }, fact.text) : fact.text),
              ];
            }))
          )
        : null,
      shown.history.length
        ? labelledSection(
            "change-history",
            "change-history-heading",
            "Change history",
            h("ol", {}, shown.history.map(function (change, index) {
              return h("li", { key: index }, self.time(change.moment), ": " + change.note);
            }))
          )
        : null
    );
  };

  // The fallback where no presentation is to be had (the GitHub backend has no server to tell it; an
  // entry with mistakes makes no release): the release drawn from the form's fields as they are, which
  // the site may tell otherwise (dates in words, where a quote without a marker goes, the event's facts).
  function placedNumbers(body) {
    var pattern = new RegExp(site.quoteMarker, "gm");
    var numbers = [];
    var match;
    while ((match = pattern.exec(body || "")) !== null) numbers.push(Number(match[1]));
    return numbers;
  }

  function contactDetails(id) {
    var contact = contacts[id || site.defaultContact];
    if (!contact) return null;
    return labelledSection(
      "media-contact",
      "contact-heading",
      "Media contact",
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

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  // The day of a date as the form holds it (YYYY-MM-DD, perhaps with a time), in words as the site
  // writes it: 3 December 2026. Taken as written (the site's own clock), so no time zone can move it.
  function dayInWords(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ""));
    var month = parts ? MONTHS[Number(parts[2]) - 1] : null;
    return month ? Number(parts[3]) + " " + month + " " + parts[1] : String(value || "");
  }

  function releaseFromFormFields(data, widgetFor) {
    var quotes = data.quotes || [];
    var placed = placedNumbers(data.body);
    var unplaced = quotes.filter(function (quote, index) {
      return placed.indexOf(index + 1) === -1;
    });
    var respondsTo = data.responds_to && data.responds_to.title ? data.responds_to : null;
    var withdrawal = data.status === "withdrawn" ? data.withdrawn || {} : null;
    return h(
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
              h("h2", {}, "Withdrawn on " + (withdrawal.date ? dayInWords(withdrawal.date) : "(date)")),
              h("p", {}, withdrawal.reason || "(reason)")
            )
          : null,
        h("p", { className: "standfirst" }, data.summary || ""),
        data.date ? h("p", { className: "release-date" }, "Published " + dayInWords(data.date)) : null
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
        widgetFor("body"),
        unplaced.map(function (quote, index) { return quoteFigure(quote.text, speaker(quote.by), index); })
      ),
      h("p", { className: "release-ends" }, "Ends"),
      data.notes_to_editors
        ? labelledSection(
            "notes-to-editors",
            "notes-heading",
            "Notes to editors",
            widgetFor("notes_to_editors")
          )
        : null,
      contactDetails(data.contact)
    );
  }

  // The mistakes `invoke check` finds in the entry being edited, and the release as the site tells it,
  // from `invoke edit` (cms/editing.py), shown in its preview. The address is the local backend's, with
  // this start's key, as Decap reads it from config.yml, the one file that holds the key.
  var previewUrl = site.local
    ? fetch("config.yml")
        .then(function (response) { return response.text(); })
        .then(function (text) {
          var match = /^local_backend:\n\s+url: (\S+)$/m.exec(text);
          return match ? match[1].replace("/api/v1?", "/api/v1/problems?") : null;
        })
    : Promise.resolve(null);

  function entryAsSent(entry) {
    var data = entry.get("data").toJS();
    var body = data.body || "";
    delete data.body;
    return "---\n" + JSON.stringify(data, null, 1) + "\n---\n" + body;
  }

  function problemsList(problems) {
    if (!problems || !problems.length) return null;
    var count = problems.length + (problems.length === 1 ? " mistake" : " mistakes");
    return labelledSection(
      "problems-banner",
      "entry-problems-heading",
      count + " to fix before this can be published",
      h(
        "ul",
        {},
        problems.map(function (problem, index) {
          var where = problem.label + (problem.label !== problem.field ? " (" + problem.field + ")" : "");
          var line = problem.line ? ", line " + problem.line : "";
          return h("li", { key: index }, h("strong", {}, where + line + ": "), problem.what + " — " + problem.fix);
        })
      )
    );
  }

  var CheckedPreview = createClass({
    getInitialState: function () {
      return { problems: [], presentation: null };
    },
    componentDidMount: function () {
      this.ask();
    },
    componentDidUpdate: function (previous) {
      if (previous.entry !== this.props.entry) {
        clearTimeout(this.waiting);
        // Asked once typing pauses, not at every key.
        this.waiting = setTimeout(this.ask, 500);
      }
    },
    componentWillUnmount: function () {
      clearTimeout(this.waiting);
      this.gone = true;
    },
    ask: function () {
      var self = this;
      var entry = this.props.entry;
      function told(answer) {
        if (self.gone || entry !== self.props.entry) return;
        self.setState({ problems: answer.problems || [], presentation: answer.presentation || null });
      }
      previewUrl.then(function (url) {
        if (!url || self.gone) return null;
        var path = entry.get("path") || null;
        return fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ path: path, folder: path ? null : site.releaseFolder, raw: entryAsSent(entry) }),
        })
          .then(function (response) { return response.ok ? response.json() : {}; })
          .then(told, function () { told({}); });
      });
    },
    render: function () {
      var data = this.props.entry.get("data").toJS();
      shownQuotes = data.quotes || [];
      var shown = this.state.presentation;
      return h(
        "div",
        {},
        problemsList(this.state.problems),
        h(
          "main",
          { id: "main-content" },
          heldBanner(data),
          shown
            ? new Telling(shown).release()
            : h("p", { className: "preview-approximate", role: "note" },
                "An approximate preview, drawn from the form: the site may show this release otherwise."),
          shown ? null : releaseFromFormFields(data, this.props.widgetFor)
        )
      );
    },
  });

  // A speaker written as a bare id (`- keith-reed`) is a person from the directory, as `invoke check`
  // reads it: shown to Decap's list as {id}, and written back so only if the list is changed. Decap's
  // save reads every item of a list with `fields` as a mapping, so the fields sit under `speaker_fields`.
  var list = CMS.getWidget("list");
  var SpeakersControl = createClass({
    render: function () {
      var field = this.props.field;
      var value = this.props.value;
      var empty = field.clear();
      var speakers = value && value.map
        ? value.map(function (item) { return typeof item === "string" ? empty.set("id", item) : item; })
        : value;
      return h(list.control, Object.assign({}, this.props, {
        field: field.set("fields", field.get("speaker_fields")),
        value: speakers,
      }));
    },
  });
  CMS.registerWidget("speakers", SpeakersControl, list.preview);

  // The address of a new release is made from its first headline by `invoke new`'s rule (Pelican's
  // slugify without currency signs): Python's unidecode transliterates each character; the build writes
  // its table, 256 characters a file, into letters/ (cms/__init__.py).
  var letterBlocks = {};
  function letterBlock(number) {
    if (!letterBlocks[number]) {
      var name = "letters/x" + ("00" + number.toString(16)).slice(-3) + ".json";
      letterBlocks[number] = fetch(name).then(function (response) { return response.ok ? response.json() : []; });
    }
    return letterBlocks[number];
  }
  function striptags(text) {
    var decoder = document.createElement("textarea");
    decoder.innerHTML = text.replace(/<!--[\s\S]*?-->/g, "").replace(/<[\s\S]*?>/g, "").split(/\s+/).filter(Boolean).join(" ");
    return decoder.value;
  }
  function slugOf(title) {
    var text = striptags(String(title || "").replace(/\p{Sc}/gu, "")).normalize("NFKC");
    var points = Array.from(text).map(function (character) { return character.codePointAt(0); });
    var blocks = points.filter(function (point) { return point >= 0x80; }).map(function (point) { return point >> 8; });
    return Promise.all(blocks.map(letterBlock)).then(function () {
      return Promise.all(points.map(function (point) {
        return point < 0x80 ? String.fromCodePoint(point) : letterBlock(point >> 8).then(function (row) { return row[point & 0xff] || ""; });
      }));
    }).then(function (letters) {
      var ascii = letters.join("");
      site.slugSubstitutions.forEach(function (rule) {
        ascii = ascii.replace(new RegExp(rule[0], "gi"), rule[1]);
      });
      return ascii.toLowerCase().trim();
    });
  }
  window.pressroomSlugOf = slugOf;
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var data = entry.get("data");
      if (!entry.get("newRecord") || data.get("slug") || site.collections.indexOf(entry.get("collection")) === -1) {
        return undefined;
      }
      return slugOf(data.get("title")).then(function (slug) { return data.set("slug", slug); });
    },
  });

  // On this computer "Publish" only saves the file: say so. Online, the status Decap shows on each draft
  // is the check on its pull request (docs/ci/check-on-pull-request.yml): say that too.
  var english = CMS.getLocale("en");
  var toolbar = Object.assign({}, english.editor.editorToolbar, {
    deployPreviewButtonLabel: "Checked: open the check",
    deployPreviewPendingButtonLabel: "Not checked, or has mistakes: look again",
  });
  if (site.local) {
    Object.assign(toolbar, {
      publish: "Save", publishing: "Saving…", published: "Saved", publishNow: "Save now",
      publishAndCreateNew: "Save and create new", publishAndDuplicate: "Save and duplicate",
    });
  }
  CMS.registerLocale("en", Object.assign({}, english, {
    editor: Object.assign({}, english.editor, { editorToolbar: toolbar }),
  }));

  CMS.registerPreviewStyle(site.stylesheet);
  site.collections.forEach(function (name) {
    CMS.registerPreviewTemplate(name, CheckedPreview);
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
