(function () {
  "use strict";
  var form = document.getElementById("site-search");
  if (!form) return;
  var input = form.querySelector("input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = form.getAttribute("data-root") || "";
  var SHOW = 20;
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var digit = {};
  for (var i = 0; i < DIGITS.length; i++) digit[DIGITS[i]] = i;
  var manifest = null, shards = {}, chunks = {}, requested = {}, waiting = [];
  var current = { query: "", hits: [], words: [], shown: 0 }, generation = 0;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "show-more";
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);
  form.hidden = false;

  window.TRELLIS_SEARCH = {
    index: function (data) { manifest = data; ready(); },
    shard: function (prefix, data) {
      data.terms = data.terms ? data.terms.split("\n") : [];
      shards[prefix] = data;
      ready();
    },
    docs: function (n, docs) { chunks[n] = docs; ready(); }
  };
  function ready() {
    var pending = waiting;
    waiting = [];
    pending.forEach(function (job) { job(); });
  }
  function need(files, then) {
    var missing = files.filter(function (file) { return !file.loaded(); });
    if (!missing.length) { then(); return; }
    missing.forEach(function (file) {
      if (requested[file.src]) return;
      requested[file.src] = true;
      var script = document.createElement("script");
      script.src = root + "assets/search/" + file.src;
      script.onerror = function () { status.textContent = manifest ? manifest.messages.failed : form.getAttribute("data-failed"); };
      document.head.appendChild(script);
    });
    waiting.push(function () { need(files, then); });
  }
  function manifestFile() { return { src: "index.js", loaded: function () { return !!manifest; } }; }
  function shardFile(prefix) {
    var hex = Array.from(prefix).map(function (ch) { return ch.codePointAt(0).toString(16); }).join("-");
    return { src: "t-" + hex + ".js", loaded: function () { return !!shards[prefix]; } };
  }
  function chunkFile(n) { return { src: "d-" + n + ".js", loaded: function () { return !!chunks[n]; } }; }

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ς/g, "σ")
      .replace(/[\u064A\u0649]/g, "\u06CC").replace(/\u0643/g, "\u06A9").replace(/\u0629/g, "\u0647")
      .replace(/[\u200C\u0640]/g, "")
      .replace(/[\u0660-\u0669\u06F0-\u06F9]/g, function (d) { return String(d.charCodeAt(0) & 15); });
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
  function starts(text, prefix) { return text.lastIndexOf(prefix, 0) === 0; }
  function shardsFor(word) {
    var out = [], longest = null;
    manifest.shards.forEach(function (prefix) {
      if (starts(prefix, word)) out.push(prefix);
      else if (starts(word, prefix) && (!longest || prefix.length > longest.length)) longest = prefix;
    });
    if (longest) out.push(longest);
    return out;
  }
  function decode(text) {
    var out = [], n = 0, doc = 0;
    for (var i = 0; i < text.length; i++) {
      var d = digit[text[i]];
      if (d >= 32) n = n * 32 + d - 32;
      else { doc += n * 32 + d; out.push(doc); n = 0; }
    }
    return out;
  }
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  function near(word, term) {
    var n = Array.from(word).length, t = Array.from(term);
    if (n < 5) return false;
    for (var k = n - 1; k <= n + 1 && k <= t.length; k++) {
      if (oneEdit(word, t.slice(0, k).join(""))) return true;
    }
    return false;
  }
  function matches(word, seen) {
    var quality = {};
    shardsFor(word).forEach(function (prefix) {
      var shard = shards[prefix];
      shard.terms.forEach(function (term, i) {
        var exact = starts(term, word);
        if (!exact && !near(word, term)) return;
        if (!exact) seen.push(term);
        var base = exact ? 2 : 1;
        decode(shard.docs[i]).forEach(function (d) { if ((quality[d] || 0) < base) quality[d] = base; });
        decode(shard.titles[i]).forEach(function (d) { if ((quality[d] || 0) < base + 1) quality[d] = base + 1; });
      });
    });
    return quality;
  }
  function message(key, values) {
    return manifest.messages[key].replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function counted(n) {
    var forms = manifest.messages.results;
    if (!forms) return n === 1 ? message("one", {}) : message("many", { count: n });
    var category = "other";
    try { category = new Intl.PluralRules(document.documentElement.lang || "en").select(n); } catch (e) { /* old browser */ }
    return (forms[category] || forms.other || "").replace(/\{count\}/g, String(n));
  }
  function search(query) {
    var mine = ++generation;
    list.textContent = "";
    more.hidden = true;
    remember(query);
    var words = tokens(query);
    if (!words.length) { status.textContent = ""; current = { query: query, hits: [], words: [], shown: 0 }; return; }
    if (!manifest) status.textContent = form.getAttribute("data-loading");
    need([manifestFile()], function () {
      if (mine !== generation) return;
      var needed = [];
      words.forEach(function (word) { shardsFor(word).forEach(function (prefix) { needed.push(shardFile(prefix)); }); });
      if (!needed.length || words.some(function (word) { return !shardsFor(word).length; })) { show(mine, query, words, []); return; }
      if (needed.some(function (file) { return !file.loaded(); })) status.textContent = manifest.messages.loading;
      need(needed, function () {
        if (mine !== generation) return;
        var highlight = words.slice(), score = null;
        words.forEach(function (word) {
          var quality = matches(word, highlight);
          if (score === null) { score = quality; return; }
          Object.keys(score).forEach(function (d) { if (quality[d]) score[d] += quality[d]; else delete score[d]; });
        });
        var hits = Object.keys(score || {}).map(Number).sort(function (a, b) { return score[b] - score[a] || a - b; });
        show(mine, query, highlight, hits);
      });
    });
  }
  function show(mine, query, words, hits) {
    current = { query: query, hits: hits, words: words, shown: 0 };
    status.textContent = hits.length === 0 ? message("none", { query: query }) :
      counted(hits.length);
    showMore(mine, false);
  }
  function showMore(mine, focus) {
    var page = current.hits.slice(current.shown, current.shown + SHOW);
    var files = [];
    page.forEach(function (d) {
      var n = Math.floor(d / manifest.chunk);
      if (!files.some(function (f) { return f.n === n; })) { var f = chunkFile(n); f.n = n; files.push(f); }
    });
    need(files, function () {
      if (mine !== generation) return;
      var first = null;
      page.forEach(function (d) {
        var item = result(chunks[Math.floor(d / manifest.chunk)][d % manifest.chunk], current.words);
        if (!first) first = item;
        list.appendChild(item);
      });
      current.shown += page.length;
      var rest = current.hits.length - current.shown;
      more.hidden = rest <= 0;
      more.textContent = manifest.messages.more;
      if (focus && first) first.querySelector("a").focus();
    });
  }
  function result(doc, words) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = root + doc[1];
    highlight(link, doc[0], words);
    var kind = document.createElement("span");
    kind.className = "search-kind";
    kind.textContent = manifest.kinds[doc[2]] + (doc[3] ? " · " + doc[3] : "");
    var text = document.createElement("p");
    highlight(text, snippet(doc[4], words), words);
    item.appendChild(link); item.appendChild(kind); item.appendChild(text);
    return item;
  }
  function hit(part, words) {
    var folded = fold(part);
    return words.some(function (w) { return starts(folded, w); });
  }
  function highlight(parent, text, words) {
    text.split(/([\p{L}\p{N}]+)/u).forEach(function (part, i) {
      if (i % 2 === 1 && hit(part, words)) { var mark = document.createElement("mark"); mark.textContent = part; parent.appendChild(mark); }
      else parent.appendChild(document.createTextNode(part));
    });
  }
  function snippet(text, words) {
    var found = -1, parts = text.split(/([\p{L}\p{N}]+)/u), offset = 0;
    for (var i = 0; i < parts.length && found < 0; i++) {
      if (i % 2 === 1 && hit(parts[i], words)) found = offset;
      offset += parts[i].length;
    }
    var start = found <= 60 ? 0 : text.indexOf(" ", found - 40) + 1;
    var end = start + 200 >= text.length ? text.length : text.lastIndexOf(" ", start + 200);
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }
  function remember(query) {
    if (!window.URLSearchParams) return;
    var params = new URLSearchParams(location.search);
    if (query.trim()) params.set("q", query.trim()); else params.delete("q");
    var search = params.toString();
    try { history.replaceState(history.state, "", (search ? "?" + search : location.pathname) + location.hash); } catch (e) { /* some file:// browsers */ }
  }

  var timer = null;
  more.addEventListener("click", function () { showMore(generation, true); });
  input.addEventListener("focus", function () { need([manifestFile()], function () {}); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 120);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); search(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; search(""); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target, tag = target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
  var initial = window.URLSearchParams ? new URLSearchParams(location.search).get("q") : null;
  if (initial) { input.value = initial; search(initial); }
})();
