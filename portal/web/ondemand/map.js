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

  // A slot's data-map changes when the table's filters do: the map is drawn again.
  var drawnMaps = new WeakMap();

  function drawOne(slot) {
    var source = slot.getAttribute("data-map");
    var previous = drawnMaps.get(slot);
    if (previous && previous.source === source) {
      return;
    }
    var view = previous ? {center: previous.map.getCenter(), zoom: previous.map.getZoom()} : null;
    if (previous) {
      previous.map.remove();
    }
    slot.setAttribute("data-map-drawn", "true");
    var layer = JSON.parse(source);
    var labels = JSON.parse(slot.getAttribute("data-map-labels"));
    var canvas = slot.querySelector(".map-canvas");
    var map = L.map(canvas, {scrollWheelZoom: false, tap: true});
    drawnMaps.set(slot, {source: source, map: map});
    map.attributionControl.setPrefix(false);
    L.tileLayer(slot.getAttribute("data-map-tiles"), {attribution: ATTRIBUTION, minZoom: 5, maxZoom: 18}).addTo(map);
    var drawn = L.geoJSON(layer, {
      pointToLayer: marker,
      style: function () { return {color: COLOUR, weight: 2, fillOpacity: 0.25}; },
      onEachFeature: function (feature, item) {
        item.bindPopup(popup(feature.properties || {}, labels), {maxWidth: 280, maxHeight: 240});
      }
    }).addTo(map);
    if (layer.features && layer.features.length) {
      map.fitBounds(drawn.getBounds(), {padding: [16, 16], maxZoom: 15});
    } else if (view) {
      map.setView(view.center, view.zoom);  // nothing matches: stay where the reader was
    } else {
      map.setView([36.5, 139.7], 10);
    }
    // Leaflet's own buttons get the page's language.
    var zoomIn = canvas.querySelector(".leaflet-control-zoom-in");
    var zoomOut = canvas.querySelector(".leaflet-control-zoom-out");
    if (zoomIn && zoomOut) {
      zoomIn.title = labels.zoomIn;
      zoomIn.setAttribute("aria-label", labels.zoomIn);
      zoomOut.title = labels.zoomOut;
      zoomOut.setAttribute("aria-label", labels.zoomOut);
    }
    (slot.closest(".dataset-map") || slot).classList.add("map-drawn");
    slot.setAttribute("data-map-count", String(layer.features ? layer.features.length : 0));
  }

  window.portalDrawMaps = function () {
    document.querySelectorAll("[data-map]").forEach(drawOne);
  };
  window.portalDrawMaps();
})();
