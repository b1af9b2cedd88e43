// The explorer's network view: vis-network (pyvis's copy) in a Streamlit component, so a
// click on a node goes back to Python (the explorer then expands it or opens its page).
// No build step: it speaks Streamlit's component messages directly.
(function () {
  "use strict";

  function send(type, data) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, data), "*");
  }

  var container = document.getElementById("view");
  var network = null;
  var nodes = null;
  var edges = null;
  var shownView = null;

  function clicked(params) {
    if (params.nodes.length) {
      // "at" makes every click a new value, so a second click on the same node still counts
      send("streamlit:setComponentValue", {
        value: { node: String(params.nodes[0]), at: Date.now() },
        dataType: "json",
      });
    }
  }

  function drawn(view) {
    network.once("afterDrawing", function () {
      document.body.setAttribute("data-drawn", view);
    });
  }

  function render(args) {
    var height = args.height || 620;
    container.style.height = height + "px";
    send("streamlit:setFrameHeight", { height: height });
    if (args.view_id === shownView) {
      return; // the same view as drawn: it stays as the user left it (zoom, pan, selection)
    }
    shownView = args.view_id;
    document.body.removeAttribute("data-drawn");
    var data = JSON.parse(args.view);
    if (network === null) {
      nodes = new vis.DataSet(data.nodes);
      edges = new vis.DataSet(data.edges);
      network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
      network.on("click", clicked);
      window.network = network; // for the browser tests, which find a node's place on screen
    } else {
      nodes.clear();
      edges.clear();
      nodes.add(data.nodes);
      edges.add(data.edges);
      network.setOptions(data.options);
      network.fit();
    }
    drawn(shownView);
    network.redraw();
  }

  window.addEventListener("message", function (event) {
    if (event.data && event.data.type === "streamlit:render") {
      render(event.data.args);
    }
  });
  send("streamlit:componentReady", { apiVersion: 1 });
})();
