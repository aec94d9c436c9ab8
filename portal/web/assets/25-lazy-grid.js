// The preview grid is drawn when its slot comes near the screen: AG Grid's script (about
// 530 KB on the wire with the part it loads itself) is fetched only by visitors who reach a
// preview, never by pages without one. Once the script has run, the server is asked for the
// grid (grid-wanted), which Dash can then render.
(function () {
  "use strict";
  var watched = new WeakSet();
  var loading = null;

  function load(url) {
    if (window.dash_ag_grid) {
      return Promise.resolve();
    }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function want(slot) {
    load(slot.getAttribute("data-lazy-grid")).then(function () {
      if (window.dash_clientside && window.dash_clientside.set_props) {
        window.dash_clientside.set_props("grid-wanted", {data: Date.now()});
      }
    });
  }

  var near = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        near.unobserve(entry.target);
        want(entry.target);
      }
    });
  // "Near": within 300 px of the screen. A dataset page's downloads table (a row per file,
  // seven for a table with its .xlsx) puts the grid just below the first screen of a laptop;
  // it is still drawn at once there, and never on a page without a preview.
  }, {rootMargin: "300px 0px"}) : null;

  new MutationObserver(function () {
    document.querySelectorAll("[data-lazy-grid]").forEach(function (slot) {
      if (watched.has(slot) || slot.childElementCount > 0) {
        return;
      }
      watched.add(slot);
      if (near) {
        near.observe(slot);
      } else {
        want(slot);  // no way to tell what is on screen: draw at once
      }
    });
  }).observe(document.body, {childList: true, subtree: true});
})();
