// Draws every map slot ([data-map]) with Leaflet on 地理院タイル (data-map-tiles). Loaded, with Leaflet, only
// when a map scrolls into view (assets/30-lazy-figures.js). Popups are built from text nodes,
// never HTML, so a cell cannot inject markup.
(function () {
  "use strict";
  var ATTRIBUTION = '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル</a>';
  var COLOUR = "#0b5ed7";

  function popup(properties, labels) {
    var box = document.createElement("div");
    box.className = "map-popup";
    if (properties._count) {
      box.textContent = labels.cluster.replace("{n}", properties._count);
      return box;
    }
    var table = document.createElement("table");
    Object.keys(properties).forEach(function (name) {
      var row = table.insertRow();
      var head = document.createElement("th");
      head.scope = "row";
      head.textContent = name;
      row.appendChild(head);
      row.insertCell().textContent = String(properties[name]);
    });
    box.appendChild(table);
    return box;
  }

  function marker(feature, latlng) {
    var count = feature.properties._count || 1;
    return L.circleMarker(latlng, {
      radius: count > 1 ? Math.min(22, 8 + 2 * Math.log2(count)) : 7,
      color: "#ffffff", weight: 2, fillColor: COLOUR, fillOpacity: count > 1 ? 0.6 : 0.9
    });
  }

  function drawOne(slot) {
    slot.setAttribute("data-map-drawn", "true");
    var layer = JSON.parse(slot.getAttribute("data-map"));
    var labels = JSON.parse(slot.getAttribute("data-map-labels"));
    var canvas = slot.querySelector(".map-canvas");
    var map = L.map(canvas, {scrollWheelZoom: false, tap: true});
    map.attributionControl.setPrefix(false);
    L.tileLayer(slot.getAttribute("data-map-tiles"), {attribution: ATTRIBUTION, minZoom: 5, maxZoom: 18}).addTo(map);
    var drawn = L.geoJSON(layer, {
      pointToLayer: marker,
      style: function () { return {color: COLOUR, weight: 2, fillOpacity: 0.25}; },
      onEachFeature: function (feature, item) {
        item.bindPopup(popup(feature.properties || {}, labels), {maxWidth: 280, maxHeight: 240});
      }
    }).addTo(map);
    map.fitBounds(drawn.getBounds(), {padding: [16, 16], maxZoom: 15});
    // Leaflet's own buttons get the page's language.
    var zoomIn = canvas.querySelector(".leaflet-control-zoom-in");
    var zoomOut = canvas.querySelector(".leaflet-control-zoom-out");
    if (zoomIn && zoomOut) {
      zoomIn.title = labels.zoomIn;
      zoomIn.setAttribute("aria-label", labels.zoomIn);
      zoomOut.title = labels.zoomOut;
      zoomOut.setAttribute("aria-label", labels.zoomOut);
    }
    slot.classList.add("map-drawn");
  }

  window.portalDrawMaps = function () {
    document.querySelectorAll("[data-map]:not([data-map-drawn])").forEach(drawOne);
  };
  window.portalDrawMaps();
})();
