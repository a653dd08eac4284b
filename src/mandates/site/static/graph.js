// Draws the graph views of a page. Nodes, edges and options come from a JSON script element (data,
// never code); tooltips are text (an element built with textContent); a click opens the node's page.
(function () {
  "use strict";
  window.MANDATES_VIEWS = {};
  function tooltip(text) {
    var div = document.createElement("div");
    div.className = "view-tip";
    div.textContent = text;
    return div;
  }
  function draw(div) {
    var source = document.getElementById(div.getAttribute("data-source"));
    if (!source || typeof vis === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var root = document.body.getAttribute("data-root") || "";
    data.nodes.forEach(function (n) { if (typeof n.title === "string") { n.title = tooltip(n.title); } });
    data.edges.forEach(function (e) { if (typeof e.title === "string") { e.title = tooltip(e.title); } });
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    var network = new vis.Network(div, { nodes: nodes, edges: edges }, data.options || {});
    window.MANDATES_VIEWS[div.id] = network;
    // data-settled: every node has its place (no frame needed); data-drawn: the canvas was painted.
    function settled() {
      div.setAttribute("data-settled", String(Object.keys(network.getPositions()).length));
    }
    network.once("afterDrawing", function () {
      settled();
      div.setAttribute("data-drawn", String(nodes.length));
    });
    network.on("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      settled();
    });
    var physics = data.options && data.options.physics;
    if (!physics || physics.enabled === false) { window.setTimeout(settled, 0); }
    network.on("click", function (params) {
      if (!params.nodes.length) { return; }
      var node = nodes.get(params.nodes[0]);
      if (node && node.url) { window.location.href = root + node.url; }
    });
    network.on("hoverNode", function () { div.style.cursor = "pointer"; });
    network.on("blurNode", function () { div.style.cursor = "default"; });
  }
  function start() {
    document.querySelectorAll("div.graph[data-source]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
