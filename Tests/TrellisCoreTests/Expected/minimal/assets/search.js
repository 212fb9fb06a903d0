// Trellis offline search. The index (search-index.js) is loaded with a
// <script> element the first time the reader types, so it works from
// file:// and a USB stick; nothing is requested from any other host.
(function () {
  "use strict";
  var form = document.getElementById("site-search");
  if (!form) return;
  var input = form.querySelector("input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "";
  var index = null, terms = null, loading = false, pending = "";
  form.hidden = false;

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ς/g, "σ");
  }
  function tokens(text) {
    var out = [];
    (fold(text).match(/[\p{L}\p{N}]+/gu) || []).forEach(function (word) {
      var run = "";
      for (var ch of word) {
        if (/\p{Ideographic}/u.test(ch)) { if (run) out.push(run); run = ""; out.push(ch); }
        else run += ch;
      }
      if (run) out.push(run);
    });
    return out;
  }
  function load() {
    if (index || loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = root + "assets/search-index.js";
    script.onload = function () {
      index = window.TRELLIS_SEARCH;
      terms = index.terms.split("\n");
      if (pending) search(pending);
    };
    script.onerror = function () { status.textContent = "The search index could not be loaded."; };
    document.head.appendChild(script);
  }
  function postings(i) {
    var out = [], doc = 0;
    index.postings[i].split(",").forEach(function (gap) { doc += parseInt(gap, 36); out.push(doc); });
    return out;
  }
  function matching(prefix) {
    var lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < prefix) lo = mid + 1; else hi = mid; }
    var docs = {};
    for (var i = lo; i < terms.length && terms[i].lastIndexOf(prefix, 0) === 0; i++) {
      postings(i).forEach(function (d) { docs[d] = true; });
    }
    return docs;
  }
  function highlight(parent, text, words) {
    var parts = text.split(/([\p{L}\p{N}]+)/u);
    parts.forEach(function (part, i) {
      var hit = i % 2 === 1 && words.some(function (w) { return fold(part).lastIndexOf(w, 0) === 0; });
      if (hit) { var mark = document.createElement("mark"); mark.textContent = part; parent.appendChild(mark); }
      else parent.appendChild(document.createTextNode(part));
    });
  }
  function snippet(text, words) {
    var found = -1, parts = text.split(/([\p{L}\p{N}]+)/u), offset = 0;
    for (var i = 0; i < parts.length && found < 0; i++) {
      if (i % 2 === 1 && words.some(function (w) { return fold(parts[i]).lastIndexOf(w, 0) === 0; })) found = offset;
      offset += parts[i].length;
    }
    var start = found <= 60 ? 0 : text.indexOf(" ", found - 40) + 1;
    var end = start + 200 >= text.length ? text.length : text.lastIndexOf(" ", start + 200);
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }
  function search(query) {
    pending = query;
    list.textContent = "";
    var words = tokens(query);
    if (!words.length) { status.textContent = ""; return; }
    if (!index) { status.textContent = "Loading the search index…"; load(); return; }
    var result = null;
    words.forEach(function (word) {
      var docs = matching(word);
      if (result === null) result = docs;
      else Object.keys(result).forEach(function (d) { if (!docs[d]) delete result[d]; });
    });
    var hits = Object.keys(result || {}).map(Number).map(function (d) {
      var title = fold(index.docs[d][0]), score = 0;
      words.forEach(function (w) { if (tokens(title).some(function (t) { return t.lastIndexOf(w, 0) === 0; })) score += 10; });
      return { doc: d, score: score };
    }).sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    status.textContent = hits.length === 0 ? "No results for " + query + "." :
      hits.length + (hits.length === 1 ? " result" : " results") + (hits.length > 50 ? ", showing the first 50." : ".");
    hits.slice(0, 50).forEach(function (hit) {
      var doc = index.docs[hit.doc];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + doc[1];
      highlight(link, doc[0], words);
      var kind = document.createElement("span");
      kind.className = "search-kind";
      kind.textContent = doc[2];
      var text = document.createElement("p");
      highlight(text, snippet(doc[3], words), words);
      item.appendChild(link); item.appendChild(kind); item.appendChild(text);
      list.appendChild(item);
    });
  }
  var timer = null;
  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 120);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); search(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; search(""); }
  });
})();
