// The graph page: draws the relationship graph embedded in the page as JSON, with Cytoscape.js.
(function () {
  "use strict";
  var COMMUNITY = ["#0969da", "#bf3989", "#1a7f37", "#9a6700", "#8250df", "#cf222e", "#1b7c83", "#bc4c00", "#57606a", "#4d2d00"];

  function toneColour(tone) {
    // -1 red .. 0 grey .. +1 green
    var t = Math.max(-1, Math.min(1, tone || 0));
    var grey = [175, 184, 193], red = [207, 34, 46], green = [26, 127, 55];
    var end = t < 0 ? red : green, k = Math.abs(t);
    var c = grey.map(function (g, i) { return Math.round(g + (end[i] - g) * k); });
    return "rgb(" + c.join(",") + ")";
  }

  function start() {
    var holder = document.getElementById("graph");
    var source = document.getElementById("graph-data");
    if (!holder || !source || typeof cytoscape !== "function") { return; }
    var data = JSON.parse(source.textContent);
    var most = 1, heaviest = 1;
    data.nodes.forEach(function (n) { most = Math.max(most, n.interactions || 0); });
    data.edges.forEach(function (e) { heaviest = Math.max(heaviest, e.weight || 0); });
    var elements = [];
    data.nodes.forEach(function (n) {
      elements.push({
        group: "nodes",
        data: {
          id: n.id, label: n.name,
          size: 14 + 36 * Math.sqrt((n.interactions || 0) / most),
          colour: COMMUNITY[(n.community || 0) % COMMUNITY.length]
        },
        position: { x: n.x, y: n.y }
      });
    });
    data.edges.forEach(function (e, i) {
      elements.push({
        group: "edges",
        data: {
          id: "e" + i, source: e.source, target: e.target,
          width: 1 + 7 * Math.sqrt((e.weight || 0) / heaviest),
          colour: toneColour(e.tone)
        }
      });
    });
    var cy = cytoscape({
      container: holder,
      elements: elements,
      layout: { name: "preset", fit: true, padding: 30 },
      style: [
        { selector: "node", style: {
          "width": "data(size)", "height": "data(size)", "background-color": "data(colour)",
          "label": "data(label)", "font-size": 11, "color": "#1f2328",
          "text-valign": "bottom", "text-margin-y": 3,
          "text-outline-color": "#ffffff", "text-outline-width": 2 } },
        { selector: "edge", style: {
          "width": "data(width)", "line-color": "data(colour)", "opacity": 0.75,
          "curve-style": "haystack" } },
        { selector: "node:active, node.hover", style: { "border-width": 3, "border-color": "#1f2328" } }
      ]
    });
    cy.on("tap", "node", function (event) {
      window.location.href = "/org/" + encodeURIComponent(event.target.id());
    });
    cy.on("mouseover", "node", function (event) { event.target.addClass("hover"); holder.classList.add("pointing"); });
    cy.on("mouseout", "node", function (event) { event.target.removeClass("hover"); holder.classList.remove("pointing"); });
    holder.setAttribute("data-ready", "true");
    window.newstideGraph = cy;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
