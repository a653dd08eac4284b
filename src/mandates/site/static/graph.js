// Draws the graph view of a page: nodes and edges come from a JSON script element (data, not code).
window.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("div.graph").forEach(function (div) {
    var data = JSON.parse(document.getElementById(div.getAttribute("data-source")).textContent);
    var root = document.body.getAttribute("data-root") || "";
    var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
    var options = {
      layout: data.hierarchical ? { hierarchical: { direction: "DU", sortMethod: "directed", levelSeparation: 110 } } : {},
      physics: data.hierarchical ? false : { stabilization: { iterations: 150 } },
      nodes: { shape: "dot", size: 14, font: { size: 13 } },
      edges: { arrows: "to", font: { size: 10, align: "middle" }, color: "#8895a7" },
      interaction: { hover: true, tooltipDelay: 150 }
    };
    var network = new vis.Network(div, { nodes: nodes, edges: edges }, options);
    div.setAttribute("data-nodes", String(data.nodes.length));
    network.on("click", function (p) {
      if (p.nodes.length) {
        var n = nodes.get(p.nodes[0]);
        if (n && n.url) { window.location.href = root + n.url; }
      }
    });
  });
});
