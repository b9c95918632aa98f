// The map: the world's outlines (Natural Earth, served by this server) under clustered event markers.
// A marker's colour is its ACLED event type, the very colour the legend shows (sitrep.typeColour); a
// cluster is a ring cut in the colours of the events it holds. An event placed at an exact place (or
// near one) is a filled dot; one placed only as far as its region, an area or its country is a hollow
// ring drawn at that region's or area's point. Labels (countries, regions, towns, the places events name) appear with zoom.
"use strict";
(function () {
  const el = sitrep.el;
  const container = document.getElementById("map");
  const form = document.getElementById("map-filters");
  const status = document.getElementById("marker-count");
  const map = L.map(container, {preferCanvas: true, minZoom: 2, maxZoom: 13, worldCopyJump: true}).setView([48.6, 33.5], 5);
  const tiles = container.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, {maxZoom: 18, attribution: "tiles: " + new URL(tiles.replace(/[{}]/g, "")).host}).addTo(map);
  }
  map.attributionControl.addAttribution("Natural Earth · GeoNames (CC BY 4.0)");
  if (!tiles) container.classList.add("offline");

  // --- outlines: countries always, first-order regions from REGIONS_FROM_ZOOM on ----------------------
  const REGIONS_FROM_ZOOM = 4;
  map.createPane("outlines").style.zIndex = 250;
  const outlineStyles = {
    countries: {pane: "outlines", color: "#6b6b6b", weight: 1, fillColor: "#f4f1ea", fillOpacity: tiles ? 0 : 1},
    admin1: {pane: "outlines", color: "#a0a0a0", weight: 0.6, dashArray: "2 3", fill: false},
  };
  const outlines = {};
  sitrep.outlines = outlines;
  function showRegions() {
    if (!outlines.admin1) return;
    const wanted = map.getZoom() >= REGIONS_FROM_ZOOM;
    if (wanted && !map.hasLayer(outlines.admin1)) outlines.admin1.addTo(map);
    if (!wanted && map.hasLayer(outlines.admin1)) map.removeLayer(outlines.admin1);
  }
  const outlinesLoaded = ["countries", "admin1"].map(function (name) {
    return sitrep.getJSON("/static/vendor/basemap/" + name + ".geojson").then(function (geo) {
      outlines[name] = L.geoJSON(geo, {style: outlineStyles[name], interactive: false});
      if (name === "countries") outlines.countries.addTo(map).bringToBack();
      else showRegions();
    });
  });
  map.on("zoomend", showRegions);

  // --- labels --------------------------------------------------------------------------------------
  // [name, lat, lon, kind, min_zoom]: the basemap's (countries, regions, GeoNames towns) and the
  // places the events on the map name (from EVENT_PLACES_FROM_ZOOM on).
  const EVENT_PLACES_FROM_ZOOM = 7;
  const MAX_LABELS = 220;
  map.createPane("labels").style.zIndex = 350;  // over the outlines, under the markers
  const labelLayer = L.layerGroup().addTo(map);
  const labelData = {base: [], events: []};
  sitrep.labels = labelLayer;
  const labelRank = {event: 0, country: 1, region: 2, town: 3};

  function drawLabels() {
    labelLayer.clearLayers();
    const zoom = map.getZoom();
    const bounds = map.getBounds().pad(0.1);
    const wanted = labelData.events.concat(labelData.base)
      .filter(l => l[4] <= zoom && bounds.contains([l[1], l[2]]))
      .sort((a, b) => (labelRank[a[3]] - labelRank[b[3]]) || (a[4] - b[4]));  // stable: the file's order next
    const taken = [];  // pixel boxes already labelled: no label is drawn over another
    let shown = 0;
    for (const [name, lat, lon, kind] of wanted) {
      if (shown >= MAX_LABELS) break;
      const p = map.latLngToContainerPoint([lat, lon]);
      const w = name.length * (kind === "country" ? 7.5 : 6.2) + 6, h = 14;
      const left = kind === "event" ? p.x + 9 : p.x - w / 2;  // an event place's label sits beside its marker
      const box = [left, p.y - h / 2, left + w, p.y + h / 2];
      if (taken.some(b => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
      taken.push(box);
      const text = el("span", {text: name});
      labelLayer.addLayer(L.marker([lat, lon], {
        icon: L.divIcon({className: "place-label label-" + kind, html: text, iconSize: null}),
        interactive: false, keyboard: false, pane: "labels"}));
      shown += 1;
    }
    labelLayer.shown = shown;
  }
  sitrep.getJSON("/static/vendor/basemap/labels.json").then(function (data) {
    labelData.base = data.labels;
    drawLabels();
  });
  map.on("moveend", drawLabels);

  // --- markers -------------------------------------------------------------------------------------
  const AREA_PRECISIONS = new Set(["region", "area", "country"]);
  sitrep.isAreaPrecision = p => AREA_PRECISIONS.has(p);

  function clusterIcon(cluster) {
    // The ring: each type's share of the cluster's events, in the legend's colours.
    const byType = {};
    for (const m of cluster.getAllChildMarkers()) byType[m.options.eventType] = (byType[m.options.eventType] || 0) + 1;
    const total = cluster.getChildCount();
    const stops = [];
    let at = 0;
    for (const type of Object.keys(byType).sort()) {
      const colour = sitrep.typeColour(type);
      const end = at + 360 * byType[type] / total;
      stops.push(colour + " " + at.toFixed(1) + "deg " + end.toFixed(1) + "deg");
      at = end;
    }
    const size = total < 10 ? 30 : total < 100 ? 38 : 46;
    const ring = el("div", {class: "cluster-ring"}, [el("span", {text: total.toLocaleString("en")})]);
    ring.style.background = "conic-gradient(" + stops.join(", ") + ")";  // CSSOM: allowed by the CSP
    ring.dataset.types = Object.keys(byType).sort().join("|");
    return L.divIcon({html: ring, className: "event-cluster", iconSize: L.point(size, size)});
  }

  const cluster = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 45, showCoverageOnHover: false,
                                        iconCreateFunction: clusterIcon});
  map.addLayer(cluster);
  sitrep.map = map;  // for the browser tests and the console
  sitrep.cluster = cluster;

  function filters() {
    const data = new FormData(form);
    return Object.fromEntries(Array.from(data.entries()).filter(([, v]) => String(v).trim() !== ""));
  }

  function popupFor(point) {
    const [, , type, date, fatalities, documentId, eventId, location, precision] = point;
    const sources = el("div", {class: "sources", text: "loading sources…"});
    const where = (location || "") + (AREA_PRECISIONS.has(precision) ? " (placed only as far as the " + precision + ")" : "");
    const box = el("div", {class: "popup"}, [
      el("strong", {text: type}),
      el("div", {text: (date || "undated") + (where ? " · " + where : "")}),
      el("div", {text: "fatalities: " + (fatalities === null ? "not given" : fatalities)}),
      sources,
      el("a", {href: sitrep.path("events", documentId, eventId), class: "event-link", text: "open the event →"}),
    ]);
    return {box: box, load: function () {
      sitrep.getJSON("/api" + sitrep.path("events", documentId, eventId)).then(function (detail) {
        const e = detail.event;
        const items = [];
        const reports = detail.merged ? detail.merged.members : [{document_id: e.document_id, title: e.report_title, outlet: e.outlet, url: e.report_url}];
        for (const r of reports) {
          const li = el("li", {}, [el("a", {href: sitrep.path("documents", r.document_id), text: r.title || r.document_id})]);
          if (r.outlet) li.appendChild(el("span", {class: "outlet", text: " " + r.outlet}));
          const url = sitrep.safeUrl(r.url);
          if (url) li.appendChild(el("a", {href: url, class: "external", rel: "noopener noreferrer nofollow", target: "_blank", text: " original"}));
          items.push(li);
        }
        sources.textContent = "";
        sources.appendChild(el("span", {text: "sources:"}));
        sources.appendChild(el("ul", {}, items));
      }).catch(function () { sources.textContent = "sources unavailable"; });
    }};
  }

  // The one place a marker's look is decided (the legend draws its samples with the same function).
  sitrep.markerStyle = function (type, precision) {
    const colour = sitrep.typeColour(type);
    if (AREA_PRECISIONS.has(precision)) {
      return {radius: precision === "country" ? 11 : 9, color: colour, weight: 3, fillColor: colour, fillOpacity: 0.08,
              dashArray: precision === "country" ? "4 3" : null};
    }
    return {radius: 6, color: "#222", weight: 1, fillColor: colour, fillOpacity: 0.95};
  };

  function marker(point) {
    const [lat, lon, type, , , , , , precision] = point;
    const m = L.circleMarker([lat, lon], Object.assign({eventType: type, precision: precision || "exact"},
                                                        sitrep.markerStyle(type, precision)));
    m.point = point;
    m.on("click", function () {
      const popup = popupFor(point);
      m.bindPopup(popup.box, {maxWidth: 320}).openPopup();
      popup.load();
    });
    return m;
  }

  function eventPlaceLabels(points) {
    const seen = new Set();
    const out = [];
    for (const p of points) {
      const [lat, lon, , , , , , location, precision] = p;
      const key = location + "|" + lat + "|" + lon;
      if (!location || AREA_PRECISIONS.has(precision) || seen.has(key)) continue;
      seen.add(key);
      out.push([location, lat, lon, "event", EVENT_PLACES_FROM_ZOOM]);
    }
    return out;
  }

  let generation = 0;
  async function load() {
    const mine = ++generation;
    status.textContent = "loading…";
    status.dataset.state = "loading";
    const params = filters();
    try {
      const data = await sitrep.getJSON("/api/map?" + sitrep.query(params));
      if (mine !== generation) return;
      cluster.clearLayers();
      cluster.addLayers(data.points.map(marker));
      labelData.events = eventPlaceLabels(data.points);
      drawLegend(data.points);
      drawLabels();
      const n = data.points.length;
      status.textContent = n.toLocaleString("en") + " events on the map" + (data.truncated ? " (the newest " + data.limit.toLocaleString("en") + "; narrow the filters)" : "");
      status.dataset.count = String(n);
      if (n && !map._fitted) {
        // Not animated: an animated zoom ends a quarter-second later by moving the map to where it was
        // headed, undoing any view set meanwhile (a reader's first zoom, a script, a test).
        map.fitBounds(cluster.getBounds(), {maxZoom: 8, padding: [20, 20], animate: false});
        map._fitted = true;
      }
      await Promise.all(outlinesLoaded);
      status.dataset.state = "ready";
    } catch (err) {
      status.textContent = "could not load events: " + err.message;
      status.dataset.state = "error";
    }
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    history.replaceState(null, "", "/map?" + sitrep.query(filters()));
    load();
  });

  // --- legend: every type on the map (and the known ones), then what the shapes mean -----------------
  const legend = document.getElementById("legend");
  function sample(type, precision) {
    const style = sitrep.markerStyle(type, precision);
    const swatch = el("span", {class: "swatch"});
    swatch.style.backgroundColor = style.fillOpacity > 0.5 ? style.fillColor : "transparent";
    swatch.style.borderColor = style.color;
    swatch.style.borderWidth = style.weight > 1 ? "2px" : "1px";
    if (style.dashArray) swatch.style.borderStyle = "dashed";
    return swatch;
  }
  function drawLegend(points) {
    legend.textContent = "";
    const types = new Set(Object.keys(sitrep.typeColours));
    for (const p of points) types.add(p[2]);
    const byType = el("div", {class: "legend-row", id: "legend-types"});
    for (const type of Array.from(types).sort()) {
      const item = el("span", {class: "legend-item"}, [sample(type, "exact"), type]);
      item.dataset.type = type;
      item.dataset.colour = sitrep.typeColour(type);
      byType.appendChild(item);
    }
    const shapes = el("div", {class: "legend-row", id: "legend-precision"}, [
      el("span", {class: "legend-item"}, [sample("", "exact"), "filled dot: placed at a town or village (or near one)"]),
      el("span", {class: "legend-item"}, [sample("", "region"), "hollow ring: placed only as far as its region or an area, drawn at its centre"]),
      el("span", {class: "legend-item"}, [sample("", "country"), "dashed ring: placed only as far as the country"]),
      el("span", {class: "legend-item"}, [el("span", {class: "swatch cluster-sample"}), "cluster: the ring's colours are the shares of each type among its events"]),
    ]);
    legend.appendChild(byType);
    legend.appendChild(shapes);
  }
  drawLegend([]);
  load();
})();
