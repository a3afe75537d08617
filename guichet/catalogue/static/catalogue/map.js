/* The catalogue map: draws the points the page lists in its tables, page by page.
   Without JavaScript (or without Leaflet) the tables are the page; the map
   container stays hidden. The markers come as JSON from the address the page
   gives (data.points). One clustered layer per kind, switchable. */
(function () {
  "use strict";

  var container = document.getElementById("carte");
  var source = document.getElementById("carte-donnees");
  if (!container || !source || !window.L || !L.markerClusterGroup) {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!data.points || !window.fetch) {
    return;
  }
  container.hidden = false;

  var map = L.map(container, { scrollWheelZoom: false, zoomControl: false });
  L.control
    .zoom({ zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" })
    .addTo(map);
  map.attributionControl.setPrefix(false);
  L.tileLayer(container.dataset.tileUrl, {
    attribution: container.dataset.tileAttribution,
    maxZoom: 18,
  }).addTo(map);

  function popup(point) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    box.appendChild(link);
    if (point.commune) {
      var where = document.createElement("p");
      where.textContent = point.commune;
      box.appendChild(where);
    }
    return box;
  }

  var groups = {};
  var overlays = {};
  Object.keys(data.layers).forEach(function (kind) {
    groups[kind] = L.markerClusterGroup({ showCoverageOnHover: false });
    overlays[data.layers[kind]] = groups[kind];
  });

  Object.keys(groups).forEach(function (kind) {
    map.addLayer(groups[kind]);
  });
  L.control.layers(null, overlays, { collapsed: false }).addTo(map);
  map.setView([46.6, 2.4], 5); // mainland France, until the markers come

  function draw(markers) {
    var bounds = [];
    var byKind = {};
    markers.forEach(function (point) {
      var group = groups[point.kind];
      if (!group) {
        return;
      }
      var icon = L.divIcon({
        className: "map-marker map-marker--" + point.kind,
        iconSize: [18, 18],
      });
      var label = data.layers[point.kind] + " : " + point.title;
      (byKind[point.kind] = byKind[point.kind] || []).push(
        L.marker([point.lat, point.lon], { icon: icon, title: label }).bindPopup(
          popup(point),
        ),
      );
      bounds.push([point.lat, point.lon]);
    });
    // In one go per layer: the cluster plug-in groups a batch far faster than one by one.
    Object.keys(byKind).forEach(function (kind) {
      groups[kind].addLayers(byKind[kind]);
    });

    if (bounds.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
    }
  }

  fetch(data.points, { headers: { Accept: "application/json" } })
    .then(function (response) {
      return response.ok ? response.json() : { markers: [] };
    })
    .then(function (found) {
      draw(found.markers || []);
    })
    .catch(function () {
      container.hidden = true; // the tables below still hold every point
    });
})();
