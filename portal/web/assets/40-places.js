// The dataset page's URL follows its table's filters and "near a place" (both written by the
// server into #page-query's data attributes), so a filtered view can be linked and reloaded;
// "From my location" asks the browser for its position (portal.web.components.places).
(function () {
  "use strict";

  function follow(element) {
    var query = element.getAttribute("data-filters") || "";
    var near = element.getAttribute("data-near") || "";
    var parts = query ? [query] : [];
    if (near) {
      parts.push("near=" + encodeURIComponent(near));
    }
    var search = parts.length ? "?" + parts.join("&") : "";
    if (search !== window.location.search) {
      window.history.replaceState(window.history.state, "",
                                  window.location.pathname + search + window.location.hash);
    }
  }

  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.target.id === "page-query") {
        follow(change.target);
      }
    });
  }).observe(document.body, {subtree: true, attributes: true,
                             attributeFilter: ["data-filters", "data-near"]});

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#near-here");
    if (!button || !window.dash_clientside || !window.dash_clientside.set_props) {
      return;
    }
    var failed = function () {
      window.dash_clientside.set_props("near-status", {children: button.getAttribute("data-failed")});
    };
    if (!navigator.geolocation) {
      return failed();
    }
    navigator.geolocation.getCurrentPosition(function (position) {
      var here = position.coords.latitude.toFixed(6) + "," + position.coords.longitude.toFixed(6);
      window.dash_clientside.set_props("near-status", {children: ""});
      window.dash_clientside.set_props("near", {data: here});
    }, failed, {enableHighAccuracy: false, timeout: 10000, maximumAge: 60000});
  });
})();
