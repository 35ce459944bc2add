/* Search over the Pagefind index that plugins/pressroom/search writes at build time. Reveals the form,
   fills each filter with the values the index holds, and lists results with their type, date, an event's
   time and standfirst: by relevance to the words searched for, or, with filters alone, newest first. The
   query and filters live in the address (?q=…&type=…), so a search can be shared. */
const form = document.querySelector("[data-search-form]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const query = form.querySelector("input[name=q]");
const selects = [...form.querySelectorAll("[data-search-filter]")];
const SHOWN = 20;

function chosenFilters() {
  const filters = {};
  for (const select of selects) {
    if (select.value) {
      filters[select.dataset.searchFilter] = select.value;
    }
  }
  return filters;
}

function fillFilters(available, chosen) {
  for (const select of selects) {
    const name = select.dataset.searchFilter;
    const values = Object.keys(available[name] || {}).sort();
    if (name === "year") {
      values.reverse();
    }
    for (const value of values) {
      select.append(new Option(value, value, false, value === chosen.get(name)));
    }
  }
}

function paragraph(className, text) {
  const element = document.createElement("p");
  element.className = className;
  element.textContent = text;
  return element;
}

function resultItem(result, terms) {
  const item = document.createElement("li");
  item.className = "search-result";
  const meta = result.meta;
  const details = [meta.type, meta.date].filter(Boolean).join(" · ");
  if (details) {
    item.append(paragraph("search-result-meta", details));
  }
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = meta.title;
  heading.append(link);
  item.append(heading);
  if (meta.when) {
    item.append(paragraph("search-result-when", `When: ${meta.when}`));
  }
  if (meta.standfirst) {
    item.append(paragraph("search-result-standfirst", meta.standfirst));
  }
  // Without search words the excerpt would only repeat the headline and standfirst.
  if (terms) {
    const excerpt = paragraph("search-result-excerpt", "");
    // Pagefind escapes the page text and adds only <mark> around the words found.
    excerpt.innerHTML = result.excerpt;
    item.append(excerpt);
  }
  return item;
}

function describe(count, terms) {
  const found = terms ? ` for “${terms}”` : "";
  if (count === 0) {
    return `No results${found}. Try other words, or fewer filters.`;
  }
  const noun = count === 1 ? "result" : "results";
  const shown = count > SHOWN ? ` The first ${SHOWN} are shown.` : "";
  return `${count} ${noun}${found}.${shown}`;
}

async function run(pagefind) {
  const terms = query.value.trim();
  const filters = chosenFilters();
  const address = new URL(window.location.href);
  address.search = new URLSearchParams({ ...(terms ? { q: terms } : {}), ...filters }).toString();
  window.history.replaceState(null, "", address);
  if (!terms && Object.keys(filters).length === 0) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  // Without words there is no relevance to rank by: the newest release comes first, as in every listing.
  const order = terms ? {} : { sort: { published: "desc" } };
  const search = await pagefind.debouncedSearch(terms || null, { filters, ...order }, 200);
  if (search === null) {
    return;
  }
  const results = await Promise.all(search.results.slice(0, SHOWN).map((result) => result.data()));
  list.replaceChildren(...results.map((result) => resultItem(result, terms)));
  status.textContent = describe(search.results.length, terms);
}

async function start() {
  let pagefind;
  try {
    pagefind = await import(`${form.dataset.searchBundle}pagefind.js`);
    await pagefind.options({ baseUrl: form.dataset.searchBase });
    await pagefind.init();
  } catch {
    status.textContent = "Search is not available here (a preview build has no search index): use the archive.";
    return;
  }
  const address = new URLSearchParams(window.location.search);
  fillFilters(await pagefind.filters(), address);
  query.value = address.get("q") || "";
  document.querySelector("[data-search-fallback]").hidden = true;
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(pagefind);
  });
  query.addEventListener("input", () => run(pagefind));
  for (const select of selects) {
    select.addEventListener("change", () => run(pagefind));
  }
  run(pagefind);
}

start();
