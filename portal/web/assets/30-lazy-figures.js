// Charts and maps are drawn when their slot comes near the screen: plotly.js (330 KB on the
// wire) is fetched only by visitors who scroll to a chart. Dash renders the slots after the
// page loads, and again on each page change, so new ones are watched for.
(function () {
  "use strict";
  var watched = new WeakSet();
  var mapScripts = null;

  // A drawn map brings its style and scripts (data-map-scripts) once, run in order.
  function drawMaps(slot) {
    if (window.portalDrawMaps) {
      return window.portalDrawMaps();
    }
    mapScripts = mapScripts || JSON.parse(slot.dataset.mapScripts).map(function (src) {
      var css = /\.css/.test(src), tag = document.createElement(css ? "link" : "script");
      css ? (tag.rel = "stylesheet", tag.href = src) : (tag.src = src, tag.async = false);
      return document.head.appendChild(tag);
    });
  }

  function draw() {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("figures-wanted", {data: true});
    }
  }

  var near = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    if (entries.some(function (entry) { return entry.isIntersecting; })) {
      near.disconnect();
      draw();
    }
  }, {rootMargin: "0px"}) : null;

  // The preview grid above the slots is drawn into a slot of its own height, so the slots
  // are where the reader will find them from the start.
  new MutationObserver(function (changes) {
    var map = document.querySelector("[data-map]:not([data-map-drawn])");
    if (map) {
      drawMaps(map);
    } else if (window.portalDrawMaps && changes.some(function (change) {
      return change.type === "attributes";
    })) {
      window.portalDrawMaps();  // the table's filters gave a drawn map a new layer
    }
    document.querySelectorAll("[data-lazy-figure]").forEach(function (slot) {
      if (watched.has(slot) || slot.childElementCount > 0) {
        return;
      }
      watched.add(slot);
      if (near) {
        near.observe(slot);
      } else {
        draw();  // no way to tell what is on screen: draw at once
      }
    });
  }).observe(document.body, {childList: true, subtree: true, attributes: true,
                              attributeFilter: ["data-map"]});
})();
