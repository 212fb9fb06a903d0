(function () {
  "use strict";
  var form = document.getElementById("filters");
  var pages = document.getElementById("catalogue-pages");
  var status = document.getElementById("filter-status");
  if (!form || !pages || !window.URLSearchParams) return;

  var PAGE = 24;
  function say(name, values) {
    return (form.getAttribute("data-text-" + name) || "").replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }
  var keys = ["country", "sector", "tag", "year"];
  var root = form.getAttribute("data-root") || "";
  var data = null, texts = null, loading = false, shown = PAGE;
  var results = document.createElement("ul");
  results.className = "cards";
  results.id = "filter-results";
  results.hidden = true;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "show-more";
  more.hidden = true;
  pages.parentNode.insertBefore(results, pages);
  pages.parentNode.insertBefore(more, pages);

  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };

  var groups = form.querySelector(".filter-groups");
  document.querySelectorAll(".facet-group").forEach(function (section) {
    var key = section.getAttribute("data-facet");
    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = section.querySelector("h3").textContent;
    fieldset.appendChild(legend);
    section.querySelectorAll("li[data-value]").forEach(function (item) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = key;
      box.value = item.getAttribute("data-value");
      var count = item.querySelector(".count");
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + item.firstChild.textContent.trim() + " "));
      if (count) label.appendChild(count.cloneNode(true));
      fieldset.appendChild(label);
    });
    groups.appendChild(fieldset);
  });
  form.hidden = false;
  document.querySelectorAll(".facet-browse").forEach(function (group) { group.hidden = true; });

  function selected() {
    var state = { q: form.elements.q.value.trim(), any: false };
    keys.forEach(function (key) {
      state[key] = Array.prototype.slice.call(form.querySelectorAll('input[name="' + key + '"]:checked'))
        .map(function (box) { return box.value; });
      if (state[key].length) state.any = true;
    });
    if (state.q) state.any = true;
    return state;
  }

  function load() {
    if (data || loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-source");
    script.onload = function () {
      data = window.TRELLIS_CATALOGUE;
      var facets = data.facets;
      texts = data.practices.map(function (p) {
        return fold([p[1], p[2] >= 0 ? data.organisations[p[2]] : "",
          p[3] >= 0 ? facets.country[p[3]][1] : "", p[4] >= 0 ? facets.sector[p[4]][1] : "",
          p[5] || "", tagsOf(p).map(function (t) { return t[1]; }).join(" ")].join(" "));
      });
      apply(false);
    };
    script.onerror = function () { loading = false; status.textContent = say("failed", {}); };
    document.head.appendChild(script);
  }

  function tagsOf(p) {
    return p[6] ? p[6].split(" ").map(function (i) { return data.facets.tag[parseInt(i, 36)]; }) : [];
  }

  function matches(p, i, state) {
    var facets = data.facets;
    var values = {
      country: p[3] >= 0 ? [facets.country[p[3]][0]] : [],
      sector: p[4] >= 0 ? [facets.sector[p[4]][0]] : [],
      tag: tagsOf(p).map(function (t) { return t[0]; }),
      year: p[5] ? [String(p[5])] : []
    };
    for (var k = 0; k < keys.length; k++) {
      var wanted = state[keys[k]];
      if (wanted.length && !wanted.some(function (v) { return values[keys[k]].indexOf(v) !== -1; })) return false;
    }
    var words = fold(state.q).split(/\s+/).filter(Boolean);
    return words.every(function (word) { return texts[i].indexOf(word) !== -1; });
  }

  function card(p) {
    var facets = data.facets;
    var item = document.createElement("li");
    item.className = "card practice-card";
    var heading = document.createElement("h3");
    var link = document.createElement("a");
    link.href = root + "practices/" + p[0] + ".html";
    link.textContent = p[1];
    heading.appendChild(link);
    item.appendChild(heading);
    var meta = document.createElement("p");
    meta.className = "meta";
    var country = document.createElement("span");
    country.className = "country";
    country.textContent = p[3] >= 0 ? facets.country[p[3]][1] : "";
    meta.appendChild(country);
    [p[4] >= 0 ? facets.sector[p[4]][1] : "", p[5] ? String(p[5]) : ""].forEach(function (text) {
      if (!text) return;
      var span = document.createElement("span");
      span.textContent = text;
      meta.appendChild(span);
    });
    item.appendChild(meta);
    if (p[2] >= 0) {
      var organisation = document.createElement("p");
      organisation.className = "organisation";
      organisation.textContent = data.organisations[p[2]];
      item.appendChild(organisation);
    }
    var tags = tagsOf(p);
    if (tags.length) {
      var list = document.createElement("ul");
      list.className = "tags";
      list.setAttribute("aria-label", "Tags");
      tags.forEach(function (t) { var li = document.createElement("li"); li.textContent = t[1]; list.appendChild(li); });
      item.appendChild(list);
    }
    return item;
  }

  function apply(updateURL) {
    var state = selected();
    if (updateURL) {
      var params = new URLSearchParams();
      if (state.q) params.set("q", state.q);
      keys.forEach(function (key) { state[key].forEach(function (value) { params.append(key, value); }); });
      var hash = params.toString();
      try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); } catch (e) { /* file:// in some browsers */ }
    }
    if (!state.any) {
      pages.hidden = false;
      results.hidden = true;
      more.hidden = true;
      status.textContent = "";
      return;
    }
    if (!data) { status.textContent = say("loading", {}); load(); return; }
    var found = [];
    data.practices.forEach(function (p, i) { if (matches(p, i, state)) found.push(p); });
    results.textContent = "";
    found.slice(0, shown).forEach(function (p) { results.appendChild(card(p)); });
    pages.hidden = true;
    results.hidden = false;
    var rest = Math.min(PAGE, found.length - shown);
    more.hidden = rest <= 0;
    more.textContent = say("more", { count: rest });
    status.textContent = found.length === 0 ? say("none", {}) :
      say("showing", { shown: Math.min(shown, found.length), found: found.length, total: data.practices.length });
  }

  function restore() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    form.elements.q.value = params.get("q") || "";
    keys.forEach(function (key) {
      var wanted = params.getAll(key);
      form.querySelectorAll('input[name="' + key + '"]').forEach(function (box) {
        box.checked = wanted.indexOf(box.value) !== -1;
      });
    });
    shown = PAGE;
    apply(false);
  }

  more.addEventListener("click", function () {
    var first = results.children.length;
    shown += PAGE;
    apply(false);
    var next = results.children[first];
    if (next) next.querySelector("a").focus();
  });
  form.addEventListener("focusin", load);
  form.addEventListener("input", function () { shown = PAGE; apply(true); });
  form.addEventListener("change", function () { shown = PAGE; apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { shown = PAGE; apply(true); }, 0); });
  window.addEventListener("hashchange", restore);
  restore();
})();
