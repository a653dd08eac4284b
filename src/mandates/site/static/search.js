// Search in the browser, ignoring case and Vietnamese diacritics: "so y te" finds "Sở Y tế".
// Each entry's key was folded when the site was built (textnorm.plain); only the query is folded here.
// Results are built with textContent: nothing from the index is ever parsed as HTML.
(function () {
  "use strict";
  var KIND_ORDER = { "cơ quan": 0, "văn bản": 1, "chỉ tiêu": 2, "lĩnh vực": 3, "nhiệm vụ": 4 };
  var LIMIT = 40;

  function fold(s) {
    return s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/\bti le\b/g, "ty le")
      .split(/\s+/)
      .filter(Boolean)
      .join(" ");
  }

  function search(query) {
    var q = fold(query);
    if (!q) { return []; }
    var words = q.split(" ");
    var hits = [];
    (window.MANDATES_INDEX || []).forEach(function (e) {
      if (!words.every(function (w) { return e.k.indexOf(w) >= 0; })) { return; }
      var title = fold(e.t);
      var score = title.indexOf(q) === 0 ? 0 : title.indexOf(q) > 0 ? 1 : e.k.indexOf(q) >= 0 ? 2 : 3;
      hits.push({ e: e, score: score, kind: e.c in KIND_ORDER ? KIND_ORDER[e.c] : 9 });
    });
    hits.sort(function (a, b) {
      return a.score - b.score || a.kind - b.kind || a.e.t.length - b.e.t.length;
    });
    return hits.slice(0, LIMIT).map(function (h) { return h.e; });
  }

  function render(box, query, root) {
    box.textContent = "";
    var hits = search(query);
    if (!fold(query)) { box.hidden = true; return; }
    var head = document.createElement("p");
    head.className = "muted";
    head.textContent = !hits.length ? "Không tìm thấy."
      : hits.length === LIMIT ? "Hơn " + LIMIT + " kết quả; gõ thêm để thu hẹp." : hits.length + " kết quả";
    box.appendChild(head);
    var ul = document.createElement("ul");
    hits.forEach(function (e) {
      var li = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = e.c;
      var a = document.createElement("a");
      a.href = root + e.u;
      a.textContent = e.t;
      li.appendChild(kind);
      li.appendChild(a);
      if (e.d) {
        var d = document.createElement("span");
        d.className = "muted";
        d.textContent = " — " + e.d;
        li.appendChild(d);
      }
      ul.appendChild(li);
    });
    box.appendChild(ul);
    box.hidden = false;
  }

  function start() {
    var input = document.getElementById("q");
    var box = document.getElementById("results");
    if (!input || !box) { return; }
    var root = document.body.getAttribute("data-root") || "";
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) { input.value = initial; render(box, initial, root); }
    input.addEventListener("input", function () { render(box, input.value, root); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { input.value = ""; render(box, "", root); }
      if (ev.key === "Enter") {
        var first = box.querySelector("a");
        if (first) { window.location.href = first.href; }
      }
    });
  }
  window.MANDATES_SEARCH = search;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
