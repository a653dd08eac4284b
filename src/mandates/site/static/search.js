// Client-side search that ignores case and Vietnamese diacritics ("so y te" finds "Sở Y tế").
(function () {
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function render(q, box, root) {
    box.textContent = "";
    var words = fold(q).split(/\s+/).filter(Boolean);
    if (!words.length) return;
    var phrase = words.join(" ");
    var order = { "cơ quan": 0, "văn bản": 1, "chỉ tiêu": 2, "lĩnh vực": 3, "nhiệm vụ": 4 };
    var hits = (window.MANDATES_INDEX || []).filter(function (e) {
      var key = e.k || (e.k = fold(e.t + " " + (e.d || "")));
      return words.every(function (w) { return key.indexOf(w) >= 0; });
    });
    // Whole phrase in the name first, then bodies before documents before tasks.
    hits.sort(function (a, b) {
      var pa = fold(a.t).indexOf(phrase) >= 0 ? 0 : 1, pb = fold(b.t).indexOf(phrase) >= 0 ? 0 : 1;
      var oa = a.c in order ? order[a.c] : 9, ob = b.c in order ? order[b.c] : 9;
      return pa - pb || oa - ob || a.t.length - b.t.length;
    });
    hits = hits.slice(0, 60);
    var ul = document.createElement("ul");
    hits.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.u;
      a.textContent = e.t;  // text, never HTML
      li.appendChild(a);
      var kind = document.createElement("span");
      kind.className = "muted";
      kind.textContent = " — " + e.c + (e.d ? " · " + e.d : "");
      li.appendChild(kind);
      ul.appendChild(li);
    });
    box.appendChild(ul);
    var n = document.createElement("p");
    n.className = "muted";
    n.textContent = hits.length ? hits.length + " kết quả" : "Không tìm thấy";
    box.insertBefore(n, ul);
  }
  window.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("q");
    var box = document.getElementById("results");
    var root = document.body.getAttribute("data-root") || "";
    if (!input) return;
    var start = new URLSearchParams(window.location.search).get("q");
    if (start && box) { input.value = start; render(start, box, root); }
    input.addEventListener("input", function () {
      if (box) { render(input.value, box, root); }
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && !box) { window.location.href = root + "index.html?q=" + encodeURIComponent(input.value); }
    });
  });
})();
