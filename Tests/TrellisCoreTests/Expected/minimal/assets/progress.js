(function () {
  "use strict";
  var KEY = "trellis-progress";
  var store;
  try {
    store = window.localStorage;
    store.setItem(KEY + "-test", "1");
    store.removeItem(KEY + "-test");
  } catch (e) {
    return;
  }
  function load() {
    try { return JSON.parse(store.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(all) {
    try { store.setItem(KEY, JSON.stringify(all)); } catch (e) { /* full or refused: the box still works for this page */ }
  }
  function name(site, task) { return site + "\n" + task; }

  var control = document.querySelector(".progress-control[data-task]");
  if (control) {
    var box = control.querySelector("input");
    var key = name(control.getAttribute("data-progress-site"), control.getAttribute("data-task"));
    box.checked = !!load()[key];
    box.addEventListener("change", function () {
      var all = load();
      if (box.checked) all[key] = 1; else delete all[key];
      save(all);
    });
    control.hidden = false;
  }

  var timeline = document.querySelector(".timeline[data-progress-site]");
  if (timeline) {
    var site = timeline.getAttribute("data-progress-site");
    var all = load();
    Array.prototype.forEach.call(timeline.querySelectorAll(".phase"), function (phase) {
      var cards = phase.querySelectorAll("[data-task]");
      var done = 0;
      Array.prototype.forEach.call(cards, function (card) {
        if (!all[name(site, card.getAttribute("data-task"))]) return;
        done++;
        var mark = document.createElement("span");
        mark.className = "done-mark";
        mark.textContent = timeline.getAttribute("data-done") || "Done";
        card.querySelector("a").insertAdjacentElement("afterend", mark);
      });
      var line = phase.querySelector(".phase-progress");
      if (!line || !cards.length) return;
      var category = "other";
      try { category = new Intl.PluralRules(document.documentElement.lang || "en").select(cards.length); } catch (e) { /* old browser */ }
      var text = timeline.getAttribute("data-progress-" + category) || timeline.getAttribute("data-progress-other") || "{done} / {count}";
      line.textContent = text.replace(/\{done\}/g, String(done)).replace(/\{count\}/g, String(cards.length));
      line.hidden = false;
    });
  }
})();
