// The map: offline outlines (Natural Earth) under clustered event markers coloured by type.
"use strict";
(function () {
  const el = sitrep.el;
  const container = document.getElementById("map");
  const form = document.getElementById("map-filters");
  const status = document.getElementById("marker-count");
  const map = L.map(container, {preferCanvas: true, minZoom: 3, maxZoom: 13}).setView([48.6, 33.5], 6);
  const tiles = container.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, {maxZoom: 18, attribution: "tiles: " + new URL(tiles.replace(/[{}]/g, "")).host}).addTo(map);
  }
  map.attributionControl.addAttribution("Natural Earth · GeoNames (CC BY 4.0)");

  const outlineStyles = {
    countries: {color: "#555", weight: 1.2, fillColor: "#f4f1ea", fillOpacity: tiles ? 0 : 1},
    admin1: {color: "#999", weight: 0.6, dashArray: "2 3", fill: false},
  };
  const outlines = {};
  sitrep.outlines = outlines;
  for (const name of ["countries", "admin1"]) {
    sitrep.getJSON("/static/vendor/basemap/" + name + ".geojson").then(function (geo) {
      outlines[name] = L.geoJSON(geo, {style: outlineStyles[name], interactive: false});
      outlines[name].addTo(map);
      if (outlines.countries) outlines.countries.bringToBack();
    });
  }
  if (!tiles) container.classList.add("offline");

  const cluster = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 45, showCoverageOnHover: false});
  map.addLayer(cluster);
  sitrep.map = map;  // for the browser tests and the console
  sitrep.cluster = cluster;

  function filters() {
    const data = new FormData(form);
    return Object.fromEntries(Array.from(data.entries()).filter(([, v]) => String(v).trim() !== ""));
  }

  function popupFor(point) {
    const [lat, lon, type, date, fatalities, documentId, eventId, location] = point;
    const sources = el("div", {class: "sources", text: "loading sources…"});
    const box = el("div", {class: "popup"}, [
      el("strong", {text: type}),
      el("div", {text: (date || "undated") + (location ? " · " + location : "")}),
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

  function marker(point) {
    const colour = sitrep.typeColours[point[2]] || "#333";
    const m = L.circleMarker([point[0], point[1]], {radius: 6, color: "#222", weight: 1, fillColor: colour, fillOpacity: 0.9});
    m.on("click", function () {
      const popup = popupFor(point);
      m.bindPopup(popup.box, {maxWidth: 320}).openPopup();
      popup.load();
    });
    return m;
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
      const n = data.points.length;
      status.textContent = n.toLocaleString("en") + " events on the map" + (data.truncated ? " (the newest " + data.limit.toLocaleString("en") + "; narrow the filters)" : "");
      status.dataset.count = String(n);
      status.dataset.state = "ready";
      if (n && !map._fitted) {
        map.fitBounds(cluster.getBounds(), {maxZoom: 8, padding: [20, 20]});
        map._fitted = true;
      }
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

  const legend = document.getElementById("legend");
  for (const [type, colour] of Object.entries(sitrep.typeColours)) {
    const swatch = el("span", {class: "swatch"});
    swatch.style.backgroundColor = colour;
    legend.appendChild(el("span", {class: "legend-item"}, [swatch, type]));
  }
  load();
})();
