// Charts and maps are drawn when their slot comes near the screen: plotly.js (330 KB on the
// wire) is fetched only by visitors who scroll to a chart. Dash renders the slots after the
// page loads, and again on each page change, so new ones are watched for.
(function () {
  "use strict";
  var watched = new WeakSet();

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
  new MutationObserver(function () {
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
  }).observe(document.body, {childList: true, subtree: true});
})();
