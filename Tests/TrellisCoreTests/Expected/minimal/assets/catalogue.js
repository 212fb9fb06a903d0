// Trellis catalogue filters: progressive enhancement of the catalogue page.
// Without JavaScript the facet pages do the same job. No network requests;
// the filter state lives in the URL's #fragment so it works from file:// too.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("practice-list");
  var status = document.getElementById("filter-status");
  if (!form || !list || !window.URLSearchParams) return;

  var cards = Array.prototype.slice.call(list.children);
  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var texts = cards.map(function (card) { return fold(card.textContent); });
  var keys = ["country", "sector", "tag", "year"];

  form.hidden = false;
  document.querySelectorAll(".facet-browse").forEach(function (group) { group.hidden = true; });

  function selected() {
    var state = { q: fold(form.elements.q.value.trim()) };
    keys.forEach(function (key) {
      state[key] = Array.prototype.slice.call(form.querySelectorAll('input[name="' + key + '"]:checked'))
        .map(function (box) { return box.value.toLowerCase(); });
    });
    return state;
  }

  function matches(card, text, state) {
    for (var i = 0; i < keys.length; i++) {
      var wanted = state[keys[i]];
      if (!wanted.length) continue;
      var values = (card.getAttribute("data-" + keys[i]) || "").toLowerCase().split(" ");
      if (!wanted.some(function (value) { return values.indexOf(value) !== -1; })) return false;
    }
    return !state.q || state.q.split(/\s+/).every(function (word) { return text.indexOf(word) !== -1; });
  }

  function apply(updateURL) {
    var state = selected();
    var shown = 0;
    cards.forEach(function (card, i) {
      var show = matches(card, texts[i], state);
      card.hidden = !show;
      if (show) shown++;
    });
    status.textContent = "Showing " + shown + " of " + cards.length + " good practices.";
    if (updateURL) {
      var params = new URLSearchParams();
      if (form.elements.q.value.trim()) params.set("q", form.elements.q.value.trim());
      keys.forEach(function (key) { state[key].forEach(function (value) { params.append(key, value); }); });
      var hash = params.toString();
      try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); } catch (e) { /* file:// in some browsers */ }
    }
  }

  function restore() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    form.elements.q.value = params.get("q") || "";
    keys.forEach(function (key) {
      var wanted = params.getAll(key).map(function (v) { return v.toLowerCase(); });
      form.querySelectorAll('input[name="' + key + '"]').forEach(function (box) {
        box.checked = wanted.indexOf(box.value.toLowerCase()) !== -1;
      });
    });
    apply(false);
  }

  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  window.addEventListener("hashchange", restore);
  restore();
})();
