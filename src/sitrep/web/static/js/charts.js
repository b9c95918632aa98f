// Charts (uPlot): events per month on the overview; competing claims per claimant on the overview
// and the claims page (one line per claimant, a band from its low to its high figure).
"use strict";
(function () {
  const el = sitrep.el;
  const day = s => Date.parse(s + "T00:00:00Z") / 1000;

  function width(node) {
    return Math.max(320, node.clientWidth || 600);
  }

  function monthsChart(node) {
    const months = JSON.parse(node.dataset.months || "[]");
    if (!months.length) { node.textContent = "No dated events yet."; return; }
    const xs = months.map(m => day(m.month + "-01"));
    const opts = {
      width: width(node), height: 220,
      series: [{}, {label: "events", stroke: "#2c3e50", fill: "rgba(44,62,80,0.25)", paths: uPlot.paths.bars({size: [0.8, 40]})},
               {label: "fatalities", stroke: "#c0392b", scale: "f"}],
      axes: [{}, {label: "events", size: 60}, {side: 1, scale: "f", label: "fatalities", size: 60, grid: {show: false}}],
      scales: {x: {time: true}},
    };
    new uPlot(opts, [xs, months.map(m => m.events), months.map(m => m.fatalities)], node);
  }

  function figureText(p) {
    if (p.low !== null && p.high !== null && p.low !== p.high) return p.low.toLocaleString("en") + "–" + p.high.toLocaleString("en");
    return p.figure === null ? "?" : p.figure.toLocaleString("en");
  }

  function pointsTable(target, series, colours) {
    if (!target) return;
    target.textContent = "";
    const rows = [];
    series.forEach(function (s, i) {
      for (const p of s.points) rows.push([p.date, s.claimant, p, colours[i]]);
    });
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const body = el("tbody", {}, rows.map(function ([date, claimant, p, colour]) {
      const swatch = el("span", {class: "swatch"});
      swatch.style.backgroundColor = colour;
      return el("tr", {}, [
        el("td", {text: date}), el("td", {}, [swatch, claimant]), el("td", {class: "num", text: figureText(p)}),
        el("td", {text: p.measure}), el("td", {text: p.certainty}),
        el("td", {}, [el("a", {class: "to-span", href: sitrep.path("documents", p.document_id) + "#span-claim-" + p.claim_id + "-0", text: "“" + (p.evidence || "…") + "”"})]),
      ]);
    }));
    target.appendChild(el("table", {class: "listing", id: "timeline-table"}, [
      el("thead", {}, [el("tr", {}, ["date", "claimant", "figure", "measure", "certainty", "evidence"].map(h => el("th", {text: h})))]), body]));
  }

  async function timelineChart(node, params) {
    node.textContent = "loading…";
    const data = await sitrep.getJSON("/api/claims/timeline?" + sitrep.query(params));
    node.textContent = "";
    const series = data.series.slice(0, sitrep.palette.length);
    const colours = series.map((s, i) => sitrep.palette[i]);
    node.dataset.series = String(series.length);
    pointsTable(document.getElementById("timeline-points"), series, colours);
    if (!series.length) { node.appendChild(el("p", {class: "note", text: "No claims with a figure for this subject."})); return; }
    const dates = Array.from(new Set(series.flatMap(s => s.points.map(p => p.date)))).sort();
    const xs = dates.map(day);
    const columns = [xs];
    const uSeries = [{}];
    const bands = [];
    series.forEach(function (s, i) {
      const byDate = {};
      for (const p of s.points) byDate[p.date] = p; // the last claim of a day stands for that day
      const pick = key => dates.map(d => (byDate[d] ? byDate[d][key] : null));
      const base = columns.length;
      columns.push(pick("figure"), pick("low"), pick("high"));
      uSeries.push({label: s.claimant, stroke: colours[i], width: 2, spanGaps: true, points: {show: true, size: 7}},
                   {label: s.claimant + " low", stroke: colours[i], width: 0, spanGaps: true, points: {show: false}},
                   {label: s.claimant + " high", stroke: colours[i], width: 0, spanGaps: true, points: {show: false}});
      bands.push({series: [base + 2, base + 1], fill: colours[i] + "33"});
    });
    new uPlot({width: width(node), height: 300, series: uSeries, bands: bands, legend: {show: false},
               scales: {x: {time: true}}, axes: [{}, {label: "people", size: 80, labelGap: 8}]}, columns, node);
    const legend = el("div", {class: "legend"});
    series.forEach(function (s, i) {
      const swatch = el("span", {class: "swatch"});
      swatch.style.backgroundColor = colours[i];
      legend.appendChild(el("span", {class: "legend-item"}, [swatch, s.claimant + " (" + s.points.length + ")"]));
    });
    node.appendChild(legend);
  }

  const months = document.getElementById("chart-months");
  if (months) monthsChart(months);

  const timeline = document.getElementById("chart-timeline");
  if (timeline) {
    const d = timeline.dataset;
    const params = {side: d.side, group: d.group, measure: d.measure, scope: d.scope};
    const form = document.getElementById("timeline-form");
    const draw = () => timelineChart(timeline, params).catch(err => { timeline.textContent = "could not load: " + err.message; });
    if (form) {
      form.addEventListener("change", function () {
        const [side, group] = (document.getElementById("t-subject").value || "|").split("|");
        Object.assign(params, {side: side, group: group, measure: document.getElementById("f-measure").value || "killed",
                               scope: document.getElementById("t-scope").value});
        draw();
      });
      form.addEventListener("submit", ev => ev.preventDefault());
    }
    if (d.side || d.group) draw();
  }
})();
